--TEST--
libuv reactor from C: poll events: start, stop and release in every order; released in its own callback; a callback releasing, stopping or starting other events on its fd
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['orders', 'dispose_in_callback', 'dispose_other_in_callback'] as $scenario) {
    echo "== $scenario\n";
    foreach (async_test_poll_scenario($scenario) as $line) echo $line, "\n";
}
?>
--EXPECT--
== orders
-- created, released, never started
turn:
-- stopped without a start
after stop: loop_ref_count 0, active 0, closed 0
-- started, released while armed
started: loop_ref_count 1, active 1, closed 0
released: active 0
turn, nothing left to notify:
-- started, stopped, started again, stopped, released
turn, stopped:
turn, started again:
  e: readable
-- started twice, stopped once: still armed
after one stop: loop_ref_count 1, active 1, closed 0
turn:
  e: readable
after the second stop: loop_ref_count 0, active 0, closed 0
turn:
-- two owners
one owner let go: refcount 1
turn, still armed:
  e: readable
the other let go: active 0
turn:
-- the first of two on one fd released while both armed
turn, the second still works:
  second: writable
-- the fd's last event released, a new one made at once (its handle is closing)
turn:
  old: readable
turn, the new one works:
  new: readable
-- closed by its owner while armed, then released
closed: loop_ref_count 0, active 0, closed 1
turn, a closed event is not armed again:
-- many on one fd, released in creation order, armed ones among them
turn:
active 0
== dispose_in_callback
turn:
  goes: writable
  goes releases itself
  stays: writable
active 1
turn, only the one left:
  stays: writable
-- alone on its fd: the shared handle closes from inside its own callback
turn:
  alone: writable
  alone releases itself
active 0
turn:
== dispose_other_in_callback
turn, c releases b, the next in line:
  c: writable
  c releases another event on its fd
  a: writable
turn:
  c: writable
  a: writable
-- a callback releases every event on its fd, itself included
turn:
  z: writable
  z releases all 3 events on its fd
active 0
turn:
  made after: writable
-- a callback stops another event on its fd
turn:
  b: writable
  b stops another event on its fd
a: loop_ref_count 0, active 1, closed 0
-- a callback starts a new event on its fd
turn:
  a: writable
  a started a new event on its fd
turn:
  new one: writable
  a: writable
active 0
