--TEST--
Scope without handlers (fail together): a coroutine's failure cancels the other coroutines of its scope and its child scopes, and awaitCompletion() throws it; unawaited, it goes on up to the parent scope, which fails too
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{delay, timeout, await};

$scope = new Scope();
$child = Scope::inherit($scope);
$scope->spawn(function () { try { delay(1000); echo "sibling: not cancelled\n"; } catch (AsyncCancellation $e) { echo "sibling: ", $e->getMessage(), "\n"; } });
$child->spawn(function () { try { delay(1000); } catch (AsyncCancellation) { echo "child scope's coroutine: cancelled\n"; } });
$scope->spawn(function () { delay(5); throw new RuntimeException("one failed"); });
try {
	$scope->awaitCompletion(timeout(2000));
} catch (RuntimeException $e) {
	echo "awaitCompletion threw: ", $e->getMessage(), "\n";
}
echo "cancelled=", json_encode($scope->isCancelled()), " child cancelled=", json_encode($child->isCancelled()), " closed=", json_encode($scope->isClosed()), "\n";
$scope->awaitAfterCancellation(null, timeout(2000));

// Nobody awaits the failing scope: its parent fails with it and its awaiter gets the exception.
$parent = new Scope();
$inner = Scope::inherit($parent);
$parent->spawn(function () { try { delay(1000); } catch (AsyncCancellation) { echo "parent's coroutine: cancelled\n"; } });
$inner->spawn(function () { delay(5); throw new LogicException("inner failed"); });
try {
	$parent->awaitCompletion(timeout(2000));
} catch (LogicException $e) {
	echo "parent's awaiter got: ", $e->getMessage(), "\n";
}
echo "inner cancelled=", json_encode($inner->isCancelled()), " parent cancelled=", json_encode($parent->isCancelled()), "\n";

// A held coroutine may still be awaited: its failure does not make the scope fail.
$held = new Scope();
$c = $held->spawn(fn() => throw new Exception("held failure"));
$held->spawn(function () { delay(20); echo "held scope's other coroutine: not cancelled\n"; });
delay(5);
echo "held scope cancelled: ", json_encode($held->isCancelled()), "\n";
try { await($c); } catch (Exception $e) { echo "awaited later: ", $e->getMessage(), "\n"; }
$held->awaitCompletion(timeout(2000));
echo "the application goes on\n";
?>
--EXPECT--
child scope's coroutine: cancelled
sibling: The Scope was cancelled
awaitCompletion threw: one failed
cancelled=true child cancelled=true closed=true
parent's coroutine: cancelled
parent's awaiter got: inner failed
inner cancelled=true parent cancelled=true
held scope cancelled: false
awaited later: held failure
held scope's other coroutine: not cancelled
the application goes on
