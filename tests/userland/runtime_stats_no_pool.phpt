--TEST--
Async\runtime_stats(): with async.timer_pool_size=0 every timer is a fresh allocation
--EXTENSIONS--
async_test
--INI--
async.timer_pool_size=0
--FILE--
<?php
async_test_timer_churn(1000);
$s = Async\runtime_stats();
var_dump($s['timer_pool_reused'], $s['timer_pool_allocated']);
var_dump(ini_get('async.timer_pool_size'));
?>
--EXPECT--
int(0)
int(1000)
string(1) "0"
