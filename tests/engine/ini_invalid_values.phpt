--TEST--
INI settings refuse values they do not take, with a warning naming the setting, and keep their value
--INI--
async.timer_pool_size=banana
async.poll_pool_size=-5
async.default_reactor=maybe
async.default_scheduler=2
async.fiber_pool_size=0
--FILE--
<?php
// At startup each refused value leaves the default in place: the reactor and scheduler are registered.
var_dump(ini_get('async.timer_pool_size'), ini_get('async.poll_pool_size'),
	ini_get('async.default_reactor'), ini_get('async.default_scheduler'), ini_get('async.fiber_pool_size'));
var_dump(Async\await(Async\spawn(fn() => 'the default scheduler and reactor run this')));

// At run time ini_set() refuses them too and the current value stays.
var_dump(ini_set('async.fiber_pool_size', 'lots'), ini_get('async.fiber_pool_size'));
var_dump(ini_set('async.fiber_pool_size', '3000000000'), ini_get('async.fiber_pool_size'));
var_dump(ini_set('async.fiber_stack_size', '1Q'), ini_get('async.fiber_stack_size'));
var_dump(ini_set('async.fiber_pool_size', '2K'), ini_get('async.fiber_pool_size'));
?>
--EXPECTF--
Warning: async.timer_pool_size must be a whole number from 0 to 1000000 (K, M and G suffixes allowed), "banana" given: the setting is unchanged in Unknown on line 0

Warning: async.poll_pool_size must be a whole number from 0 to 1000000 (K, M and G suffixes allowed), "-5" given: the setting is unchanged in Unknown on line 0

Warning: async.default_reactor must be On or Off (1 or 0), "maybe" given: the setting is unchanged in Unknown on line 0

Warning: async.default_scheduler must be On or Off (1 or 0), "2" given: the setting is unchanged in Unknown on line 0

Warning: async.fiber_pool_size must be a whole number from 1 to 2147483647 (K, M and G suffixes allowed), "0" given: the setting is unchanged in Unknown on line 0
string(4) "1024"
string(4) "1024"
string(1) "1"
string(1) "1"
string(3) "128"
string(42) "the default scheduler and reactor run this"

Warning: async.fiber_pool_size must be a whole number from 1 to 2147483647 (K, M and G suffixes allowed), "lots" given: the setting is unchanged in %s on line %d
bool(false)
string(3) "128"

Warning: async.fiber_pool_size must be a whole number from 1 to 2147483647 (K, M and G suffixes allowed), "3000000000" given: the setting is unchanged in %s on line %d
bool(false)
string(3) "128"

Warning: async.fiber_stack_size must be a whole number from 0 to %d (K, M and G suffixes allowed), "1Q" given: the setting is unchanged in %s on line %d
bool(false)
string(1) "0"
string(3) "128"
string(2) "2K"
