--TEST--
libuv reactor from C: poll factory errors (fd -1, closed fd, regular file, directory) and descriptors closed while watched
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['errors', 'closed_while_watched'] as $scenario) {
    echo "== $scenario\n";
    foreach (async_test_poll_scenario($scenario) as $line) echo $line, "\n";
}
try {
    async_test_poll_scenario('nope');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
== errors
fd -1: Async\PollException: Cannot poll descriptor -1: bad file descriptor, returned NULL
neither fd nor socket: Async\PollException: Cannot poll descriptor -1: bad file descriptor, returned NULL
socket -1: Async\PollException: Cannot poll descriptor -1: bad file descriptor, returned NULL
a closed fd: Async\PollException: Cannot poll descriptor %d: bad file descriptor, returned NULL
a regular file: Async\PollException: Cannot poll descriptor %d: operation not permitted, returned NULL
a directory: Async\PollException: Cannot poll descriptor %d: operation not permitted, returned NULL
active 0
== closed_while_watched
-- closed after the loop registered it: epoll forgets it, nothing is reported
turn, registered:
turn, after the close:
stopped: loop_ref_count 0, active 0, closed 0
start again: Async\PollException: Cannot poll descriptor %d: bad file descriptor, returned NULL
start returned 0
after the failed start: loop_ref_count 0, active 0, closed 0
-- closed by its owner, the number reused by a new socket while the old event lives
turn, registered:
same number: 1
turn, the old event hears its fd is gone, the new one sees its data:
  old socket: disconnect
  new socket: readable
-- closed before the loop registered it: told by the check before the poll
turn:
  reader: disconnect
turn, told once:
reader: loop_ref_count 1, active 1, closed 0
-- two on the fd, one stopped after the close: the other is told
turn, registered:
  writer: writable
turn:
  writer: disconnect
turn, told once:
-- a callback closes the fd another callback just re-armed
turn, the writer stops itself, so the handle is re-armed for the reader:
  writer: writable
turn, closed before that re-arm reached epoll:
  reader: disconnect
turn:
active 0
async_test_poll_scenario(): Argument #1 ($scenario) is not a poll scenario
