--TEST--
TaskGroup and TaskSet dispose(): the running tasks are cancelled, the queued ones still start (as slots free, never more than the concurrency) and run uncancelled in the cancelled scope, as upstream
--FILE--
<?php
use Async\{TaskGroup, TaskSet, Channel, ChannelException, AsyncCancellation, AsyncException};
use function Async\{spawn, await, delay, suspend};

echo "-- a queued task starts when a cancelled task frees its slot, and runs to its end\n";
$g = new TaskGroup(concurrency: 2);
$log = [];
for ($i = 0; $i < 2; $i++) {
    $g->spawn(function () use ($i, &$log) {
        try { delay(1000); } catch (AsyncCancellation $e) { $log[] = "running $i cancelled"; throw $e; }
    });
}
$g->spawn(function () use (&$log) {
    $log[] = "queued started";
    delay(5); // not cancelled: it suspends and resumes
    $log[] = "queued ended";
    return "queued result";
});
delay(10);
$g->dispose();
var_dump($g->isClosed(), $g->isFinished());
try { $g->spawn(fn() => 1); } catch (AsyncException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
$g->awaitCompletion();
echo implode("\n", $log), "\n";
var_dump($g->getResults());
foreach ($g->getErrors() as $k => $e) echo "error $k: ", get_class($e), "\n";

echo "-- disposed before any task started: the running ones end cancelled, the queued ones run\n";
$g = new TaskGroup(concurrency: 1);
$ran = [];
foreach (['a', 'b', 'c'] as $k) {
    $g->spawnWithKey($k, function () use ($k, &$ran) { $ran[] = $k; delay(1); return $k; });
}
$g->dispose();
$g->awaitCompletion();
echo "ran: ", implode(",", $ran), "\n";
var_dump($g->getResults());
foreach ($g->getErrors() as $k => $e) echo "error $k: ", get_class($e), "\n";

echo "-- the queued tasks keep to the concurrency after dispose()\n";
$g = new TaskGroup(concurrency: 2, queueLimit: 0);
$now = 0; $max = 0; $started = 0;
for ($i = 0; $i < 2; $i++) {
    $g->spawn(function () { delay(1000); });
}
for ($i = 0; $i < 5; $i++) {
    $g->spawn(function () use (&$now, &$max, &$started) {
        $started++; $now++; $max = max($max, $now);
        delay(5);
        $now--;
    });
}
delay(5);
$g->dispose();
$g->awaitCompletion();
echo "started $started, at most $max at once\n";

echo "-- a queued task finds the group's channel closed with SCOPE_DISPOSED (channel/058)\n";
$g = new TaskGroup(concurrency: 2);
$ch = null;
$reasons = [];
$g->spawn(function () use (&$ch) { $ch = new Channel(); delay(1000); });
foreach ([1, 2] as $i) {
    $g->spawn(function () use (&$ch, &$reasons, $i) {
        while ($ch === null) delay(1);
        try { $ch->recv(); $reasons[$i] = "received"; }
        catch (ChannelException $e) { $reasons[$i] = $e->reason->name; }
    });
}
delay(10);
$g->dispose();
$g->awaitCompletion();
ksort($reasons);
foreach ($reasons as $i => $r) echo "$i=$r\n";

echo "-- TaskSet: the same\n";
$s = new TaskSet(concurrency: 1);
$s->spawn(function () { delay(1000); });
$s->spawn(function () { delay(1); return "queued"; });
delay(5);
$s->dispose();
$s->awaitCompletion();
foreach ($s as $k => [$result, $error]) echo "$k: ", $error ? get_class($error) : $result, "\n";

echo "-- cancel() still drops the queued tasks\n";
$g = new TaskGroup(concurrency: 1);
$g->spawn(function () { delay(1000); });
$g->spawn(function () { echo "must not run\n"; });
delay(5);
$g->cancel();
$g->awaitCompletion();
foreach ($g->getErrors() as $k => $e) echo "error $k: ", get_class($e), "\n";
echo "done\n";
?>
--EXPECT--
-- a queued task starts when a cancelled task frees its slot, and runs to its end
bool(true)
bool(false)
Async\AsyncException: Cannot spawn tasks on a closed TaskGroup
running 0 cancelled
running 1 cancelled
queued started
queued ended
array(1) {
  [2]=>
  string(13) "queued result"
}
error 0: Async\AsyncCancellation
error 1: Async\AsyncCancellation
-- disposed before any task started: the running ones end cancelled, the queued ones run
ran: b,c
array(2) {
  ["b"]=>
  string(1) "b"
  ["c"]=>
  string(1) "c"
}
error a: Async\AsyncCancellation
-- the queued tasks keep to the concurrency after dispose()
started 5, at most 2 at once
-- a queued task finds the group's channel closed with SCOPE_DISPOSED (channel/058)
1=SCOPE_DISPOSED
2=SCOPE_DISPOSED
-- TaskSet: the same
0: Async\AsyncCancellation
1: queued
-- cancel() still drops the queued tasks
error 0: Async\AsyncCancellation
error 1: Async\AsyncCancellation
done
