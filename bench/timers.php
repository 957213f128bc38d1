<?php
// 10,000 concurrent 10 ms timers, one side per process: part of bench/run.sh.
//   php timers.php async|amp [count] [ms] [rounds]
// async: a coroutine per timer, each in Async\delay(), all awaited (needs the extension).
// amp:   Amp v2 (Debian's php-amphp-amp): Amp\delay() promises awaited with Amp\Promise\all in
//        Loop::run (its default driver: stream_select without ev/uv/event extensions).
// Prints: milliseconds from the first timer created to the last one awaited (best of `rounds`
// rounds, default 3; 1 measures a fresh process, whose coroutines each need a new context),
// the peak Zend heap (memory_get_peak_usage), and the CPU time (user + system) the process spent in
// that best round: on a loaded machine the elapsed time also counts the waits for a core.
[$side, $n, $ms, $rounds] = [$argv[1] ?? 'async', (int) ($argv[2] ?? 10000), (int) ($argv[3] ?? 10), (int) ($argv[4] ?? 3)];

function run_async(int $n, int $ms): float {
    $t = hrtime(true);
    $cs = [];
    for ($i = 0; $i < $n; $i++) $cs[] = Async\spawn(fn() => Async\delay($ms));
    foreach ($cs as $c) Async\await($c);
    return (hrtime(true) - $t) / 1e6;
}

function run_amp(int $n, int $ms): float {
    $elapsed = 0.0;
    Amp\Loop::run(function () use ($n, $ms, &$elapsed) {
        $t = hrtime(true);
        $ps = [];
        for ($i = 0; $i < $n; $i++) $ps[] = Amp\delay($ms);
        yield Amp\Promise\all($ps);
        $elapsed = (hrtime(true) - $t) / 1e6;
    });
    return $elapsed;
}

if ($side === 'amp') { // Debian's autoloader maps classes only: the function files come separately
    foreach (['autoload.php', 'functions.php', 'Internal/functions.php'] as $f) require "/usr/share/php/Amp/$f";
}
$run = "run_$side";
function cpu_ms(): float { $u = getrusage(); return ($u['ru_utime.tv_sec'] + $u['ru_stime.tv_sec']) * 1e3 + ($u['ru_utime.tv_usec'] + $u['ru_stime.tv_usec']) / 1e3; }
[$best, $best_cpu] = [INF, INF];
for ($round = 0; $round < $rounds; $round++) { // best, same process
    $cpu = cpu_ms();
    $elapsed = $run($n, $ms);
    if ($elapsed < $best) [$best, $best_cpu] = [$elapsed, cpu_ms() - $cpu];
}
printf("%.2f %d %.2f\n", $best, memory_get_peak_usage(), $best_cpu);
