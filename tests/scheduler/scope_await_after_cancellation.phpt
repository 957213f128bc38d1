--TEST--
Scope::awaitAfterCancellation(): needs a cancelled scope; waits for every coroutine, zombies included, even those that go on after the cancellation; gives their exceptions to the handler; a token interrupts; refused from inside; without a handler the first exception is thrown by the wait
--FILE--
<?php
use Async\{Scope, AsyncCancellation, OperationCanceledException};
use function Async\{delay, timeout, await};

$scope = new Scope();
try { $scope->awaitAfterCancellation(); } catch (Error $e) { echo $e->getMessage(), "\n"; }

$scope->spawn(function () {
	try { delay(5000); } catch (AsyncCancellation) { delay(30); echo "cleanup after cancellation done\n"; }
});
$scope->spawn(function () {
	try { delay(5000); } catch (AsyncCancellation) { throw new RuntimeException("failed while cleaning up"); }
});
$child = Scope::inherit($scope);
$child->spawn(function () {
	try { delay(5000); } catch (AsyncCancellation) { delay(10); throw new LogicException("child failed too"); }
});
delay(5);
$scope->cancel();
$errors = [];
$scope->awaitAfterCancellation(function (Throwable $e, Scope $s) use (&$errors, $scope) {
	$errors[] = get_class($e) . ": " . $e->getMessage() . ($s === $scope ? " (scope given)" : "");
});
sort($errors);
echo implode("\n", $errors), "\n";
echo "empty now: finished=", json_encode($scope->isFinished()), "\n";
$scope->awaitAfterCancellation(); // nothing left: returns at once

// Without a handler the first exception is thrown by the wait, as upstream (the application goes on).
$quiet = new Scope();
$quiet->spawn(function () { try { delay(5000); } catch (AsyncCancellation) { throw new Exception("rethrown"); } });
delay(5);
$quiet->cancel();
try { $quiet->awaitAfterCancellation(); } catch (Exception $e) { echo "no handler: ", $e->getMessage(), "\n"; }

// Zombies of disposeSafely() count; a token interrupts the wait.
$zombies = new Scope();
$zombies->spawn(function () { delay(500); echo "zombie finished its work\n"; });
delay(5);
$zombies->disposeSafely();
try { $zombies->awaitAfterCancellation(null, timeout(10)); } catch (OperationCanceledException $e) { echo "interrupted by the token\n"; }
$zombies->awaitAfterCancellation(null, timeout(5000));
echo "after the zombie\n";

// From inside the scope: refused.
$own = new Scope();
$own->spawn(function () use ($own) {
	$own->cancel();
	try { $own->awaitAfterCancellation(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
});
delay(10);
try { $own->awaitAfterCancellation('not a callable'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
Attempt to await a Scope that has not been cancelled
cleanup after cancellation done
LogicException: child failed too (scope given)
RuntimeException: failed while cleaning up (scope given)
empty now: finished=true
no handler: rethrown
interrupted by the token
zombie finished its work
after the zombie
Cannot await completion of scope from a coroutine that belongs to the same scope or its children
Async\Scope::awaitAfterCancellation(): Argument #1 ($errorHandler) must be a valid callback or null, function "not a callable" not found or invalid function name
