--TEST--
libuv reactor from C: poll events: a HIDDEN event does not keep the loop alive nor count as active, and is still notified
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['hidden'] as $scenario) {
    echo "== $scenario\n";
    foreach (async_test_poll_scenario($scenario) as $line) echo $line, "\n";
}
?>
--EXPECT--
== hidden
hidden, started: loop_ref_count 1, active 0, closed 0
loop alive: 0
a blocking turn returned at once: 1
with a visible event on the fd: active 1, loop alive 1
  visible: readable
  hidden: readable
blocked until the data came, not the watchdog: 1
visible one stopped: a blocking turn returned at once: 1
turn, a hidden event is still notified:
  hidden: readable
