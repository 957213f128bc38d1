--TEST--
Scheduler: when the main script throws, the other coroutines are cancelled (finally runs), then the exception is reported
--FILE--
<?php
use function Async\{spawn, delay};
spawn(function () { try { delay(10000); } finally { echo "cleanup ran\n"; } });
Async\suspend();
throw new LogicException("main throws");
?>
--EXPECTF--
cleanup ran

Fatal error: Uncaught LogicException: main throws in %s:5
Stack trace:
#0 {main}
  thrown in %s on line 5
