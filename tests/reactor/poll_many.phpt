--TEST--
libuv reactor from C: 1,000 socket pairs watched at once are all notified, then stopped and freed
--EXTENSIONS--
async_test
--FILE--
<?php
var_dump(async_test_poll_many(1000));
?>
--EXPECT--
array(3) {
  ["active_at_peak"]=>
  int(1000)
  ["notified"]=>
  int(1000)
  ["active_after"]=>
  int(0)
}
