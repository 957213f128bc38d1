--TEST--
TaskGroup and TaskSet: concurrency and queue limits, keys, foreach in settle order, all/race/any, cancel, the group's scope, finally, TaskSet delivery
--FILE--
<?php
use Async\{TaskGroup, TaskSet, AsyncCancellation, CompositeException};
use function Async\{spawn, await, suspend, delay};

await(spawn(function () {
    echo "-- at most \$concurrency tasks run at once; the rest start in order as slots free\n";
    $g = new TaskGroup(3, 0);
    $active = $peak = 0;
    $started = [];
    for ($i = 0; $i < 10; $i++) {
        $g->spawn(function () use ($i, &$active, &$peak, &$started) {
            $started[] = $i;
            $active++; $peak = max($peak, $active);
            delay(5 + ($i % 3) * 5);
            $active--;
            return $i * $i;
        });
    }
    echo "spawned 10 without waiting (no queue limit), running: ", $g->isFinished() ? "none" : "some", "\n";
    $g->close();
    $results = $g->all()->await();
    echo "peak $peak; started in order: ", json_encode($started === range(0, 9)), "; results by key: ", json_encode($results === array_map(fn($i) => $i * $i, range(0, 9))), "\n";

    echo "-- the default queue limit is twice the concurrency: spawn() waits for room\n";
    $g = new TaskGroup(2);
    $returned = 0;
    $waiter = spawn(function () use ($g, &$returned) {
        for ($i = 0; $i < 7; $i++) { $g->spawn(fn() => delay(10)); $returned++; }
    });
    delay(5);
    echo "spawn() calls returned before any task ended: $returned (2 running + 4 queued)\n";
    await($waiter);
    echo "all returned once tasks ended: $returned\n";
    $g->close();
    $g->awaitCompletion();

    echo "-- close() wakes a spawn() that waits for room: it throws\n";
    $g = new TaskGroup(1, 1);
    $g->spawn(fn() => delay(20));
    $g->spawn(fn() => null);
    $blocked = spawn(function () use ($g) {
        try { $g->spawn(fn() => null); echo "spawned\n"; }
        catch (Async\AsyncException $e) { echo "blocked spawn: ", $e->getMessage(), "\n"; }
    });
    suspend();
    $g->close();
    await($blocked);
    $g->awaitCompletion();

    echo "-- keys: integers continue after the largest, named arguments pass through\n";
    $g = new TaskGroup();
    $g->spawnWithKey(10, fn() => 'ten');
    $g->spawn(fn() => 'next');
    $g->spawnWithKey('name', fn(string $a, string $b = 'B') => "$a$b", b: 'y', a: 'x');
    $g->spawnWithKey('20', fn() => 'numeric string: the integer key 20, as in an array');
    try { $g->spawnWithKey(20, fn() => 'taken'); } catch (Async\AsyncException $e) { echo $e->getMessage(), "\n"; }
    $g->close();
    var_dump($g->all()->await());

    echo "-- foreach yields in the order tasks settle, waiting for them; errors as [null, error]\n";
    $g = new TaskGroup();
    $g->spawnWithKey('slow', function () { delay(30); return 'slow'; });
    $g->spawnWithKey('fails', function () { delay(10); throw new RuntimeException('bad'); });
    $g->spawnWithKey('fast', fn() => 'fast');
    spawn(function () use ($g) { delay(40); $g->close(); });
    foreach ($g as $key => [$result, $error]) {
        echo "$key: ", json_encode($result), " ", $error ? get_class($error) . ' ' . $error->getMessage() : 'null', "\n";
    }
    echo "ended once closed and every task delivered\n";

    echo "-- all() of an open group settles once nothing runs or waits, with tasks added meanwhile\n";
    $g = new TaskGroup();
    $g->spawn(fn() => 1);
    $first = $g->all();
    $g->spawn(fn() => 2);
    echo json_encode($first->await()), "\n";
    $g->spawn(fn() => 3);
    echo json_encode($g->all()->await()), "\n";

    echo "-- race() settles with the first failure; any() skips it\n";
    $g = new TaskGroup();
    $g->spawn(function () { delay(20); return 'late'; });
    $g->spawn(function () { delay(5); throw new LogicException('early'); });
    try { $g->race()->await(); } catch (LogicException $e) { echo "race: ", $e->getMessage(), "\n"; }
    echo "any: ", $g->any()->await(), "\n";
    echo "getErrors: ", json_encode(array_map(fn($e) => $e->getMessage(), $g->getErrors())), ", getResults: ", json_encode($g->getResults()), "\n";

    echo "-- cancel(): queued tasks never run and fail with the cancellation; running ones are cancelled\n";
    $g = new TaskGroup(1);
    $g->spawnWithKey('running', function () { try { delay(1000); } finally { echo "running task unwinds\n"; } });
    $g->spawnWithKey('queued', function () { echo "never printed\n"; });
    suspend();
    $g->cancel(new AsyncCancellation('stop'));
    $g->awaitCompletion();
    foreach ($g->getErrors() as $key => $error) { echo "$key: ", get_class($error), " ", $error->getMessage(), "\n"; }
    echo "results: ", count($g->getResults()), "\n";

    echo "-- tasks run in the group's own scope: cancel() reaches what they spawned\n";
    $g = new TaskGroup();
    $g->spawn(function () {
        spawn(function () { try { delay(1000); } catch (AsyncCancellation $e) { echo "grandchild cancelled\n"; } });
        delay(1000);
    });
    suspend(); suspend();
    $g->cancel();
    $g->awaitCompletion();
    delay(5);

    echo "-- finally: several handlers, once, after the last task; one registered afterwards runs at once\n";
    $g = new TaskGroup();
    $g->finally(function (TaskGroup $x) use (&$g) { echo "first handler, same group: ", json_encode($x === $g), "\n"; });
    $g->finally(function () { echo "second handler\n"; });
    $g->spawn(fn() => delay(5));
    $g->close();
    $g->awaitCompletion();
    echo "awaitCompletion returned\n";
    delay(1);
    $g->finally(function () { echo "late handler\n"; });

    echo "-- TaskSet: delivered tasks leave it; a delivered key can be used again\n";
    $s = new TaskSet();
    $s->spawnWithKey('a', fn() => 1);
    $s->spawnWithKey('b', function () { throw new RuntimeException('b failed'); });
    $s->spawnWithKey('c', function () { delay(10); return 3; });
    echo "joinAny: ", $s->joinAny()->await(), ", count ", count($s), "\n";
    try { $s->joinNext()->await(); } catch (RuntimeException $e) { echo "joinNext: ", $e->getMessage(), ", count ", count($s), "\n"; }
    $s->spawnWithKey('a', fn() => 'again');
    $s->close();
    $all = $s->joinAll()->await();
    ksort($all);
    echo "joinAll: ", json_encode($all), ", count ", count($s), "\n";

    echo "-- a task may add tasks to its own group, waiting for room like any producer\n";
    $g = new TaskGroup(2, 1);
    $g->spawnWithKey('parent', function () use ($g) {
        for ($i = 1; $i <= 3; $i++) { $g->spawnWithKey("child$i", fn() => $i); }
        return 'parent';
    });
    $g->spawnWithKey('first', fn() => 'first');
    delay(5);
    $g->close();
    $r = $g->all()->await();
    echo json_encode($r), "\n";
}));
echo "done\n";
--EXPECT--
-- at most $concurrency tasks run at once; the rest start in order as slots free
spawned 10 without waiting (no queue limit), running: some
peak 3; started in order: true; results by key: true
-- the default queue limit is twice the concurrency: spawn() waits for room
spawn() calls returned before any task ended: 6 (2 running + 4 queued)
all returned once tasks ended: 7
-- close() wakes a spawn() that waits for room: it throws
blocked spawn: Cannot spawn tasks on a closed TaskGroup
-- keys: integers continue after the largest, named arguments pass through
Duplicate key 20 in TaskGroup
array(4) {
  [10]=>
  string(3) "ten"
  [11]=>
  string(4) "next"
  ["name"]=>
  string(2) "xy"
  [20]=>
  string(50) "numeric string: the integer key 20, as in an array"
}
-- foreach yields in the order tasks settle, waiting for them; errors as [null, error]
fast: "fast" null
fails: null RuntimeException bad
slow: "slow" null
ended once closed and every task delivered
-- all() of an open group settles once nothing runs or waits, with tasks added meanwhile
[1,2]
[1,2,3]
-- race() settles with the first failure; any() skips it
race: early
any: late
getErrors: {"1":"early"}, getResults: ["late"]
-- cancel(): queued tasks never run and fail with the cancellation; running ones are cancelled
running task unwinds
running: Async\AsyncCancellation stop
queued: Async\AsyncCancellation stop
results: 0
-- tasks run in the group's own scope: cancel() reaches what they spawned
grandchild cancelled
-- finally: several handlers, once, after the last task; one registered afterwards runs at once
awaitCompletion returned
first handler, same group: true
second handler
late handler
-- TaskSet: delivered tasks leave it; a delivered key can be used again
joinAny: 1, count 2
joinNext: b failed, count 1
joinAll: {"a":"again","c":3}, count 0
-- a task may add tasks to its own group, waiting for room like any producer
{"parent":"parent","first":"first","child1":1,"child2":2,"child3":3}
done
