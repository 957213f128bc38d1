--TEST--
Scope: Async\spawn() puts a coroutine in the current scope (the main scope at top level), at any depth; the main scope is not a user scope
--FILE--
<?php
use Async\Scope;
use function Async\{spawn, delay, await, suspend};

$scope = new Scope();
$log = [];
$scope->spawn(function () use (&$log) {
	spawn(function () use (&$log) {
		spawn(function () use (&$log) {
			try { delay(1000); $log[] = "grandchild not cancelled"; }
			catch (Async\AsyncCancellation $e) { $log[] = "grandchild cancelled: " . $e->getMessage(); }
		});
		try { delay(1000); } catch (Async\AsyncCancellation) { $log[] = "child cancelled"; }
	});
	try { delay(1000); } catch (Async\AsyncCancellation) { $log[] = "first cancelled"; }
});
// A coroutine of the main scope is not reached by the scope's cancellation.
$outside = spawn(function () use (&$log) { delay(50); $log[] = "main-scope coroutine ran to its end"; });

delay(10);
$scope->cancel();
await($outside);
sort($log);
echo implode("\n", $log), "\n";
var_dump($scope->isFinished());

// At top level, Scope::inherit() makes a child of the main scope, which no user scope contains.
$child = Scope::inherit();
$child->spawn(fn() => print("child of the main scope runs\n"));
$child->awaitCompletion(Async\timeout(1000));
?>
--EXPECT--
child cancelled
first cancelled
grandchild cancelled: The Scope was cancelled
main-scope coroutine ran to its end
bool(true)
child of the main scope runs
