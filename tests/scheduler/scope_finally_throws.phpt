--TEST--
Scope::finally(): exceptions thrown by the handlers are uncaught (several: one CompositeException); the application ends gracefully
--FILE--
<?php
use Async\Scope;
use function Async\{delay};

$scope = new Scope();
$scope->finally(function () { throw new RuntimeException("handler one"); });
$scope->finally(function () { echo "second handler still runs\n"; throw new LogicException("handler two"); });
$scope->dispose();
try { delay(1000); } catch (Async\AsyncCancellation $e) { echo "main cancelled: ", $e->getMessage(), "\n"; }
?>
--EXPECTF--
second handler still runs
main cancelled: Graceful shutdown

Fatal error: Uncaught Async\CompositeException: Several finally handlers of a Scope threw in %s
%A
