--TEST--
Engine API from C: events made through the ZEND_ASYNC_* macros come from the registered backend and are counted while armed
--EXTENSIONS--
async_test
--INI--
async.default_reactor=0
async_test.register_at_startup=1
--FILE--
<?php
var_dump(async_test_timers(1000));
// The owner releases each timer from inside its own callback.
var_dump(async_test_timers(1000, true));
?>
--EXPECT--
array(4) {
  ["fired"]=>
  int(1000)
  ["closed"]=>
  int(1000)
  ["ticks"]=>
  int(1)
  ["active_events"]=>
  int(0)
}
array(2) {
  ["ticks"]=>
  int(1)
  ["active_events"]=>
  int(0)
}
