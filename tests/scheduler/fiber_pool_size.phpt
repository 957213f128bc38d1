--TEST--
async.fiber_pool_size: a burst of coroutines leaves at most that many idle C stacks mapped once the scheduler has been idle a while; bad values are refused
--SKIPIF--
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status'); ?>
--INI--
async.fiber_stack_size=2100K
async.fiber_pool_size=4
--FILE--
<?php
use function Async\{spawn, await, delay};

// Coroutine stacks mapped; each one is also address space: the count is checked against VmSize.
function stacks(): int {
    return Async\runtime_stats()['fiber_contexts'];
}
function vm_size_kb(): int {
    preg_match('/^VmSize:\s+(\d+)/m', file_get_contents('/proc/self/status'), $m);
    return (int) $m[1];
}
function burst(int $n): array {
    $cs = [];
    for ($i = 0; $i < $n; $i++) $cs[] = spawn(function () { delay(1); return 1; });
    $sum = 0;
    foreach ($cs as $c) $sum += await($c);
    // the scheduler trims the pool a few contexts at a time while it waits with nothing to run,
    // once no new context was needed for 100 ms
    for ($i = 0; $i < 25; $i++) delay(20);
    return [$sum, stacks()];
}

$before = stacks();
$vmBefore = vm_size_kb();
[$sum, $after] = burst(60);
echo "60 ran: $sum, stacks left: ", $after - $before, "\n";
$vm = vm_size_kb() - $vmBefore;
// (the heap may have grown meanwhile, by 2 MiB chunks)
echo "their address space: ", $vm >= 4 * 2100 && $vm < 10 * 2100 ? "4 stacks and maybe some heap" : "$vm KiB", "\n";

var_dump(ini_set('async.fiber_pool_size', '1000'));
[$sum, $after] = burst(60);
echo "60 ran: $sum, stacks left: ", $after - $before, "\n";

var_dump(ini_set('async.fiber_pool_size', '2'));
[$sum, $after] = burst(60);
echo "60 ran: $sum, stacks left: ", $after - $before, "\n";

// right after a burst (no quiet time yet), a fork gives the excess back first: fork() copies
// the page tables of every mapping
$cs = [];
for ($i = 0; $i < 60; $i++) $cs[] = spawn(function () { delay(1); });
foreach ($cs as $c) await($c);
$beforeFork = stacks() - $before;
shell_exec('true');
echo "before a fork: ", $beforeFork > 2 ? "more than 2" : $beforeFork, ", after it: ", stacks() - $before, "\n";

var_dump(ini_set('async.fiber_pool_size', '0'), ini_get('async.fiber_pool_size'));
?>
--EXPECTF--
60 ran: 60, stacks left: 4
their address space: 4 stacks and maybe some heap
string(1) "4"
60 ran: 60, stacks left: 60
string(4) "1000"
60 ran: 60, stacks left: 2
before a fork: more than 2, after it: 2

Warning: async.fiber_pool_size must be a whole number from 1 to 2147483647 (K, M and G suffixes allowed), "0" given: the setting is unchanged in %s on line %d
bool(false)
string(1) "2"
