--TEST--
libuv reactor from C: poll events: struct fields, socket and descriptor modes, extra_size, info
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['fields', 'extra_size'] as $scenario) {
    echo "== $scenario\n";
    foreach (async_test_poll_scenario($scenario) as $line) echo $line, "\n";
}
?>
--EXPECTF--
== fields
socket event: is_socket %d, descriptor is sv[0], events readable|writable, triggered nothing, refcount 1, info "poll of socket %d for readable|writable"
poll event, fd: is_socket %d, descriptor is sv[0], events disconnect, triggered nothing, refcount 1, info "poll of descriptor %d for disconnect"
poll event, socket only: is_socket %d, descriptor is sv[0], events prioritized, triggered nothing, refcount 1, info "poll of socket %d for prioritized"
poll event, fd and socket: is_socket %d, descriptor is sv[0], events readable, triggered nothing, refcount 1, info "poll of socket %d for readable"
waiting for nothing: "poll of descriptor %d for nothing"
turn, never notified:
== extra_size
extra area behind the struct: 1
turn:
  with extra: writable
extra area intact: 1, fd field 1
turn:
  without extra: writable
  with 4096 extra bytes: writable
