--TEST--
async.fiber_stack_size refuses a size too small to run PHP safely
--INI--
async.fiber_stack_size=4K
--FILE--
<?php
var_dump(ini_get('async.fiber_stack_size'));
var_dump(ini_set('async.fiber_stack_size', '1M'), ini_get('async.fiber_stack_size'));
var_dump(Async\await(Async\spawn(fn() => "runs on the 1M stack")));
?>
--EXPECTF--
Warning: async.fiber_stack_size must be 0 (PHP's fiber.stack_size) or at least 64K, "4K" given: the setting is unchanged in %s on line %d
string(1) "0"
string(1) "0"
string(2) "1M"
string(20) "runs on the 1M stack"
