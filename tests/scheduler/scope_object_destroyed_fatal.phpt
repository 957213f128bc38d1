--TEST--
Scope and Channel: after a fatal error (PHP skips destructors) a Scope object freed while its coroutines still hold it, and a Channel freed while a recvAsync() Future waits on it, leave nothing dangling
--SKIPIF--
<?php
// After a fatal error stock PHP itself leaks its compiled code when the Zend allocator is off (the
// valgrind run): this test runs its child under valgrind itself, without the leak check.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip a fatal error leaks PHP\'s own compiled code under valgrind');
if (!is_executable('/usr/bin/valgrind')) die('skip valgrind is not installed');
?>
--FILE--
<?php
$file = tempnam(sys_get_temp_dir(), 'scope');
file_put_contents($file, '<?php
use Async\Scope;
use function Async\{suspend, delay};
$scope = new Scope();
$child = Scope::inherit($scope);
$scope->spawn(function () { delay(1000); });
$child->spawn(function () { delay(1000); });
$kept = $scope->spawn(function () { delay(1000); });
$futures = [];                  // declared first: the symbol table frees it after the channel
$channel = new Async\Channel();
$futures[] = $channel->recvAsync();
suspend();
echo "fatal\n";
trigger_error("boom", E_USER_ERROR);');
$php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async', '-d', 'display_errors=1', '-d', 'html_errors=0', $file]));
// The scope objects go with the symbol table while the coroutines still hold them.
exec("USE_ZEND_ALLOC=0 /usr/bin/valgrind -q --leak-check=no $php 2>&1", $output, $status);
echo implode("\n", array_filter($output, fn($line) => strlen($line) && !preg_match('/^==\d+==/', $line))), "\n";
echo "exit status $status\n";
echo "invalid accesses under valgrind: ", count(preg_grep('/^==\d+== (Invalid|Conditional|Use of)/', $output)), "\n";
unlink($file);
?>
--EXPECTF--
fatal
%AFatal error: boom in %s on line %d
exit status 255
invalid accesses under valgrind: 0
