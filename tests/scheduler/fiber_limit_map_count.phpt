--TEST--
Coroutine contexts (load): near vm.max_map_count, spawn() throws a catchable AsyncException that names the limit and how to raise it, long before PHP's own allocations fail; the script goes on, the coroutines spawned finish, shutdown functions run
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip load test: not under valgrind');
$limit = @file_get_contents('/proc/sys/vm/max_map_count');
if ($limit === false || !is_readable('/proc/self/maps')) die('skip needs /proc/sys/vm/max_map_count');
if ((int) $limit > 65530) die("skip vm.max_map_count is $limit, above the default 65530: reaching it would take too long");
?>
--INI--
memory_limit=-1
--FILE--
<?php
use function Async\{spawn, await};

register_shutdown_function(function () { echo "shutdown function ran\n"; });
$gate = new Async\FutureState();
$future = new Async\Future($gate);
$coroutines = [];
try {
    for ($i = 0; $i < 300000; $i++) {
        $coroutines[] = spawn(function () use ($future) { return await($future); });
        if ($i % 1000 === 0) {
            Async\delay(0); // they start and wait, each on a C stack of its own
        }
    }
    echo "no limit reached\n";
} catch (Async\AsyncException $e) {
    echo preg_replace('/\d+/', 'N', $e->getMessage()), "\n";
}
$guardRegions = Async\runtime_stats()['fiber_guard_regions'];
$count = count($coroutines);
// two mappings a context without guard regions: about 30,000 with the default limit
echo "spawned before the refusal: ", $count >= ($guardRegions ? 100000 : 25000) ? "enough" : $count, "\n";
// the reserve left for the rest of the process: PHP can still map memory
$big = str_repeat('x', 64 << 20);
echo "64 MiB string: ", strlen($big) === 64 << 20 ? "allocated" : "not", "\n";
unset($big);

$gate->complete(1);
$sum = 0;
foreach ($coroutines as $c) {
    $sum += await($c);
}
echo "finished: ", $sum === $count ? "all" : $sum, "\n";
?>
--EXPECT--
Cannot spawn a coroutine: N are alive, and their C stacks could take more memory mappings than the process may have (vm.max_map_count = N, N in use, N kept for the rest of the process); raise it (sysctl -w vm.max_map_count=N) or let coroutines end first
spawned before the refusal: enough
64 MiB string: allocated
finished: all
shutdown function ran
