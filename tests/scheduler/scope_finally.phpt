--TEST--
Scope::finally(): handlers run once, in order, with the Scope, when it is done: disposed and finished (also by its last reference going), or never disposed and no longer referenced; at once when done already; they may suspend
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{delay, timeout, suspend};

$scope = new Scope();
$scope->finally(function (Scope $s) use ($scope) { echo "first handler, same scope: ", json_encode($s === $scope), "\n"; });
$handled = new Async\FutureState();
$scope->finally(function (Scope $s) use ($handled) {
	delay(5);
	echo "second handler (it suspended), finished: ", json_encode($s->isFinished()), "\n";
	$handled->complete();
});
$scope->spawn(function () { try { delay(1000); } catch (AsyncCancellation) { delay(10); echo "coroutine unwound\n"; } });
delay(5);
echo "dispose\n";
$scope->dispose(); // the handlers wait for the coroutine to unwind
$scope->awaitAfterCancellation(null, timeout(2000));
Async\await(new Async\Future($handled));
$scope->finally(fn() => print("added when done: runs at once\n"));
echo "after the late handler\n";

// Finished but never disposed: the handlers run when the last reference goes.
$kept = new Scope();
$kept->finally(fn() => print("kept: handler ran when the scope went away\n"));
$kept->spawn(fn() => print("kept: coroutine ran\n"));
$kept->awaitCompletion(timeout(2000));
echo "kept: finished, still referenced\n";
unset($kept);
suspend();
echo "after unset\n";

// A safe scope whose last reference goes while its coroutine runs is disposed safely: the coroutine
// goes on as a zombie, and the handlers run at once (nothing active is left in the scope).
$ran = new Async\FutureState();
$done = new Async\FutureState();
(function () use ($ran, $done) {
	$local = (new Scope())->allowZombies(); // safe: its coroutine goes on
	$local->finally(function () use ($ran) { echo "local: handler ran when the scope was disposed\n"; $ran->complete(); });
	$local->spawn(function () use ($done) { delay(10); echo "local: coroutine done (a zombie)\n"; $done->complete(); });
})();
Async\await(new Async\Future($ran));
Async\await(new Async\Future($done));

// Disposed with nothing running: at once (in a coroutine of their own).
$empty = new Scope();
$empty->finally(fn() => print("empty: handler ran\n"));
$empty->dispose();
echo "empty: disposed\n";
suspend();
try { $empty->finally(fn: 1); } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { $empty->finally('strlen'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
dispose
coroutine unwound
first handler, same scope: true
second handler (it suspended), finished: true
added when done: runs at once
after the late handler
kept: coroutine ran
kept: finished, still referenced
kept: handler ran when the scope went away
after unset
local: handler ran when the scope was disposed
local: coroutine done (a zombie)
empty: disposed
empty: handler ran
Error: Unknown named parameter $fn
Async\Scope::finally(): Argument #1 ($callback) must be of type Closure, string given
