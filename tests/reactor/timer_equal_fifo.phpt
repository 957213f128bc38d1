--TEST--
Reactor: one-shot timers of the same length fire in the order they were started (libuv's loop clock is read coarsely and truncated: a timer started while it lagged came due early, was started again and fell behind timers started after it), over many rounds of coroutines each sleeping the same delay
--FILE--
<?php
use function Async\{spawn, delay, await_all};

$out_of_order = 0;
for ($round = 0; $round < 20; $round++) {
    $order = [];
    $coroutines = [];
    for ($i = 0; $i < 200; $i++) {
        $coroutines[] = spawn(function () use ($i, &$order) {
            delay(3);
            $order[] = $i;
        });
    }
    await_all($coroutines);
    $sorted = $order;
    sort($sorted);
    if ($order !== $sorted) {
        $out_of_order++;
    }
}
echo "rounds out of order: $out_of_order\n";
?>
--EXPECT--
rounds out of order: 0
