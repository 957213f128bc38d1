<?php
// Coroutines beside PHP's Fiber doing the same work in the same process: spawn+await, switches,
// memory per suspended coroutine. Run: bench/coroutines.sh (or php with the extension loaded).
use function Async\{spawn, await, suspend, delay};

function rss_kib(): int { return (int) (explode(' ', file_get_contents('/proc/self/statm'))[1] * 4); }
function ms(int $t): float { return (hrtime(true) - $t) / 1e6; }
function row(string $what, float $ours, float $fiber, string $unit, bool $lower_is_better = true): void {
    printf("%-44s %14.1f %14.1f %9.2fx\n", $what, $ours, $fiber, $lower_is_better ? $fiber / $ours : $ours / $fiber);
}

$n = (int) ($argv[1] ?? 100000);
printf("%-44s %14s %14s %10s\n", "workload", "coroutines", "Fiber", "ratio");

// 1. spawn + await of $n tasks (ratio = how many times faster than a new Fiber per task).
$t = hrtime(true);
$cs = [];
for ($i = 0; $i < $n; $i++) $cs[] = spawn(fn($i) => $i, $i);
foreach ($cs as $c) await($c);
$ours = $n / ms($t) * 1000;
unset($cs);
$t = hrtime(true);
for ($i = 0; $i < $n; $i++) { $f = new Fiber(fn($i) => $i); $f->start($i); $f->getReturn(); }
$fiber = $n / ms($t) * 1000;
row("spawn+await per second ($n)", $ours, $fiber, "/s", false);

// 2. 1,000,000 switches: two coroutines taking turns / one Fiber resumed and suspended.
$switches = 1000000;
$t = hrtime(true);
$half = $switches / 2;
$a = spawn(function () use ($half) { for ($i = 0; $i < $half; $i++) suspend(); });
$b = spawn(function () use ($half) { for ($i = 0; $i < $half; $i++) suspend(); });
await($a); await($b);
$ours = ms($t) * 1e6 / $switches;
$t = hrtime(true);
$f = new Fiber(function () use ($half) { for ($i = 0; $i < $half; $i++) Fiber::suspend(); });
$f->start();
while (!$f->isTerminated()) $f->resume();
$fiber = ms($t) * 1e6 / $switches;
row("ns per switch (1,000,000 switches)", $ours, $fiber, "ns");

// 3. memory per suspended coroutine / Fiber, 10,000 of them (Zend heap and resident memory).
$k = 10000;
gc_collect_cycles();
[$heap, $rss] = [memory_get_usage(), rss_kib()];
$cs = [];
for ($i = 0; $i < $k; $i++) $cs[] = spawn(function () { delay(100000); });
suspend(); // all of them start and suspend
$ours_heap = (memory_get_usage() - $heap) / $k;
$ours_rss = (rss_kib() - $rss) * 1024 / $k;
foreach ($cs as $c) $c->cancel();
foreach ($cs as $c) { try { await($c); } catch (Async\AsyncCancellation) {} }
unset($cs, $c);
gc_collect_cycles();
[$heap, $rss] = [memory_get_usage(), rss_kib()];
$fs = [];
for ($i = 0; $i < $k; $i++) { $f = new Fiber(function () { Fiber::suspend(); }); $f->start(); $fs[] = $f; }
$fiber_heap = (memory_get_usage() - $heap) / $k;
$fiber_rss = (rss_kib() - $rss) * 1024 / $k;
row("heap bytes per suspended one ($k)", $ours_heap, $fiber_heap, "B");
row("resident bytes per suspended one ($k)", $ours_rss, $fiber_rss, "B");
