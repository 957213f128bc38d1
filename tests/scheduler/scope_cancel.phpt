--TEST--
Scope::cancel(): reaches every coroutine of the scope and of its child scopes (started or not), once; a given AsyncCancellation is used; the scope closes once empty; a coroutine may cancel its own scope
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{spawn, delay, await, suspend, timeout};

$scope = new Scope();
$child = Scope::inherit($scope);
$grandchild = Scope::inherit($child);
$sleeper = function (string $name) {
	return function () use ($name) {
		try { delay(5000); echo "$name: not cancelled\n"; }
		catch (AsyncCancellation $e) { echo "$name: ", get_class($e), " ", $e->getMessage(), "\n"; }
	};
};
$scope->spawn($sleeper("in scope"));
$child->spawn($sleeper("in child"));
$grandchild->spawn($sleeper("in grandchild"));
$sibling = Scope::inherit();  // not below $scope: untouched
$sibling->spawn(function () { delay(30); echo "sibling scope: untouched\n"; });
suspend(); // the sleepers start
$never = $grandchild->spawn(fn() => print("never started: runs\n")); // cancelled before its turn
$scope->cancel(new AsyncCancellation("custom reason"));
var_dump($scope->isCancelled(), $child->isCancelled(), $grandchild->isCancelled(), $sibling->isCancelled());
var_dump($never->isCancelled());
$scope->cancel(); // again: nothing more to do
$scope->awaitAfterCancellation(null, timeout(2000));
$sibling->awaitCompletion(timeout(2000));

// Cancelled and nothing left in it: closed, it refuses coroutines (as upstream).
var_dump($scope->isClosed());
try { $scope->spawn(fn() => 1); } catch (Async\AsyncException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }

// A coroutine that cancels its own scope is cancelled at its next suspension point.
$self = new Scope();
$c = $self->spawn(function () use ($self) {
	$self->cancel();
	echo "still running until it suspends\n";
	try { suspend(); } catch (AsyncCancellation $e) { echo "self-cancel delivered: ", $e->getMessage(), "\n"; }
});
await($c);
try { $scope->cancel(new Exception("not a cancellation")); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
in grandchild: Async\AsyncCancellation custom reason
in child: Async\AsyncCancellation custom reason
in scope: Async\AsyncCancellation custom reason
sibling scope: untouched
bool(true)
Async\AsyncException: Cannot spawn a coroutine in a closed scope
still running until it suspends
self-cancel delivered: The Scope was cancelled
Async\Scope::cancel(): Argument #1 ($cancellation) must be of type ?Async\AsyncCancellation, Exception given
