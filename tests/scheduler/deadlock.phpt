--TEST--
Scheduler: a deadlock ends with DeadlockError saying who waits for what, after the waiting coroutines' finally blocks ran; never a hang
--FILE--
<?php
use function Async\{spawn, await, suspend};
// $a and $b hold each other (closures, exception traces): a cycle PHP leaves to its GC; collect it so
// the valgrind run checks only what is ours.
register_shutdown_function(function () { unset($GLOBALS['a'], $GLOBALS['b']); gc_collect_cycles(); });
$a = spawn(function () use (&$b) { suspend(); try { return await($b); } finally { echo "a's finally ran\n"; } });
$b = spawn(function () use ($a) { return await($a); });
await($a);
echo "not reached\n";
?>
--EXPECTF--
a's finally ran

Fatal error: Uncaught Async\DeadlockError: Deadlock detected: no active coroutines, %d coroutines in waiting
  coroutine #%d (spawned at %s:6) suspended at %s:6, waiting for coroutine #%d (spawned at %s:7)
  coroutine #%d (spawned at %s:7) suspended at %s:7, waiting for coroutine #%d (spawned at %s:6)
  the main script suspended at %s:8, waiting for coroutine #%d (spawned at %s:6) in %s
Stack trace:
%A
