--TEST--
libuv reactor from C: poll events: two and three events on one fd, each notified only for its own bits, one stopped while the others work
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['two_on_one_fd', 'three_on_one_fd'] as $scenario) {
    echo "== $scenario\n";
    foreach (async_test_poll_scenario($scenario) as $line) echo $line, "\n";
}
?>
--EXPECT--
== two_on_one_fd
active 2
turn, nothing to read:
  writer: writable
turn, after the peer wrote:
  writer: writable
  reader: readable
turn, writer stopped:
  reader: readable
turn, writer stopped, all read:
turn, writer started again:
  writer: writable
turn, reader stopped, data waiting:
  writer: writable
active 0
== three_on_one_fd
turn:
  writer: writable
turn, after the peer wrote:
  writer: writable
  reader: readable
turn, writer stopped, peer closed:
  disconnect: disconnect
  reader: readable
active 0
