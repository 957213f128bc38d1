--TEST--
Async\runtime_stats(): upstream's keys, zero before the scheduler starts, then the coroutines alive, the run queue and its resumed part, and the context pool
--INI--
async.fiber_pool_size=4
--FILE--
<?php
use function Async\{runtime_stats, spawn, suspend, await};
$s = runtime_stats();
foreach (['coroutines_total', 'coroutines_active', 'microtasks_queue', 'coroutine_queue', 'resumed_queue',
        'fiber_pool_count', 'fiber_pool_capacity', 'fiber_pool_min', 'fiber_stack_size', 'fiber_pool_virtual_bytes'] as $key) {
    if (!array_key_exists($key, $s) || !is_int($s[$key])) echo "missing $key\n";
}
echo "-- before anything was spawned\n";
var_dump($s['coroutines_total'], $s['coroutine_queue'], $s['fiber_pool_virtual_bytes'], $s['fiber_pool_capacity'], $s['fiber_pool_min']);
var_dump($s['fiber_stack_size'] === (int) ini_get('fiber.stack_size') || $s['fiber_stack_size'] > 0);

echo "-- three spawned, none started: queued, not resumed\n";
$a = spawn(function () { suspend(); });
$b = spawn(function () { suspend(); });
$c = spawn(function () { return 1; });
$s = runtime_stats();
var_dump($s['coroutines_total'], $s['coroutine_queue'], $s['resumed_queue']);

echo "-- after one turn: a and b suspended and queued again (resumed), c ended\n";
suspend();
$s = runtime_stats();
var_dump($s['coroutines_total'], $s['coroutine_queue'], $s['resumed_queue']);
var_dump($s['fiber_pool_virtual_bytes'] >= 2 * $s['fiber_stack_size']);
await($a); await($b);
echo "-- all ended: only the script, its contexts idle in the pool\n";
$s = runtime_stats();
var_dump($s['coroutines_total'], $s['coroutine_queue'], $s['fiber_pool_count'] >= 1);
?>
--EXPECT--
-- before anything was spawned
int(0)
int(0)
int(0)
int(4)
int(4)
bool(true)
-- three spawned, none started: queued, not resumed
int(4)
int(3)
int(0)
-- after one turn: a and b suspended and queued again (resumed), c ended
int(3)
int(2)
int(2)
bool(true)
-- all ended: only the script, its contexts idle in the pool
int(1)
int(0)
bool(true)
