--TEST--
Engine API from C: a backend's MINIT registration without allow_override is refused while libuv holds the slot; with it, it replaces libuv
--EXTENSIONS--
async_test
--INI--
async_test.register_at_startup=1
--FILE--
<?php
var_dump(async_test_startup_result());
var_dump(async_test_reactor_module());
// libuv still serves every entry.
echo async_test_call_entry('new_timer_event'), "\n";
?>
--EXPECTF--
%AWarning: The module async_test is trying to override the reactor, which was registered by the module libuv in %s on line %d
bool(false)
string(5) "libuv"
event
