<?php
// Coroutines beside PHP's Fiber doing the same work: spawn+await, switches, memory per suspended
// coroutine. Run: bench/coroutines.sh (or php with the extension loaded).
//
// Timed workloads run several rounds on each side and report the median: the first round of a
// fresh process also pays the kernel for every page the heap touches the first time (100,000
// queued coroutines are about 110 MB), which a long-running server pays once; that first round is
// reported on its own row. Memory is measured in a fresh process for each side, so neither side
// reuses pages the other touched.
use function Async\{spawn, await, suspend, delay};

function rss_kib(): int { return (int) (explode(' ', file_get_contents('/proc/self/statm'))[1] * 4); }
// page tables (not in RSS): a 2 MiB C stack needs a page-table page of its own
function pte_kib(): int { return preg_match('/^VmPTE:\s+(\d+)/m', (string) @file_get_contents('/proc/self/status'), $m) ? (int) $m[1] : 0; }
function ns_since(int $t): float { return (float) (hrtime(true) - $t); }
function median(array $values): float { sort($values); $n = count($values); return $n % 2 ? $values[intdiv($n, 2)] : ($values[$n / 2 - 1] + $values[$n / 2]) / 2; }
function row(string $what, float $ours, float $fiber, bool $lower_is_better = true): void {
    printf("%-52s %14.1f %14.1f %9.2fx\n", $what, $ours, $fiber, $lower_is_better ? $fiber / $ours : $ours / $fiber);
}

// ---- memory: one side per process (see the end of the file) ----
if (($argv[1] ?? '') === 'memory') {
    $k = 10000;
    gc_collect_cycles();
    [$heap, $rss, $pte] = [memory_get_usage(), rss_kib(), pte_kib()];
    if ($argv[2] === 'fiber') {
        $fs = [];
        for ($i = 0; $i < $k; $i++) { $f = new Fiber(function () { Fiber::suspend(); }); $f->start(); $fs[] = $f; }
    } else {
        $cs = [];
        for ($i = 0; $i < $k; $i++) $cs[] = spawn(function () { delay(100000); });
        suspend(); // all of them start and suspend
    }
    printf("%.1f %.1f %.1f\n", (memory_get_usage() - $heap) / $k, (rss_kib() - $rss) * 1024 / $k, (pte_kib() - $pte) * 1024 / $k);
    if (isset($cs)) foreach ($cs as $c) $c->cancel();
    exit(0);
}

$n = (int) ($argv[1] ?? 100000);
$rounds = 5;
printf("%-52s %14s %14s %10s\n", "workload", "coroutines", "Fiber", "ratio");

// 1. spawn + await: $n tasks spawned at once then awaited, and one task at a time; the baseline
//    is a new Fiber per task (the only way a Fiber runs a task). Ratio: times faster.
// CPU time (user + system) of the process in ns: on a shared machine the wall time also counts
// the waits for a core, which differ from round to round.
function cpu_ns(): float { $u = getrusage(); return ($u['ru_utime.tv_sec'] + $u['ru_stime.tv_sec']) * 1e9 + ($u['ru_utime.tv_usec'] + $u['ru_stime.tv_usec']) * 1e3; }
$at_once_cpu = [];
$spawn_at_once = function () use ($n, &$at_once_cpu): float {
    $cpu = cpu_ns();
    $t = hrtime(true);
    $cs = [];
    for ($i = 0; $i < $n; $i++) $cs[] = spawn(fn($i) => $i, $i);
    foreach ($cs as $c) await($c);
    $wall = ns_since($t) / $n;
    $at_once_cpu[] = (cpu_ns() - $cpu) / $n;
    return $wall;
};
$spawn_one_at_a_time = function () use ($n): float {
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) await(spawn(fn($i) => $i, $i));
    return ns_since($t) / $n;
};
$fiber_per_task = function () use ($n): float {
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) { $f = new Fiber(fn($i) => $i); $f->start($i); $f->getReturn(); }
    return ns_since($t) / $n;
};
$first = $spawn_at_once();
$at_once = $one = $fiber = [];
for ($r = 0; $r < $rounds; $r++) {
    $at_once[] = $spawn_at_once();
    $one[] = $spawn_one_at_a_time();
    $fiber[] = $fiber_per_task();
}
$fiber_median = median($fiber);
row("spawn+await per second ($n at once)", 1e9 / median($at_once), 1e9 / $fiber_median, false);
row("spawn+await per second ($n, one at a time)", 1e9 / median($one), 1e9 / $fiber_median, false);
row("spawn+await per second ($n at once, first round)", 1e9 / $first, 1e9 / $fiber_median, false);
// the first round beside the warm rounds of the same process (wall, then per CPU second)
$first_cpu = array_shift($at_once_cpu);
row("spawn+await per second ($n at once), first round / warm", 1e9 / $first, 1e9 / median($at_once), false);
row("spawn+await per CPU second ($n at once), first round / warm", 1e9 / $first_cpu, 1e9 / median($at_once_cpu), false);

// 2. 1,000,000 switches: two coroutines taking turns / one Fiber resumed and suspended.
$switches = 1000000;
$half = $switches / 2;
$ours = $theirs = [];
for ($r = 0; $r < 3; $r++) {
    $t = hrtime(true);
    $a = spawn(function () use ($half) { for ($i = 0; $i < $half; $i++) suspend(); });
    $b = spawn(function () use ($half) { for ($i = 0; $i < $half; $i++) suspend(); });
    await($a); await($b);
    $ours[] = ns_since($t) / $switches;
    $t = hrtime(true);
    $f = new Fiber(function () use ($half) { for ($i = 0; $i < $half; $i++) Fiber::suspend(); });
    $f->start();
    while (!$f->isTerminated()) $f->resume();
    $theirs[] = ns_since($t) / $switches;
}
row("ns per switch (1,000,000 switches)", median($ours), median($theirs));

// 3. memory per suspended coroutine / Fiber, 10,000 of them, each side in a fresh process.
$php = sprintf('%s -n -d memory_limit=-1 -d extension_dir=%s -d extension=async %s memory',
    escapeshellarg(PHP_BINARY), escapeshellarg(ini_get('extension_dir')), escapeshellarg(__FILE__));
[$ours_heap, $ours_rss, $ours_pte] = array_map('floatval', explode(' ', trim((string) shell_exec("$php ours"))));
[$fiber_heap, $fiber_rss, $fiber_pte] = array_map('floatval', explode(' ', trim((string) shell_exec("$php fiber"))));
row("heap bytes per suspended one (10000)", $ours_heap, $fiber_heap);
row("resident bytes per suspended one (10000)", $ours_rss, $fiber_rss);
row("page-table bytes per suspended one (10000)", $ours_pte, $fiber_pte);
row("resident + page-table bytes per suspended one (10000)", $ours_rss + $ours_pte, $fiber_rss + $fiber_pte);
