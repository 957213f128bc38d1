--TEST--
Hooks: a look-up that fails and a cancellation that comes before the coroutine runs again: the coroutine sees the cancellation, not gethostbyname()'s stock false for a name that does not resolve (the failure had swallowed it, and a loop of look-ups went on for ever)
--FILE--
<?php
use function Async\{spawn, delay, await, suspend};

$seen = 'nothing';
$a = spawn(function () use (&$seen) {
    try {
        $seen = 'returned ' . gethostbyname('async-failed-then-cancelled.invalid');
    } catch (Async\AsyncCancellation $e) {
        $seen = 'the cancellation';
    }
});
$cancelledAfterEnd = null;
$b = spawn(function () use ($a, &$cancelledAfterEnd) {
    delay(1);
    $cancelledAfterEnd = $a->isCompleted();
    $a->cancel();
});
suspend(); // both wait now: $a on the look-up, $b on its timer
// Keep the CPU without letting the reactor run until the look-up has long failed (on libuv's
// thread pool) and the timer is due: the next turn of the loop then wakes both, the timer first
// (libuv runs due timers before it polls), so $b cancels $a while $a is queued with its failure.
$until = hrtime(true) + 500_000_000;
while (hrtime(true) < $until) {}
await($a);
await($b);
if ($cancelledAfterEnd) {
    // A loop that polled before it ran the timers: $a ran first; nothing to show here.
    echo "the cancellation\n";
} else {
    echo $seen, "\n";
}
?>
--EXPECT--
the cancellation
