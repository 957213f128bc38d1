--TEST--
Scheduler: the finally handlers of a coroutine cancelled before it started run in its own context (it is current, it may suspend), never inline in whoever cancelled it: a coroutine, or a scope's dispose timeout that fires while CPU-bound coroutines keep the queue busy
--FILE--
<?php
use function Async\{spawn, await, delay, suspend, await_all, current_coroutine};

// Cancelled by a coroutine that runs before it.
$canceller = spawn(function () use (&$target) {
    $target->cancel();
    echo "cancel() returned; completed yet: ", json_encode($target->isCompleted()), ", cancellation requested: ", json_encode($target->isCancellationRequested()), "\n";
});
$target = spawn(fn() => print("must not run\n"));
$target->finally(function ($c) use (&$target) {
    echo "finally: current is the cancelled coroutine: ", json_encode(current_coroutine() === $target), "\n";
    delay(1);
    echo "finally: after a delay\n";
});
await($canceller);
try { await($target); } catch (Async\AsyncCancellation $e) { echo "await: ", $e->getMessage(), "\n"; }

// Cancelled by a scope's dispose timeout, from the reactor, while busy coroutines run: the timeout
// fires although nothing else keeps the event loop alive.
$busy = [];
for ($i = 0; $i < 200; $i++) $busy[] = spawn(function () { $t = hrtime(true); while (hrtime(true) - $t < 100000); });
$scope = new Async\Scope();
$queued = $scope->spawn(fn() => print("must not run either\n"));
$queued->finally(function () use (&$queued) {
    echo "finally after the dispose timeout: current is the cancelled coroutine: ", json_encode(current_coroutine() === $queued), "\n";
    delay(1);
    echo "finally after the dispose timeout: after a delay\n";
});
$scope->disposeAfterTimeout(1);
await_all($busy);
try { await($queued); } catch (Async\AsyncCancellation $e) { echo "await: ", $e->getMessage(), "\n"; }
echo "scope finished: ", json_encode($scope->isFinished()), "\n";
?>
--EXPECT--
cancel() returned; completed yet: false, cancellation requested: true
finally: current is the cancelled coroutine: true
finally: after a delay
await: The coroutine was cancelled
finally after the dispose timeout: current is the cancelled coroutine: true
finally after the dispose timeout: after a delay
await: The Scope was cancelled
scope finished: true
