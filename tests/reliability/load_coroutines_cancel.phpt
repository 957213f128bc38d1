--TEST--
Reliability (load): 100,000 suspended coroutines spawned and cancelled, three rounds: every one sees its cancellation, none is left, and memory does not grow from one round to the next
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip load test: not under valgrind');
?>
--INI--
memory_limit=1G
--FILE--
<?php
require __DIR__ . '/figures.inc';
use function Async\{spawn, await, delay, suspend};
$n = 100000;
$rounds = [];
for ($round = 0; $round < 3; $round++) {
    $before = memory_get_usage();
    $started = hrtime(true);
    $seen = 0;
    $cs = [];
    for ($i = 0; $i < $n; $i++) {
        $cs[] = spawn(function () use (&$seen) {
            try { delay(60000); } catch (Async\AsyncCancellation) { $seen++; }
        });
    }
    suspend(); // every one starts and waits
    $waiting = 0;
    foreach ($cs as $c) $waiting += $c->isSuspended();
    foreach ($cs as $c) $c->cancel();
    foreach ($cs as $c) await($c);
    unset($cs);
    $rounds[] = [$waiting, $seen, Async\runtime_stats()['active_coroutines'], memory_get_usage() - $before];
    figure("round %d: %.2f s, %d bytes kept\n", $round, (hrtime(true) - $started) / 1e9, memory_get_usage() - $before);
}
foreach ($rounds as [$waiting, $seen, $active, $grew]) {
    echo "$waiting waiting, $seen saw the cancellation, $active left\n";
}
// The first round may keep what the pools keep (contexts, the run queue's array); later rounds add nothing.
var_dump($rounds[2][3] <= 64 * 1024, $rounds[1][3] <= 64 * 1024);
?>
--EXPECT--
100000 waiting, 100000 saw the cancellation, 0 left
100000 waiting, 100000 saw the cancellation, 0 left
100000 waiting, 100000 saw the cancellation, 0 left
bool(true)
bool(true)
