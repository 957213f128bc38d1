--TEST--
Scheduler: an exception nobody awaits ends the script like an uncaught exception, after the others were cancelled and their finally blocks ran (with async.debug_uncaught=1, a warning placed where the coroutine was spawned names it)
--INI--
async.debug_uncaught=1
--FILE--
<?php
use function Async\{spawn, delay};
spawn(function () { delay(5); throw new LogicException("nobody awaits me"); });
spawn(function () { try { delay(10000); } finally { echo "finally of the sleeper ran\n"; } });
echo "main ends\n";
?>
--EXPECTF--
main ends
finally of the sleeper ran

Warning: Uncaught LogicException ended coroutine #2, which was spawned here; it ends the application in %s on line 3

Fatal error: Uncaught LogicException: nobody awaits me in %s:3
Stack trace:
#0 [internal function]: {closure%S}()
#1 {main}
  thrown in %s on line 3
