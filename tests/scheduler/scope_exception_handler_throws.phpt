--TEST--
Scope::setExceptionHandler(): an exception thrown by the handler is uncaught: the application ends gracefully and reports it
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{spawn, delay};

$scope = new Scope();
$scope->setExceptionHandler(function ($s, $c, Throwable $e) {
	throw new RuntimeException("handler failed on: " . $e->getMessage());
});
$scope->spawn(function () { delay(5); throw new Exception("original"); });
spawn(function () {
	try { delay(5000); } finally { echo "other coroutine: finally ran\n"; }
});
delay(5000);
echo "not reached\n";
?>
--EXPECTF--
other coroutine: finally ran

Fatal error: Uncaught RuntimeException: handler failed on: original in %s:%d
%A
