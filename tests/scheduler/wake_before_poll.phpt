--TEST--
Scheduler and reactor: a timer that is already due when the loop runs wakes its coroutine at once, even while other I/O keeps the loop busy (no wait for that I/O)
--EXTENSIONS--
async_test
--FILE--
<?php
use function Async\{spawn, await, delay};
$sleeper = spawn(function () { delay(5); return "woke"; });
$busy = spawn(function () { $end = hrtime(true) + 50e6; while (hrtime(true) < $end); }); // the timer is due after this
$io = spawn(fn() => async_test_exec('exec', 'sleep 2'));                                   // I/O that takes 2 s
$t = hrtime(true);
var_dump(await($sleeper));
$ms = (hrtime(true) - $t) / 1e6;
var_dump($ms < 1000); // before the fix the loop polled until the command ended: 2 s
$io->cancel();
try { await($io); } catch (Async\AsyncCancellation $e) { echo "command cancelled\n"; }
?>
--EXPECT--
string(4) "woke"
bool(true)
command cancelled
