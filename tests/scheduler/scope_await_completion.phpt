--TEST--
Scope::awaitCompletion(): the token is mandatory and may interrupt the wait (the scope keeps running); refused from inside the scope or a child scope (deadlock); a cancelled scope throws; bad tokens
--FILE--
<?php
use Async\{Scope, OperationCanceledException, AsyncCancellation, Future, FutureState};
use function Async\{spawn, delay, await, timeout};

$scope = new Scope();
$release = new FutureState();
$c = $scope->spawn(function () use ($release) { await(new Future($release)); echo "long task done\n"; return "ok"; });

try {
	$scope->awaitCompletion(timeout(20));
} catch (OperationCanceledException $e) {
	echo get_class($e), " (previous: ", get_class($e->getPrevious()), ")\n";
}
echo "scope still running: ", json_encode(!$scope->isFinished() && !$scope->isCancelled()), "\n";
// Any Completable is a token; a Future that completes first interrupts too.
$state = new FutureState();
spawn(function () use ($state) { delay(10); $state->complete(1); });
try { $scope->awaitCompletion(new Future($state)); } catch (OperationCanceledException $e) { echo "interrupted by a Future\n"; }

spawn(function () use ($release) { delay(10); $release->complete(); });
$scope->awaitCompletion(timeout(5000));
echo "waited for the task: ", await($c), "\n";

// From inside: it would wait for itself.
$inside = $scope->spawn(function () use ($scope) {
	try { $scope->awaitCompletion(timeout(100)); } catch (Error $e) { echo $e->getMessage(), "\n"; }
	$child = Scope::inherit();
	$child->spawn(function () use ($scope) {
		try { $scope->awaitCompletion(timeout(100)); } catch (Error $e) { echo "from a child scope too\n"; }
	});
});
$scope->awaitCompletion(timeout(2000));

// A token that has completed already: the wait throws at once.
$t = timeout(1);
delay(20);
$scope->spawn(fn() => delay(50));
try { $scope->awaitCompletion($t); } catch (OperationCanceledException $e) { echo "completed token: throws at once\n"; }

// A cancelled scope that has not finished yet.
$scope->cancel();
try { $scope->awaitCompletion(timeout(100)); } catch (AsyncCancellation $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }

try { $scope->awaitCompletion(); } catch (ArgumentCountError $e) { echo $e->getMessage(), "\n"; }
try { $scope->awaitCompletion(null); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
try { $scope->awaitCompletion(new Async\Channel()); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
Async\OperationCanceledException (previous: Async\TimeoutException)
scope still running: true
interrupted by a Future
long task done
waited for the task: ok
Cannot await a Scope from one of its own coroutines: it would wait for itself (deadlock)
from a child scope too
completed token: throws at once
Async\AsyncCancellation: The scope has been cancelled
Async\Scope::awaitCompletion() expects exactly 1 argument, 0 given
Async\Scope::awaitCompletion(): Argument #1 ($cancellation) must be of type Async\Awaitable, null given
Cannot use an instance of Async\Channel as a cancellation token
