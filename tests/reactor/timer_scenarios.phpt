--TEST--
libuv reactor from C: timer events (one-shot, periodic, stop, dispose while running and in its own callback, ns, huge, hidden, order; one-shot timers of one length queued behind one libuv timer: the oldest stopped, hidden beside visible, ever-different lengths do not pile up queues)
--EXTENSIONS--
async_test
--FILE--
<?php
var_dump(Async\engine_info()['reactor']);
foreach (['oneshot', 'zero', 'restart', 'periodic', 'stop_before_fire', 'dispose_while_running',
          'dispose_in_callback', 'nanoseconds', 'huge', 'hidden', 'order',
          'queue_head_stopped', 'queue_hidden_mix', 'queue_lengths'] as $scenario) {
    echo "-- $scenario\n";
    foreach (async_test_timer_scenario($scenario) as $line) echo $line, "\n";
}
try {
    async_test_timer_scenario('nope');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
string(5) "libuv"
-- oneshot
started: fired 0, closed 0, loop_ref_count 1, active 1
ran: fired
after: fired 1, closed 1, loop_ref_count 0, active 0
-- zero
started: fired 0, closed 0, loop_ref_count 1, active 1
ran: fired
after: fired 1, closed 1, loop_ref_count 0, active 0
-- restart
started: fired 0, closed 0, loop_ref_count 1, active 1
ran: fired
after: fired 1, closed 1, loop_ref_count 0, active 0
start after it closed: fired 1, closed 1, loop_ref_count 0, active 0
-- periodic
ran: stopped
after: fired 3, closed 0, loop_ref_count 0, active 0
-- stop_before_fire
stopped: fired 0, closed 0, loop_ref_count 0, active 0
loop alive: 0
after running: fired 0, closed 0, loop_ref_count 0, active 0
-- dispose_while_running
active before: 1
active after dispose: 0, loop alive: 0
-- dispose_in_callback
released from its own callback: active 0, ok
-- nanoseconds
0 ms + 1500000 ns -> 2 ms
1 ms + 1 ns -> 2 ms
0 ms + 0 ns -> 0 ms
7 ms + 0 ns -> 7 ms
0 ms + 3000000000 ns -> 3000 ms
0 ms + 999 ns -> 1 ms
2 ms + 1000000 ns -> 3 ms
-- huge
timeout field saturates: 1
armed, not due: fired 0, closed 0, loop_ref_count 1, active 1
-- hidden
hidden, started: fired 0, closed 0, loop_ref_count 1, active 0
loop alive: 0
hidden, after the visible one fired: fired 1, closed 1, loop_ref_count 0, active 0
-- order
fired in order: 1 10 20 30
-- queue_head_stopped
fired: 2 timers, first 1, then 2; the stopped one fired 0 times; after 30 ms or more
stopped one: fired 0, closed 0, loop_ref_count 0, active 0
-- queue_hidden_mix
both started: loop alive 1
visible stopped: loop alive 0
visible again: loop alive 1
hidden: fired 1, closed 1, loop_ref_count 0, active 0
visible: fired 1, closed 1, loop_ref_count 0, active 0
-- queue_lengths
5000 lengths: memory grew less than 100 KB
async_test_timer_scenario(): Argument #1 ($scenario) is not a timer scenario
