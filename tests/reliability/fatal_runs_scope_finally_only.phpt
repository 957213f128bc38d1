--TEST--
Reliability: after a fatal error in one coroutine (memory_limit, E_USER_ERROR, in the main script too) no other coroutine runs again (their finally blocks do not, as in stock PHP); shutdown functions run, then Scope::finally handlers (as upstream), which cannot wait; a fatal error in one of them ends them all
--SKIPIF--
<?php if (getenv("USE_ZEND_ALLOC") === "0") die("skip Zend MM disabled (memory_limit is not enforced)"); ?>
--FILE--
<?php
$script = <<<'PHP'
<?php
use function Async\{spawn, delay};
register_shutdown_function(function () { echo "shutdown function\n"; });
$scope = new Async\Scope();
$scope->finally(function ($s) {
    echo "scope finally 1 ", get_class($s), "\n";
    try { delay(1); } catch (Error $e) { echo "cannot wait: ", $e->getMessage(), "\n"; }
});
$scope->finally(function () {
    echo "scope finally 2\n";
    if (($GLOBALS['argv'][3] ?? '') === 'again') trigger_error("again", E_USER_ERROR);
});
$other = new Async\Scope();
$other->finally(function () { echo "other scope finally\n"; });
$server = stream_socket_server("tcp://127.0.0.1:0");
$holder = spawn(function () use ($server) {
    try { stream_socket_accept($server, 5); } finally { echo "holder finally (wrong)\n"; }
});
$scope->spawn(function () { try { delay(5000); } finally { echo "scoped finally (wrong)\n"; } });
$boom = function () {
    if ($GLOBALS['argv'][1] === 'user') trigger_error("boom", E_USER_ERROR);
    $a = [];
    while (true) $a[] = str_repeat('x', 100000);
};
if ($GLOBALS['argv'][2] === 'main') { delay(10); $boom(); }
spawn(function () use ($boom) { delay(10); $boom(); });
try { delay(3000); } finally { echo "main finally (wrong)\n"; }
PHP;
$file = __DIR__ . '/fatal_runs_scope_finally_only.tmp.php';
file_put_contents($file, $script);
foreach (['oom coroutine', 'oom main', 'user coroutine', 'user main', 'user coroutine again'] as $case) {
    [$kind, $where, $again] = explode(' ', $case) + [2 => ''];
    echo "== $case\n";
    $cmd = PHP_BINARY . ' -n -d extension_dir=' . escapeshellarg(ini_get('extension_dir'))
        . ' -d extension=async -d memory_limit=16M -d display_errors=1 -d error_reporting=' . (E_ALL & ~E_DEPRECATED) // PHP 8.4 deprecates E_USER_ERROR
        . ' ' . escapeshellarg($file) . " $kind $where $again 2>&1";
    exec($cmd, $out, $status);
    foreach ($out as $line) if ($line !== '') echo preg_replace('/ in \S+ on line \d+/', '', $line), "\n";
    echo "exit $status\n";
    $out = [];
}
?>
--CLEAN--
<?php @unlink(__DIR__ . '/fatal_runs_scope_finally_only.tmp.php'); ?>
--EXPECTF--
== oom coroutine
Fatal error: Allowed memory size of 16777216 bytes exhausted (tried to allocate %d bytes)
shutdown function
scope finally 1 Async\Scope
cannot wait: Cannot wait: this code runs inside the scheduler (a destructor or a callback it called)
scope finally 2
other scope finally
exit 255
== oom main
Fatal error: Allowed memory size of 16777216 bytes exhausted (tried to allocate %d bytes)
shutdown function
scope finally 1 Async\Scope
cannot wait: Cannot wait: this code runs inside the scheduler (a destructor or a callback it called)
scope finally 2
other scope finally
exit 255
== user coroutine
Fatal error: boom
shutdown function
scope finally 1 Async\Scope
cannot wait: Cannot wait: this code runs inside the scheduler (a destructor or a callback it called)
scope finally 2
other scope finally
exit 255
== user main
Fatal error: boom
shutdown function
scope finally 1 Async\Scope
cannot wait: Cannot wait: this code runs inside the scheduler (a destructor or a callback it called)
scope finally 2
other scope finally
exit 255
== user coroutine again
Fatal error: boom
shutdown function
scope finally 1 Async\Scope
cannot wait: Cannot wait: this code runs inside the scheduler (a destructor or a callback it called)
scope finally 2
Fatal error: again
exit 255
