--TEST--
Scope: memory: scopes, child scopes and their coroutines go away when done, cycles through handlers included (gc_collect_cycles), and memory does not grow over many rounds
--FILE--
<?php
use Async\{Scope, Coroutine};
use function Async\{spawn, delay, await, timeout, suspend};

function round_trip(int $i): void {
	$scope = new Scope();
	$child = Scope::inherit($scope);
	// Cycles: the scope's handlers capture the scope and a coroutine of it.
	$c = $scope->spawn(function () use ($i) { suspend(); return $i; });
	$scope->setExceptionHandler(function (Scope $s, Coroutine $co, Throwable $e) use ($scope, $c) {});
	$scope->finally(function () use ($scope, $c, $child) {});
	$child->spawn(function () use ($child) { suspend(); });
	$child->spawn(fn() => throw new Exception("handled by the scope handler? no: the child has none"))
		->finally(fn() => null);
	$scope->setChildScopeExceptionHandler(function () use ($child) {});
	$scope->awaitCompletion(timeout(2000));
	if ($i % 2) {
		$scope->dispose();
	} else {
		$scope->cancel();
		$scope->awaitAfterCancellation(fn() => null, timeout(2000));
	}
	await($c);
}

// Scopes in cycles are found by the GC; their finally handlers then run in a coroutine. The
// reactor frees the timers of the Timeout tokens in its next turn. In whatever order the
// coroutines run (the chaos run shuffles them), that is done within a few turns: a coroutine still
// alive after a second of them is one that never ends.
function settle(): void {
	for ($turn = 0; $turn < 2 || ($turn < 1000 && count(Async\get_coroutines()) > 1); $turn++) {
		delay(1);
		gc_collect_cycles();
	}
}

for ($i = 0; $i < 200; $i++) { round_trip($i); } // warm-up: pools and tables reach their size
settle();
$before = memory_get_usage();
for ($i = 0; $i < 200; $i++) { round_trip($i); }
settle();
$growth = memory_get_usage() - $before;
echo "growth under 64 KiB: ", json_encode($growth < 65536), "\n";
echo "live coroutines: ", count(Async\get_coroutines()), "\n";

// A scope cancelled while nobody holds it, with coroutines that never started.
$s = new Scope();
for ($i = 0; $i < 10; $i++) { $s->spawn(fn() => delay(10)); }
$s->disposeAfterTimeout(1);
unset($s);
delay(30);
gc_collect_cycles();
echo "done\n";
?>
--EXPECT--
growth under 64 KiB: true
live coroutines: 1
done
