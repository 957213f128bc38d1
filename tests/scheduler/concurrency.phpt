--TEST--
Scheduler: delays in 50 coroutines overlap (the batch takes about the longest, not the sum)
--FILE--
<?php
use function Async\{spawn, await, delay};
$t = hrtime(true);
$cs = [];
for ($i = 0; $i < 50; $i++) {
    $cs[] = spawn(function ($i) { delay(100); return $i; }, $i);
}
$sum = 0;
foreach ($cs as $c) $sum += await($c);
$ms = (hrtime(true) - $t) / 1e6;
var_dump($sum);
// 50 sequential delays would take 5,000 ms; the bound is loose on purpose.
var_dump($ms < 2500);
?>
--EXPECT--
int(1225)
bool(true)
