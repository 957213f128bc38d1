--TEST--
Coroutine contexts (load): 100,000 coroutines suspended at once with the default vm.max_map_count; their C stacks take a few memory mappings in all instead of two each (guard regions, Linux 6.13+)
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip load test: not under valgrind');
if (!is_readable('/proc/self/maps')) die('skip needs /proc/self/maps');
Async\await(Async\spawn(fn() => null));
if (!Async\runtime_stats()['fiber_guard_regions']) {
    die('skip the kernel has no guard regions (Linux < 6.13): two mappings a context, about 30,000 at the default vm.max_map_count');
}
?>
--INI--
memory_limit=-1
--FILE--
<?php
use function Async\{spawn, await};

function mappings(): int {
    return substr_count(file_get_contents('/proc/self/maps'), "\n");
}

$gate = new Async\FutureState();
$future = new Async\Future($gate);
$before = mappings();
$coroutines = [];
for ($i = 0; $i < 100000; $i++) {
    $coroutines[] = spawn(function () use ($future, $i) { return await($future) + $i; });
}
Async\delay(1); // every one of them starts and waits: each holds a C stack
$suspended = 0;
foreach ($coroutines as $c) {
    $suspended += $c->isSuspended();
}
echo "suspended: $suspended\n";
echo "contexts: ", Async\runtime_stats()['fiber_contexts'] >= 100000 ? "one each" : Async\runtime_stats()['fiber_contexts'], "\n";
$added = mappings() - $before;
echo "mappings added: ", $added < 1000 ? "fewer than 1,000" : $added, "\n";

$gate->complete(1);
$sum = 0;
foreach ($coroutines as $c) {
    $sum += await($c);
}
echo "results: ", $sum === 100000 + 99999 * 100000 / 2 ? "all" : $sum, "\n";
?>
--EXPECT--
suspended: 100000
contexts: one each
mappings added: fewer than 1,000
results: all
