<?php
// One side of bench/timer_pool.sh: creates, arms, disarms and disposes timers through the engine
// API (async_test drives it from C) and prints seconds, cycles per second and allocations.
$n = (int) ($argv[1] ?? 200000);
async_test_timer_churn(1000); // warm up
$before = Async\runtime_stats();
$t = hrtime(true);
async_test_timer_churn($n);
$seconds = (hrtime(true) - $t) / 1e9;
$after = Async\runtime_stats();
printf("%.4f %d %d %d\n", $seconds, $n / $seconds,
    $after['timer_pool_allocated'] - $before['timer_pool_allocated'],
    $after['timer_pool_reused'] - $before['timer_pool_reused']);
