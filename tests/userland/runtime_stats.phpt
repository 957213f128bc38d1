--TEST--
Async\runtime_stats(): the reactor's timer pool reuses disposed timers
--EXTENSIONS--
async_test
--FILE--
<?php
$before = Async\runtime_stats();
var_dump($before['active_events'], $before['timer_pool_reused']);
async_test_timer_churn(5000);
$after = Async\runtime_stats();
var_dump($after['reactor_loop_started']);
// Nearly every cycle after the first few reused a pooled timer instead of allocating.
var_dump($after['timer_pool_reused'] >= 4900, $after['timer_pool_allocated'] <= 100);
var_dump($after['timer_pool_reused'] + $after['timer_pool_allocated']);
// The poll pool likewise.
async_test_poll_churn(1000);
$after = Async\runtime_stats();
var_dump($after['poll_pool_reused'] >= 990, $after['poll_pool_reused'] + $after['poll_pool_allocated']);
?>
--EXPECT--
int(0)
int(0)
bool(true)
bool(true)
bool(true)
int(5000)
bool(true)
int(1000)
