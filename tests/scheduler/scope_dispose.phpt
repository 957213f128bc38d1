--TEST--
Scope::dispose() and disposeSafely(): close the scope and its children; dispose cancels, disposeSafely leaves zombies that go on (not counted as active); closed scopes refuse spawn() and Async\spawn() from their coroutines
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{spawn, delay, await, timeout};

$scope = new Scope();
$child = Scope::inherit($scope);
$c = $scope->spawn(function () {
	try { delay(5000); } catch (AsyncCancellation $e) {
		echo "disposed: ", $e->getMessage(), "\n";
		try { spawn(fn() => 1); } catch (Async\AsyncException $e) { echo "spawn() in a closed scope: ", $e->getMessage(), "\n"; }
	}
});
$child->spawn(function () { try { delay(5000); } catch (AsyncCancellation) { echo "child scope's coroutine cancelled\n"; } });
delay(5);
$scope->dispose();
echo "closed=", json_encode($scope->isClosed()), " cancelled=", json_encode($scope->isCancelled()),
	" child closed=", json_encode($child->isClosed()), "\n";
try { $scope->spawn(fn() => 1); } catch (Async\AsyncException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { $child->spawn(fn() => 1); } catch (Async\AsyncException $e) { echo "child: ", $e->getMessage(), "\n"; }
// A disposed scope has nothing to wait for with awaitCompletion (awaitAfterCancellation waits for the unwinding).
$scope->awaitCompletion(timeout(1));
$scope->awaitAfterCancellation(null, timeout(2000));
$scope->dispose(); // again: nothing
echo "finished=", json_encode($scope->isFinished()), "\n";

$safe = new Scope();
$z = $safe->spawn(function () { delay(50); echo "zombie: finished its work, not cancelled\n"; return "zombie result"; });
delay(5);
$safe->disposeSafely();
echo "safe: closed=", json_encode($safe->isClosed()), " finished (zombies do not count)=", json_encode($safe->isFinished()), "\n";
$safe->awaitCompletion(timeout(1)); // returns at once
$r = await($z);
echo "result: $r\n";

// dispose() after disposeSafely() cancels the zombies.
$late = new Scope();
$late->spawn(function () { try { delay(5000); } catch (AsyncCancellation) { echo "zombie cancelled by dispose()\n"; } });
delay(5);
$late->disposeSafely();
$late->dispose();
$late->awaitAfterCancellation(null, timeout(2000));

// asNotSafely(): disposeSafely() is dispose(), for its child scopes too.
$strict = new Scope();
var_dump($strict->asNotSafely() === $strict);
$strictChild = Scope::inherit($strict);
$strict->spawn(function () { try { delay(5000); } catch (AsyncCancellation) { echo "not safely: cancelled\n"; } });
$strictChild->spawn(function () { try { delay(5000); } catch (AsyncCancellation) { echo "its child scope's coroutine: cancelled too\n"; } });
delay(5);
$strict->disposeSafely();
$strict->awaitAfterCancellation(null, timeout(2000));
echo "done\n";
?>
--EXPECT--
closed=true cancelled=true child closed=true
Async\AsyncException: Cannot spawn a coroutine in a closed scope
child: Cannot spawn a coroutine in a closed scope
child scope's coroutine cancelled
disposed: The Scope was cancelled
spawn() in a closed scope: Cannot spawn a coroutine in a closed scope
finished=true
safe: closed=true finished (zombies do not count)=true
zombie: finished its work, not cancelled
result: zombie result
zombie cancelled by dispose()
bool(true)
its child scope's coroutine: cancelled too
not safely: cancelled
done
