--TEST--
Scheduler: the uncaught exception of a coroutine reaches set_exception_handler() like the script's own
--INI--
async.debug_uncaught=1
--FILE--
<?php
set_exception_handler(function (Throwable $e) { echo "handler got ", get_class($e), ": ", $e->getMessage(), "\n"; });
Async\spawn(fn() => throw new DomainException("from a coroutine"));
echo "main ends\n";
?>
--EXPECTF--
main ends

Warning: Uncaught DomainException ended coroutine #%d, which was spawned here; it ends the application in %s on line 3
handler got DomainException: from a coroutine
