--TEST--
libuv reactor from C: a thread event released while queued behind a busy pool is cancelled: its entry never runs, nobody is notified
--EXTENSIONS--
async_test
--ENV--
UV_THREADPOOL_SIZE=1
--FILE--
<?php
foreach (async_test_thread_scenario('cancel_queued') as $line) echo $line, "\n";
?>
--EXPECT--
the worker is held: yes
queued one released: active 2
entries run: 2 (the held one and the later one), notified 2
