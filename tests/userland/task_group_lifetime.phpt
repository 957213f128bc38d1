--TEST--
TaskGroup: cancelling the owner, a Scope or the given parent scope cancels the tasks; dropping the group cancels them and fails its Futures; cycles are collected
--FILE--
<?php
use Async\{TaskGroup, TaskSet, Scope, AsyncCancellation};
use function Async\{spawn, await, suspend, delay};

echo "-- cancelling the owner cancels the group's tasks (the group goes with the owner)\n";
$owner = spawn(function () {
    $g = new TaskGroup(2);
    for ($i = 1; $i <= 4; $i++) {
        $g->spawn(function () use ($i) {
            try { delay(1000); } catch (AsyncCancellation $e) { echo "task $i cancelled\n"; throw $e; }
        });
    }
    $g->close();
    $g->all()->await();
});
delay(10);
$owner->cancel();
try { await($owner); } catch (AsyncCancellation $e) { echo "owner: ", $e->getMessage(), "\n"; }
delay(10);

echo "-- a group made inside a Scope: cancelling the Scope cancels the tasks\n";
$scope = new Scope();
$g = null;
$scope->spawn(function () use (&$g) {
    $g = new TaskGroup();
    $g->spawn(function () { try { delay(1000); } catch (AsyncCancellation $e) { echo "task in scope cancelled\n"; } });
})->finally(fn() => null);
delay(5);
$scope->cancel();
delay(5);
echo "group finished: ", json_encode($g->isFinished()), "\n";

echo "-- the scope: argument is the parent of the group's own scope\n";
$parent = new Scope();
$g = new TaskSet(scope: $parent);
$g->spawn(function () { try { delay(1000); } catch (AsyncCancellation $e) { echo "task cancelled through the given scope\n"; } });
delay(5);
$parent->cancel();
$g->close();
$g->awaitCompletion();

echo "-- dropping the group cancels its running tasks; a Future it left fails\n";
$g = new TaskGroup();
$g->spawn(function () { try { delay(1000); } finally { echo "dropped group's task unwinds\n"; } });
$future = $g->all();
delay(5);
unset($g);
try { $future->await(); } catch (AsyncCancellation $e) { echo "future: ", $e->getMessage(), "\n"; }
delay(5);

echo "-- a group in a cycle with its task's closure is collected\n";
$g = new TaskGroup();
$g->spawn(function () use ($g) { return 'cycle'; });
$g->close();
$g->awaitCompletion();
$w = WeakReference::create($g);
unset($g);
gc_collect_cycles();
echo "collected: ", json_encode($w->get() === null), "\n";

echo "-- an error nobody reads does not end the application\n";
$g = new TaskGroup();
$g->spawn(function () { throw new RuntimeException('ignored'); });
$g->close();
$g->awaitCompletion();
unset($g);
echo "done\n";
--EXPECT--
-- cancelling the owner cancels the group's tasks (the group goes with the owner)
task 1 cancelled
task 2 cancelled
owner: The coroutine was cancelled
-- a group made inside a Scope: cancelling the Scope cancels the tasks
task in scope cancelled
group finished: true
-- the scope: argument is the parent of the group's own scope
task cancelled through the given scope
-- dropping the group cancels its running tasks; a Future it left fails
future: The TaskGroup was destroyed before its tasks settled
dropped group's task unwinds
-- a group in a cycle with its task's closure is collected
collected: true
-- an error nobody reads does not end the application
done
