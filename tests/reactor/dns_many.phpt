--TEST--
libuv reactor from C: 100 concurrent getaddrinfo("localhost") all resolve to loopback addresses, close and are freed
--EXTENSIONS--
async_test
--FILE--
<?php
var_dump(async_test_dns_many(100, 'localhost'));
?>
--EXPECT--
array(7) {
  ["active_at_peak"]=>
  int(100)
  ["notified_once"]=>
  int(100)
  ["failed"]=>
  int(0)
  ["closed"]=>
  int(100)
  ["has_127.0.0.1_or_::1"]=>
  bool(true)
  ["only_loopback"]=>
  bool(true)
  ["active_after"]=>
  int(0)
}
