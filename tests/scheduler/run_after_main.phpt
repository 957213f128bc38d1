--TEST--
Scheduler: coroutines still running when the script ends are run to completion before PHP shuts down
--FILE--
<?php
use function Async\{spawn, delay};
register_shutdown_function(fn() => print("shutdown function\n"));
spawn(function () { delay(20); echo "late coroutine\n"; spawn(function () { delay(5); echo "spawned by it\n"; }); });
echo "end of script\n";
?>
--EXPECT--
end of script
late coroutine
spawned by it
shutdown function
