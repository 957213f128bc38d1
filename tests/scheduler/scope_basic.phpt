--TEST--
Scope: new Scope(), spawn() with arguments, spawn() inside runs in the same scope, state methods, provideScope(), awaitCompletion() waits for the nested coroutines too
--FILE--
<?php
use Async\{Scope, ScopeProvider, Coroutine};
use function Async\{spawn, delay, await, timeout};

$scope = new Scope();
var_dump($scope instanceof ScopeProvider, $scope->provideScope() === $scope);
echo "fresh: finished=", json_encode($scope->isFinished()), " closed=", json_encode($scope->isClosed()),
	" cancelled=", json_encode($scope->isCancelled()), "\n";

$c = $scope->spawn(function (int $a, string $b, ...$rest) {
	delay(5);
	// spawn() inside a scope's coroutine puts the new one in the same scope
	spawn(function () { delay(20); echo "nested coroutine done\n"; });
	return "$a-$b-" . json_encode($rest);
}, 1, "two", c: 3);
var_dump($c instanceof Coroutine);
echo "after spawn: finished=", json_encode($scope->isFinished()), "\n";

$scope->awaitCompletion(timeout(2000));
echo "awaitCompletion returned: finished=", json_encode($scope->isFinished()), "\n";
echo "result: ", await($c), "\n";

// The scope can be used again after it finished.
$scope->spawn(fn() => print("second round\n"));
echo "second round queued: finished=", json_encode($scope->isFinished()), "\n";
$scope->awaitCompletion(timeout(2000));
echo "second round done: finished=", json_encode($scope->isFinished()), "\n";

// Nothing to wait for: returns at once.
$scope->awaitCompletion(timeout(1));
echo "empty scope: returns at once\n";

try { $scope->spawn('strlen'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
try { $scope->spawn(); } catch (ArgumentCountError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
bool(true)
fresh: finished=true closed=false cancelled=false
bool(true)
after spawn: finished=false
nested coroutine done
awaitCompletion returned: finished=true
result: 1-two-{"c":3}
second round queued: finished=false
second round
second round done: finished=true
empty scope: returns at once
Async\Scope::spawn(): Argument #1 ($task) must be of type Closure, string given
Async\Scope::spawn() expects at least 1 argument, 0 given
