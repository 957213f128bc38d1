--TEST--
TaskGroup and TaskSet: bad input gives clear exceptions (limits, keys, callables, closed or empty groups, waiting from a task, awaiting or cloning a group)
--FILE--
<?php
use Async\{TaskGroup, TaskSet, Scope, AsyncException};
use function Async\{spawn, await, suspend};

function show(callable $f) {
    try { $f(); echo "no exception\n"; }
    catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}

echo "-- constructor\n";
show(fn() => new TaskGroup(-1));
show(fn() => new TaskGroup(1, -5));
show(fn() => new TaskSet(PHP_INT_MAX));
show(fn() => new TaskGroup(queueLimit: 4294967296));
show(fn() => new TaskGroup("many"));
show(fn() => new TaskGroup(scope: new stdClass));
show(function () { $g = new TaskGroup(); $g->__construct(); });

await(spawn(function () {
    echo "-- spawn\n";
    $g = new TaskGroup();
    show(fn() => $g->spawn('no_such_function'));
    show(fn() => $g->spawn(42));
    show(fn() => $g->spawnWithKey(1.5, fn() => 1));
    show(fn() => $g->spawnWithKey(null, fn() => 1));
    $g->spawnWithKey('k', fn() => 1);
    show(fn() => $g->spawnWithKey('k', fn() => 2));
    $g->spawnWithKey(-3, fn() => 1);
    show(fn() => $g->spawnWithKey(-3, fn() => 2));
    $g->spawnWithKey(PHP_INT_MAX, fn() => 1);
    show(fn() => $g->spawn(fn() => 1));
    echo "count after refused spawns: ", count($g), "\n";
    $g->close();
    show(fn() => $g->spawn(fn() => 1));
    show(fn() => $g->spawnWithKey('other', fn() => 1));

    echo "-- empty groups\n";
    show(fn() => (new TaskGroup())->race());
    show(fn() => (new TaskGroup())->any());
    show(fn() => (new TaskSet())->joinNext());
    show(fn() => (new TaskSet())->joinAny());

    echo "-- awaitCompletion on an open group\n";
    show(fn() => (new TaskGroup())->awaitCompletion());
    show(fn() => (new TaskSet())->awaitCompletion());

    echo "-- waiting for the group from one of its own tasks\n";
    $g = new TaskGroup();
    $g->spawn(function () use ($g) { $g->close(); $g->awaitCompletion(); });
    $g->close();
    try { $g->all()->await(); } catch (Async\CompositeException $e) { foreach ($e->getExceptions() as $x) echo get_class($x), ": ", $x->getMessage(), "\n"; }

    echo "-- a group is not awaitable by await(), not cloneable, not serializable\n";
    show(fn() => await(new TaskGroup()));
    show(fn() => clone new TaskGroup());
    show(fn() => serialize(new TaskSet()));
    show(fn() => (new TaskGroup())->getIterator());
    show(function () { foreach (new TaskGroup() as &$pair) {} });
    show(fn() => (new TaskGroup())->finally('strlen'));
    show(fn() => (new TaskGroup())->cancel(new Exception('no')));
}));
--EXPECT--
-- constructor
ValueError: Async\TaskGroup::__construct(): Argument #1 ($concurrency) must be between 0 and 4294967295
ValueError: Async\TaskGroup::__construct(): Argument #2 ($queueLimit) must be between 0 and 4294967295
ValueError: Async\TaskSet::__construct(): Argument #1 ($concurrency) must be between 0 and 4294967295
ValueError: Async\TaskGroup::__construct(): Argument #2 ($queueLimit) must be between 0 and 4294967295
TypeError: Async\TaskGroup::__construct(): Argument #1 ($concurrency) must be of type ?int, string given
TypeError: Async\TaskGroup::__construct(): Argument #3 ($scope) must be of type ?Async\Scope, stdClass given
Error: The TaskGroup is constructed already
-- spawn
TypeError: Async\TaskGroup::spawn(): Argument #1 ($task) must be a valid callback, function "no_such_function" not found or invalid function name
TypeError: Async\TaskGroup::spawn(): Argument #1 ($task) must be a valid callback, no array or string given
TypeError: Async\TaskGroup::spawnWithKey(): Argument #1 ($key) must be of type string|int, float given
TypeError: Async\TaskGroup::spawnWithKey(): Argument #1 ($key) must be of type string|int, null given
Async\AsyncException: Duplicate key "k" in TaskGroup
Async\AsyncException: Duplicate key -3 in TaskGroup
Async\AsyncException: Cannot add a task: the TaskGroup has no next integer key
count after refused spawns: 3
Async\AsyncException: Cannot spawn tasks on a closed TaskGroup
Async\AsyncException: Cannot spawn tasks on a closed TaskGroup
-- empty groups
Async\AsyncException: Cannot race on an empty TaskGroup
Async\AsyncException: Cannot call any() on an empty TaskGroup
Async\AsyncException: Cannot call joinNext() on an empty TaskSet
Async\AsyncException: Cannot call joinAny() on an empty TaskSet
-- awaitCompletion on an open group
Async\AsyncException: TaskGroup must be closed before calling awaitCompletion()
Async\AsyncException: TaskSet must be closed before calling awaitCompletion()
-- waiting for the group from one of its own tasks
Error: Cannot wait for a TaskGroup from one of its own tasks: it would wait for itself (deadlock)
-- a group is not awaitable by await(), not cloneable, not serializable
TypeError: Async\await(): Argument #1 ($awaitable) must be of type Async\Completable, Async\TaskGroup given
Error: Trying to clone an uncloneable object of class Async\TaskGroup
Exception: Serialization of 'Async\TaskSet' is not allowed
Error: An object of class Async\TaskGroup is not a traversable object in an invalid state
Error: Cannot iterate Async\TaskGroup by reference
TypeError: Async\TaskGroup::finally(): Argument #1 ($callback) must be of type Closure, string given
TypeError: Async\TaskGroup::cancel(): Argument #1 ($cancellation) must be of type ?Async\AsyncCancellation, Exception given
