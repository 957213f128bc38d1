--TEST--
libuv reactor from C: thread events left on the pool at the end of the request are awaited (running) or cancelled (queued), notify nobody, and are freed
--EXTENSIONS--
async_test
--ENV--
UV_THREADPOOL_SIZE=2
--FILE--
<?php
// The callbacks would log into the array returned here, long gone at request end: a
// notification during shutdown would crash.
foreach (async_test_thread_scenario('abandoned') as $line) echo $line, "\n";
echo "end of script\n";
?>
--EXPECT--
left entries on the pool: active 8
end of script
