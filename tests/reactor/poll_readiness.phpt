--TEST--
libuv reactor from C: poll events: readable, writable, disconnect (socket and pipes, UV_EBADF), prioritized (TCP urgent data)
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['readable', 'writable', 'disconnect', 'pipe_writer_gone', 'pipe_reader_gone', 'prioritized'] as $scenario) {
    echo "== $scenario\n";
    foreach (async_test_poll_scenario($scenario) as $line) echo $line, "\n";
}
?>
--EXPECT--
== readable
started: loop_ref_count 1, active 1, closed 0
turn, nothing written yet:
turn, after the peer wrote:
  reader: readable
turn, not read yet: level-triggered, so again:
  reader: readable
turn, after reading it all:
stopped: loop_ref_count 0, active 0, closed 0
turn, stopped, data waiting:
== writable
turn:
  writer: writable
turn, multi-shot:
  writer: writable
after two turns: loop_ref_count 1, active 1, closed 0
== disconnect
turn, peer still there:
turn, after the peer closed:
  readable|disconnect: readable|disconnect
  readable only: readable
  disconnect only: disconnect
recv then returns 0 (end of file)
== pipe_writer_gone
turn, writer still open:
turn, after a write:
  read end: readable
turn, writer closed, data left: epoll says POLLIN|POLLHUP, libuv only readable:
  read end: readable
turn, all read: a bare POLLHUP, so readable|disconnect:
  read end: readable|disconnect
== pipe_reader_gone
turn, reader still open:
  write end: writable
turn, after the reader closed (libuv reports UV_EBADF):
  write end: disconnect
turn, still armed: reported again:
  write end: disconnect
write end: loop_ref_count 1, active 1, closed 0
== prioritized
turn, nothing urgent yet:
the peer sent one urgent byte, running the loop:
  urgent: prioritized
notified: 1
