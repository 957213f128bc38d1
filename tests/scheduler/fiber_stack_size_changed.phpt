--TEST--
async.fiber_stack_size changed while coroutines are suspended: new contexts get the new size (stacks of both sizes coexist, each still used by its coroutine), a recursion through internal calls runs on either, and all finish
--FILE--
<?php
use function Async\{spawn, await, delay};

function depth(int $n): int { return $n ? array_map('depth', [$n - 1])[0] + 1 : 0; }
function burst(int $n): array {
    $cs = [];
    for ($i = 0; $i < $n; $i++) {
        $cs[] = spawn(function () use ($i) { delay(20); return depth(100) + $i; });
    }
    return $cs;
}

$first = burst(10); // 2 MiB stacks (PHP's fiber.stack_size)
delay(1);           // all ten suspended on their stacks
var_dump(ini_set('async.fiber_stack_size', '4M'));
$second = burst(10); // 4 MiB stacks while the first ten are still suspended
delay(1);
echo "stack size now: ", Async\runtime_stats()['fiber_stack_size'], "\n";
$sum = 0;
foreach (array_merge($first, $second) as $c) $sum += await($c);
echo "sum: $sum\n"; // 20 * 100 + 2 * (0 + ... + 9)
?>
--EXPECT--
string(1) "0"
stack size now: 4194304
sum: 2090
