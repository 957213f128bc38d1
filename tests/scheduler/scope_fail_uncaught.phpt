--TEST--
Scope without handlers and without awaiters: the failure cancels the scope, then is uncaught like any coroutine's (the application ends gracefully, finally blocks run, the exception is reported)
--INI--
async.debug_uncaught=1
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{spawn, delay};

$scope = new Scope();
$scope->spawn(function () { try { delay(5000); } finally { echo "scope sibling: finally ran\n"; } });
spawn(function () { try { delay(5000); } finally { echo "main-scope coroutine: finally ran\n"; } });
$scope->spawn(function () { delay(5); throw new RuntimeException("nobody handles this"); });
try {
	delay(5000);
} catch (AsyncCancellation $e) {
	echo "main script cancelled: ", $e->getMessage(), "\n";
	throw $e;
}
?>
--EXPECTF--
%sfinally ran
%sfinally ran
main script cancelled: Graceful shutdown

Warning: Uncaught RuntimeException ended coroutine #%d, which was spawned here; it ends the application in %s on line %d

Fatal error: Uncaught RuntimeException: nobody handles this in %s:%d
%A
