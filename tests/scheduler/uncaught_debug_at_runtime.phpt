--TEST--
Scheduler: async.debug_uncaught set with ini_set() at run time adds the warning naming the coroutine an uncaught exception ended, at the line that spawned it
--FILE--
<?php
use function Async\{spawn, delay};
var_dump(ini_set('async.debug_uncaught', '1'));
spawn(function () { delay(5); throw new LogicException("nobody awaits me"); });
echo "main ends\n";
?>
--EXPECTF--
string(1) "0"
main ends

Warning: Uncaught LogicException ended coroutine #2, which was spawned here; it ends the application in %s on line 4

Fatal error: Uncaught LogicException: nobody awaits me in %s:4
Stack trace:
#0 [internal function]: {closure%S}()
#1 {main}
  thrown in %s on line 4
