--TEST--
Engine API from C: start/stop prologues (nested starts count, a closed event never re-arms, stop before close) and the active event count
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (async_test_start_stop() as $line) echo $line, "\n";
?>
--EXPECT--
new: loop_ref_count 0, active 0, closed 0
start: loop_ref_count 1, active 1, closed 0
start again: loop_ref_count 2, active 1, closed 0
stop: loop_ref_count 1, active 1, closed 0
stop again: loop_ref_count 0, active 0, closed 0
stop when idle: loop_ref_count 0, active 0, closed 0
close after two starts: loop_ref_count 0, active 0, closed 1
start after close: loop_ref_count 0, active 0, closed 1
dispose
hidden started: loop_ref_count 1, active 0, closed 0
hidden stopped: loop_ref_count 0, active 0, closed 0
dispose
closed before stop: loop_ref_count 0, active 1, closed 1
reopened, then closed properly: loop_ref_count 0, active 0, closed 1
dispose
