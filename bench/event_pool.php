<?php
// One side of bench/event_pool.sh: creates, arms, disarms and disposes events of one kind through
// the engine API (async_test drives it from C) and prints seconds, cycles/s, allocations, reuses.
[$kind, $n] = [$argv[1] ?? 'timer', (int) ($argv[2] ?? 200000)];
$churn = "async_test_{$kind}_churn";
$churn(1000); // warm up
$before = Async\runtime_stats();
$t = hrtime(true);
$churn($n);
$seconds = (hrtime(true) - $t) / 1e9;
$after = Async\runtime_stats();
printf("%.4f %d %d %d\n", $seconds, $n / $seconds,
    $after["{$kind}_pool_allocated"] - $before["{$kind}_pool_allocated"],
    $after["{$kind}_pool_reused"] - $before["{$kind}_pool_reused"]);
