--TEST--
Scheduler: an AsyncCancellation leaving the main script (it awaited a cancelled coroutine, or graceful_shutdown() cancelled it) ends the script without an error message and with status 0, as upstream; other exceptions and a coroutine's uncaught error are still reported
--FILE--
<?php
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
function run(string $php, string $code): void {
    $cmd = escapeshellarg($php) . ' -n -d extension_dir=' . escapeshellarg(ini_get('extension_dir'))
        . ' -d extension=async -d display_errors=1 -r ' . escapeshellarg($code) . ' 2>&1';
    exec($cmd, $out, $status);
    // Without the file names (no preg: PCRE's JIT trips valgrind).
    $out = array_map(fn($line) => ($p = strpos($line, ' in ')) === false ? $line : substr($line, 0, $p), $out);
    $text = implode("\n", $out);
    echo $text === '' ? '' : "$text\n", "status $status\n";
}

echo "-- awaiting a cancelled coroutine, uncaught\n";
run($php, <<<'PHP'
use function Async\{spawn, await, suspend};
$c = spawn(function () { try { suspend(); } finally { echo "child finally\n"; } });
suspend();
$c->cancel();
await($c);
echo "not reached\n";
PHP);

echo "-- graceful_shutdown() cancels the main script\n";
run($php, <<<'PHP'
use function Async\{spawn, delay, graceful_shutdown};
spawn(fn() => graceful_shutdown());
try { delay(1000); } finally { echo "main finally\n"; }
echo "not reached\n";
PHP);

echo "-- another exception is reported as before\n";
run($php, <<<'PHP'
use function Async\{spawn, await};
await(spawn(fn() => null));
throw new RuntimeException("boom");
PHP);

echo "-- a coroutine's uncaught error that came meanwhile is still reported\n";
run($php, <<<'PHP'
use function Async\{spawn, await, suspend, delay};
$c = spawn(fn() => suspend());
spawn(function () { throw new LogicException("child failed"); });
suspend();
$c->cancel();
await($c);
PHP);
?>
--EXPECTF--
-- awaiting a cancelled coroutine, uncaught
child finally
status 0
-- graceful_shutdown() cancels the main script
main finally
status 0
-- another exception is reported as before

Fatal error: Uncaught RuntimeException: boom
%A
status 255
-- a coroutine's uncaught error that came meanwhile is still reported
%AFatal error: Uncaught LogicException: child failed
%A
status 255
