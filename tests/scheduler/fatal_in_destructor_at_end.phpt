--TEST--
Scheduler: a fatal error in a destructor that a coroutine's end ran, or that the scheduler ran between two coroutines, ends the request as a fatal error does (shutdown functions run, exit status 255), from the main context
--SKIPIF--
<?php
// After a fatal error stock PHP itself leaks, when the Zend allocator is off (the valgrind run), its
// compiled code: this test runs its children under valgrind itself, without the leak check.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip a fatal error leaks PHP\'s own compiled code under valgrind');
if (!is_executable('/usr/bin/valgrind')) die('skip valgrind is not installed');
?>
--FILE--
<?php
$cases = [
    'at the end of a coroutine' => 'spawn(fn() => new F());',
    'between two coroutines' => 'spawn(function () { $c = spawn(fn($a) => 1, new F()); $c->cancel(); unset($c); });',
];
foreach ($cases as $what => $code) {
    $file = tempnam(sys_get_temp_dir(), 'fatal');
    file_put_contents($file, '<?php
use function Async\{spawn, delay};
class F { function __destruct() { echo "destructor\n"; trigger_error("fatal in a destructor", E_USER_ERROR); } }
register_shutdown_function(function () { echo "shutdown function runs\n"; });
' . $code . '
delay(10);
echo "not reached\n";');
    // PHP 8.4 deprecates E_USER_ERROR in trigger_error() but still makes it fatal, which is what
    // this test needs; the deprecation notice is not part of it.
    $php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async',
        '-d', 'display_errors=1', '-d', 'html_errors=0', '-d', 'error_reporting=' . (E_ALL & ~E_DEPRECATED), $file]));
    exec("$php 2>&1", $output, $status);
    echo "== $what (exit status $status)\n", implode("\n", array_filter($output, 'strlen')), "\n";
    $output = [];
    // Under valgrind: no invalid access (before the fix, PHP's shutdown freed the coroutine
    // context's VM page, which is on its C stack, and a destructor ran without a VM stack).
    exec("USE_ZEND_ALLOC=0 /usr/bin/valgrind -q --leak-check=no $php 2>&1", $output);
    echo "invalid accesses under valgrind: ", count(preg_grep('/^==\d+== (Invalid|Conditional|Use of)/', $output)), "\n";
    $output = [];
    unlink($file);
}
?>
--EXPECTF--
== at the end of a coroutine (exit status 255)
destructor
Fatal error: fatal in a destructor in %s on line 3
shutdown function runs
invalid accesses under valgrind: 0
== between two coroutines (exit status 255)
destructor
Fatal error: fatal in a destructor in %s on line 3
shutdown function runs
invalid accesses under valgrind: 0
