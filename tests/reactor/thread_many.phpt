--TEST--
libuv reactor from C: 20 thread events at once, each entry writing into its own memory; results checked on the loop thread
--EXTENSIONS--
async_test
--FILE--
<?php
var_dump(async_test_thread_many(20));
?>
--EXPECT--
array(8) {
  ["active_at_peak"]=>
  int(20)
  ["finished"]=>
  int(20)
  ["closed"]=>
  int(20)
  ["notified_once"]=>
  int(20)
  ["sums_right"]=>
  int(20)
  ["ran_off_the_loop_thread"]=>
  int(20)
  ["entry_got_its_event"]=>
  int(20)
  ["active_after"]=>
  int(0)
}
