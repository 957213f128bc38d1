--TEST--
libuv reactor from C: DNS requests queued behind a busy thread pool are cancelled when released, never notified, and freed
--EXTENSIONS--
async_test
--ENV--
UV_THREADPOOL_SIZE=1
--FILE--
<?php
foreach (async_test_dns_scenario('cancel_queued') as $line) echo $line, "\n";
?>
--EXPECT--
the worker is held: yes
two queued requests released: active 2
the request queued behind them: notified 1, closed 1, loop_ref_count 0, active 0
notified in all: 1
