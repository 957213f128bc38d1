--TEST--
Hooks: pcntl_fork() throws an Error while coroutines other than the main script are alive (called from the main script or from a coroutine); once they have ended it forks, and the child can spawn and wait
--EXTENSIONS--
pcntl
--FILE--
<?php
use function Async\{spawn, await, delay};

$sleeper = spawn(fn() => delay(10000));
try {
    pcntl_fork();
    echo "forked\n";
} catch (Error $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
$inner = spawn(function () {
    try { pcntl_fork(); } catch (Error $e) { return "in a coroutine: refused"; }
    return "forked";
});
echo await($inner), "\n";
$sleeper->cancel();
try { await($sleeper); } catch (Async\AsyncCancellation) {}

$pid = pcntl_fork();
if ($pid === 0) {
    echo "child: ", await(spawn(function () { delay(5); return "spawn and delay work"; })), "\n";
    exit(7);
}
pcntl_waitpid($pid, $status);
echo "parent: child exited with ", pcntl_wexitstatus($status), "\n";
?>
--EXPECT--
Error: Cannot fork() while coroutines other than the main one are running. fork() is only allowed when just the main coroutine is active.
in a coroutine: refused
child: spawn and delay work
parent: child exited with 7
