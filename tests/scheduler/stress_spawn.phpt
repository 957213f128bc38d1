--TEST--
Scheduler: 100,000 coroutines spawned and awaited; 10,000 suspended at once
--FILE--
<?php
use function Async\{spawn, await, delay};
$n = getenv('USE_ZEND_ALLOC') === '0' ? 20000 : 100000; // fewer under valgrind, same paths
$cs = [];
for ($i = 0; $i < $n; $i++) $cs[] = spawn(fn($i) => $i, $i);
$sum = 0;
foreach ($cs as $c) $sum += await($c);
var_dump($sum === $n * ($n - 1) / 2);
unset($cs);
$waiting = [];
for ($i = 0; $i < 10000; $i++) $waiting[] = spawn(function () { delay(50); return 1; });
Async\suspend();
$suspended = 0;
foreach ($waiting as $c) $suspended += $c->isSuspended();
var_dump($suspended);
$sum = 0;
foreach ($waiting as $c) $sum += await($c);
var_dump($sum, Async\runtime_stats()['active_coroutines']);
?>
--EXPECT--
bool(true)
int(10000)
int(10000)
int(0)
