--TEST--
Engine API from C: a backend registers from its MINIT, as the guide shows
--EXTENSIONS--
async_test
--INI--
async.default_reactor=0
async.default_scheduler=0
async_test.register_at_startup=1
--FILE--
<?php
var_dump(async_test_startup_result());
var_dump(async_test_reactor_module());
var_dump(async_test_is_enabled());
// The test backend provides timers and leaves the rest to the engine's defaults.
echo async_test_call_entry('new_timer_event'), "\n";
echo async_test_call_entry('loop_alive'), "\n";
try {
    async_test_call_entry('new_signal_event');
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
string(10) "async_test"
array(3) {
  ["async"]=>
  bool(false)
  ["reactor"]=>
  bool(true)
  ["scheduler"]=>
  bool(false)
}
event
false
Cannot call new_signal_event(): the async reactor async_test does not provide it
