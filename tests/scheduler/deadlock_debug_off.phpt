--TEST--
Scheduler: with async.debug_deadlock=0 the DeadlockError's message is its first line only (upstream's: no active coroutines, how many wait); ini_get() reads the setting, a bad value is refused
--INI--
async.debug_deadlock=0
--FILE--
<?php
use function Async\{spawn, await, suspend};
var_dump(ini_get("async.debug_deadlock"));
var_dump(ini_set("async.debug_deadlock", "banana"));
var_dump(ini_get("async.debug_deadlock"));
$a = null;
$b = null;
// $a and $b hold each other: a cycle PHP leaves to its GC; collected so valgrind checks only ours.
register_shutdown_function(function () { unset($GLOBALS['a'], $GLOBALS['b']); gc_collect_cycles(); });
$a = spawn(function () use (&$b) { suspend(); await($b); });
$b = spawn(function () use ($a) { suspend(); await($a); });
await($a);
?>
--EXPECTF--
string(1) "0"

Warning: async.debug_deadlock must be On or Off (1 or 0), "banana" given: the setting is unchanged in %s on line 4
bool(false)
string(1) "0"

Fatal error: Uncaught Async\DeadlockError: Deadlock detected: no active coroutines, 3 coroutines in waiting in [no active file]:0
Stack trace:
#0 {main}
  thrown in [no active file] on line 0
