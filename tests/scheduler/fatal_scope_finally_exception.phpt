--TEST--
Scope::finally handlers run after a fatal error: what they throw goes to the Scope's exception handler (each exception on its own, null for the coroutine), as upstream; a Scope without one, or an exception handler that throws, reports it as an uncaught exception that ends the handlers left
--INI--
pcre.jit=0
--FILE--
<?php
$script = <<<'PHP'
<?php
use Async\Scope;
$handled = new Scope();
$handled->setExceptionHandler(function ($scope, $coroutine, $e) {
    if (($GLOBALS['argv'][1] ?? '') === 'throwing') throw new UnexpectedValueException("from the handler");
    echo "handler: ", get_class($e), " ", $e->getMessage(), ", same scope: ", json_encode($scope === $GLOBALS['handled']),
        ", coroutine: ", json_encode($coroutine), "\n";
});
$handled->finally(function () { echo "finally 1\n"; throw new RuntimeException("first"); });
$handled->finally(function () { echo "finally 2\n"; });
$handled->finally(function () { echo "finally 3\n"; throw new LogicException("second"); });
$handled->spawn(fn() => Async\delay(5000));
if (($argv[1] ?? '') === 'unhandled') {
    $bare = new Scope();
    $bare->finally(function () { throw new DomainException("nobody handles it"); });
    $bare->spawn(fn() => Async\delay(5000));
}
Async\delay(1);
trigger_error("boom", E_USER_ERROR);
PHP;
$file = tempnam(sys_get_temp_dir(), 'fatal');
file_put_contents($file, $script);
foreach (['handled', 'unhandled', 'throwing'] as $case) {
    echo "== $case\n";
    $cmd = escapeshellarg(getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY) . ' -n -d extension_dir=' . escapeshellarg(ini_get('extension_dir'))
        . ' -d extension=async -d display_errors=1 -d error_reporting=' . (E_ALL & ~E_DEPRECATED)
        . ' ' . escapeshellarg($file) . " $case 2>&1";
    exec($cmd, $out, $status);
    foreach ($out as $line) if ($line !== '') echo preg_replace('/ in \S+(:\d+| on line \d+)/', '', $line), "\n";
    echo "exit $status\n";
    $out = [];
}
unlink($file);
?>
--EXPECTF--
== handled
Fatal error: boom
finally 1
handler: RuntimeException first, same scope: true, coroutine: null
finally 2
finally 3
handler: LogicException second, same scope: true, coroutine: null
exit 255
== unhandled
Fatal error: boom
finally 1
handler: RuntimeException first, same scope: true, coroutine: null
finally 2
finally 3
handler: LogicException second, same scope: true, coroutine: null
Fatal error: Uncaught DomainException: nobody handles it
Stack trace:
#0 [internal function]: {closure%S}(Object(Async\Scope))
#1 {main}
  thrown
exit 255
== throwing
Fatal error: boom
finally 1
Fatal error: Uncaught UnexpectedValueException: from the handler
Stack trace:
#0 [internal function]: {closure%S}(Object(Async\Scope), NULL, Object(RuntimeException))
#1 {main}
  thrown
exit 255
