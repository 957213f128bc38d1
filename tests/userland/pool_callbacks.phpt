--TEST--
Pool: beforeAcquire refusals try the next idle resource before making one; a factory failing in the healthcheck's refill is tried again at the next round
--FILE--
<?php
use Async\Pool;
use function Async\delay;

echo "-- beforeAcquire\n";
$made = 0;
$pool = new Pool(
    factory: function () use (&$made) { return ++$made; },
    destructor: function ($r) { echo "destroyed $r\n"; },
    beforeAcquire: function ($r) { echo "check $r\n"; return $r === 3; },
    min: 3,
);
$got = $pool->acquire();
echo "got $got, made $made, count ", $pool->count(), "\n";

echo "-- the healthcheck's refill\n";
$calls = 0;
$failOnce = true;
$hc = new Pool(
    factory: function () use (&$calls, &$failOnce) {
        $calls++;
        if ($calls === 3 && $failOnce) { $failOnce = false; throw new RuntimeException("down"); }
        return $calls;
    },
    healthcheck: fn($r) => $r !== 1,   // 1 is broken: destroyed, then min 2 is made up again
    min: 2,
    max: 4,
    healthcheckInterval: 10,
);
for ($deadline = hrtime(true) + 20e9; $hc->count() < 2 || $calls < 4; ) {
    if (hrtime(true) > $deadline) { echo "timed out\n"; break; }
    delay(5);
}
echo "factory calls $calls, count ", $hc->count(), "\n";   // 3 failed, 4 replaced 1
$hc->close();
?>
--EXPECT--
-- beforeAcquire
check 1
destroyed 1
check 2
destroyed 2
check 3
got 3, made 3, count 1
-- the healthcheck's refill
factory calls 4, count 2
