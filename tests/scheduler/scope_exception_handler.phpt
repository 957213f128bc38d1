--TEST--
Scope::setExceptionHandler(): takes (Scope, Coroutine, Throwable) of the coroutines that fail with nobody awaiting them; the others go on (independent children); an awaited exception goes to its awaiter; cancellations are not errors
--FILE--
<?php
use Async\{Scope, Coroutine, AsyncCancellation};
use function Async\{spawn, delay, await, timeout};

$scope = new Scope();
$scope->setExceptionHandler(function (Scope $s, Coroutine $c, Throwable $e) use ($scope) {
	echo "handler: ", get_class($e), " ", $e->getMessage(), " (same scope: ", json_encode($s === $scope),
		", coroutine completed: ", json_encode($c->isCompleted()), ")\n";
});
$scope->spawn(function () { delay(5); throw new RuntimeException("first failure"); });
$scope->spawn(function () { delay(10); throw new LogicException("second failure"); });
$sibling = $scope->spawn(function () { delay(30); return "sibling keeps running"; });
// Deeper: spawn() inside a coroutine of the scope is in the scope too.
$scope->spawn(function () { spawn(function () { delay(15); throw new DomainException("nested failure"); }); });
// Awaited: the awaiter gets it, not the handler.
$awaited = $scope->spawn(function () { delay(20); throw new Exception("awaited failure"); });
try { await($awaited); } catch (Exception $e) { echo "awaiter got: ", $e->getMessage(), "\n"; }
// Cancelled: not an error.
$cancelled = $scope->spawn(fn() => delay(1000));
delay(1);
$cancelled->cancel();
$scope->awaitCompletion(timeout(2000));
echo await($sibling), "\n";
echo "scope cancelled: ", json_encode($scope->isCancelled()), "\n";

// A handler can be replaced, also from inside itself.
$scope->setExceptionHandler(function ($s, $c, $e) use ($scope) {
	echo "replaced handler: ", $e->getMessage(), "\n";
	$scope->setExceptionHandler(fn($s, $c, $e) => print("third handler: " . $e->getMessage() . "\n"));
});
$scope->spawn(fn() => throw new Exception("one"));
$scope->awaitCompletion(timeout(2000));
$scope->spawn(fn() => throw new Exception("two"));
$scope->awaitCompletion(timeout(2000));

// Any callable.
class Logger { function log(Scope $s, Coroutine $c, Throwable $e) { echo "method handler: ", $e->getMessage(), "\n"; } }
$scope->setExceptionHandler([new Logger, 'log']);
$scope->spawn(fn() => throw new Exception("three"));
$scope->awaitCompletion(timeout(2000));

try { $scope->setExceptionHandler('no_such_function'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
try { $scope->setChildScopeExceptionHandler(42); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
echo "end\n";
?>
--EXPECT--
handler: RuntimeException first failure (same scope: true, coroutine completed: true)
handler: LogicException second failure (same scope: true, coroutine completed: true)
handler: DomainException nested failure (same scope: true, coroutine completed: true)
awaiter got: awaited failure
sibling keeps running
scope cancelled: false
replaced handler: one
third handler: two
method handler: three
Async\Scope::setExceptionHandler(): Argument #1 ($exceptionHandler) must be a valid callback, function "no_such_function" not found or invalid function name
Async\Scope::setChildScopeExceptionHandler(): Argument #1 ($exceptionHandler) must be a valid callback, no array or string given
end
