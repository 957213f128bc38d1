--TEST--
Scheduler: by default (async.debug_uncaught=0) a coroutine's uncaught exception is reported as PHP's fatal error alone, as upstream, without the warning naming the coroutine and where it was spawned; ini_set() turns that warning on at run time
--FILE--
<?php
use function Async\{spawn, delay};
var_dump(ini_get('async.debug_uncaught'));
spawn(function () { delay(5); throw new LogicException("nobody awaits me"); });
echo "main ends\n";
?>
--EXPECTF--
string(1) "0"
main ends

Fatal error: Uncaught LogicException: nobody awaits me in %s:4
Stack trace:
#0 [internal function]: {closure%S}()
#1 {main}
  thrown in %s on line 4
