--TEST--
Hooks: pcntl_fork() throws while a coroutine other than the main one lives (queued, or waiting), with upstream's message; once they have ended it forks, and the child runs coroutines on its own loop
--EXTENSIONS--
pcntl
--FILE--
<?php
use function Async\{spawn, await, delay};

$queued = spawn(fn() => 1);
try { pcntl_fork(); echo "forked\n"; } catch (Error $e) { echo $e->getMessage(), "\n"; }
await($queued);

$waiting = spawn(fn() => delay(10000));
delay(5);
try { pcntl_fork(); echo "forked\n"; } catch (Error $e) { echo "refused while one waits\n"; }
$waiting->cancel();
try { await($waiting); } catch (Async\AsyncCancellation $e) {}

$pid = pcntl_fork();
if ($pid === 0) {
    exit(await(spawn(function () { delay(5); return 3; })));
}
pcntl_waitpid($pid, $status);
echo "child exited with ", pcntl_wexitstatus($status), "\n";
?>
--EXPECT--
Cannot fork() while coroutines other than the main one are running. fork() is only allowed when just the main coroutine is active.
refused while one waits
child exited with 3
