--TEST--
libuv reactor from C: 10,000 timers armed at once all fire, close and are freed
--EXTENSIONS--
async_test
--FILE--
<?php
var_dump(async_test_timer_many(10000, 50));
?>
--EXPECT--
array(4) {
  ["active_at_peak"]=>
  int(10000)
  ["fired"]=>
  int(10000)
  ["closed"]=>
  int(10000)
  ["active_after"]=>
  int(0)
}
