--TEST--
libuv reactor from C: poll events: F_CLOSE_FD closes the descriptor when the event goes, others on it are told, the number can be reused
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['close_fd'] as $scenario) {
    echo "== $scenario\n";
    foreach (async_test_poll_scenario($scenario) as $line) echo $line, "\n";
}
?>
--EXPECTF--
== close_fd
without F_CLOSE_FD the fd stays open: 1
with F_CLOSE_FD, one of two owners gone: open 1
with F_CLOSE_FD, released: open 0
-- F_CLOSE_FD while another event watches the fd, then the number is reused
turn:
fd closed: 1
turn, the one left behind is told:
  left behind: disconnect
a new socket got the same number: 1
turn, only the new socket's event:
  new socket: readable
the one left behind starts again: Async\PollException: Cannot poll descriptor %d: bad file descriptor, returned NULL
