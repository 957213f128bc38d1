--TEST--
libuv reactor from C: a poll event whose owner promises to release it before closing the fd (ZEND_ASYNC_POLL_F_OWNER_CLOSES) starts again without the fd check
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (async_test_poll_scenario('owner_closes') as $line) echo $line, "\n";
?>
--EXPECTF--
-- without the flag: started, stopped, the fd closed behind the event, started again
flag set: 0
turn, data:
  reader: readable
start again: Async\PollException: Cannot poll descriptor %d: bad file descriptor, returned NULL
start returned 0
-- with F_OWNER_CLOSES: started, stopped, the fd closed behind the event, started again
flag set: 1
turn, data:
  reader: readable
start again: no exception, returned NULL
start returned 1
-- with F_OWNER_CLOSES, kept as promised: waits again and again, released before the close
turn, a byte:
  reader: readable
turn, a byte:
  reader: readable
turn, a byte:
  reader: readable
turn, its data:
  next socket, maybe the same number: readable
active 0
