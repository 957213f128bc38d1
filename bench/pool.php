<?php
// Async\Pool acquire/release per second beside the common hand-made pool: a Channel holding the
// idle resources (recv() to take one, send() to give it back).
//   php -n -d extension_dir=out/ext -d extension=async bench/pool.php [rounds]
// Two workloads, each on both: one coroutine taking and giving back with nothing else running
// (the cost of the calls), and 100 coroutines sharing 10 resources, each suspending while it holds
// one (waiters queue: the cost of handing over).
use Async\{Pool, Channel};
use function Async\{spawn, await_all_or_fail, suspend};

$rounds = (int) ($argv[1] ?? 200000);
$size = 10;

function channel_pool(int $size): Channel {
    $idle = new Channel($size);
    for ($i = 0; $i < $size; $i++) $idle->send(new stdClass);
    return $idle;
}

function measure(string $name, callable $run, int $ops): float {
    $best = INF;
    for ($repeat = 0; $repeat < 3; $repeat++) {
        $t = hrtime(true);
        $run();
        $best = min($best, (hrtime(true) - $t) / 1e9);
    }
    printf("%-58s %10.0f ops/s  (%.0f ns each)\n", $name, $ops / $best, $best / $ops * 1e9);
    return $ops / $best;
}

echo "rounds: $rounds acquire+release pairs per workload, best of 3\n";
$pool = new Pool(fn() => new stdClass, max: $size);
$channel = channel_pool($size);

$a = measure('Pool, one coroutine', function () use ($pool, $rounds) {
    for ($i = 0; $i < $rounds; $i++) { $r = $pool->acquire(); $pool->release($r); }
}, $rounds);
$b = measure('Channel pool, one coroutine', function () use ($channel, $rounds) {
    for ($i = 0; $i < $rounds; $i++) { $r = $channel->recv(); $channel->send($r); }
}, $rounds);
printf("%-58s %10.2fx\n", 'ratio Pool / Channel', $a / $b);

$workers = 100;
$each = intdiv($rounds, 10 * $workers);
$contended = function (callable $take, callable $give) use ($workers, $each) {
    return function () use ($take, $give, $workers, $each) {
        $tasks = [];
        for ($w = 0; $w < $workers; $w++) {
            $tasks[] = spawn(function () use ($take, $give, $each) {
                for ($i = 0; $i < $each; $i++) { $r = $take(); suspend(); $give($r); }
            });
        }
        await_all_or_fail($tasks);
    };
};
$ops = $workers * $each;
$a = measure("Pool, $workers coroutines on $size resources", $contended(fn() => $pool->acquire(), fn($r) => $pool->release($r)), $ops);
$b = measure("Channel pool, $workers coroutines on $size resources", $contended(fn() => $channel->recv(), fn($r) => $channel->send($r)), $ops);
printf("%-58s %10.2fx\n", 'ratio Pool / Channel', $a / $b);
