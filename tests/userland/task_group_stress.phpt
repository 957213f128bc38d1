--TEST--
TaskGroup and TaskSet: random producers, consumers (foreach, joins, all/race/any) and endings (cancel, dispose, close, drop, the owners cancelled) never crash, hang or leak
--FILE--
<?php
use Async\{TaskGroup, TaskSet, AsyncCancellation};
use function Async\{spawn, await, suspend, delay};
mt_srand(20261202);
for ($round = 0; $round < 25; $round++) {
    $kind = mt_rand(0, 1) ? TaskGroup::class : TaskSet::class;
    $g = new $kind(mt_rand(0, 4), mt_rand(0, 1) ? null : mt_rand(0, 3));
    $producer = spawn(function () use ($g) {
        try {
            for ($i = 0; $i < 20; $i++) {
                $g->spawn(function () use ($i, $g) {
                    $r = mt_rand(0, 5);
                    if ($r === 0) throw new RuntimeException("t$i");
                    if ($r === 1) delay(mt_rand(1, 3));
                    if ($r === 2) suspend();
                    if ($r === 3) { spawn(fn() => delay(2)); }
                    return [$i, $g];   // a cycle through the result
                });
            }
        } catch (Throwable $e) {}
    });
    $consumer = spawn(function () use ($g, $kind) {
        try {
            if ($kind === TaskSet::class && mt_rand(0, 1)) {
                foreach ($g as $k => [$r, $e]) { if (mt_rand(0, 10) === 0) break; }
            } elseif ($kind === TaskSet::class) {
                while (count($g) > 0) { try { $g->joinNext()->await(); } catch (Throwable $e) {} }
            } else {
                $f = [$g->all(true)];
                if (count($g) > 0) { $f[] = $g->race(); $f[] = $g->any(); }
                foreach ($f as $x) { try { $x->await(); } catch (Throwable $e) {} }
            }
        } catch (Throwable $e) {}
    });
    $action = mt_rand(0, 4);
    delay(mt_rand(0, 3));
    if ($action === 0) $g->cancel();
    elseif ($action === 1) $g->dispose();
    elseif ($action === 2) { $g->close(); }
    elseif ($action === 3) { $g->close(); unset($g); }
    else { $consumer->cancel(); $producer->cancel(); }
    if (isset($g)) { $g->close(); try { $g->awaitCompletion(); } catch (Throwable $e) { echo get_class($e), "\n"; } }
    foreach ([$producer, $consumer] as $c) { try { await($c); } catch (Throwable $e) {} }
    unset($g, $producer, $consumer, $f);
    gc_collect_cycles();
}
echo "ok\n";
--EXPECT--
ok
