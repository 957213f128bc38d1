--TEST--
libuv reactor from C: thread events (entry on the pool, NULL entry, dispose before start, while running, in its callback, twice owned, stop and restart)
--EXTENSIONS--
async_test
--FILE--
<?php
foreach (['one', 'entry_null', 'dispose_before_start', 'dispose_while_running', 'dispose_in_callback',
          'twice_owned', 'stop_and_restart'] as $scenario) {
    echo "-- $scenario\n";
    foreach (async_test_thread_scenario($scenario) as $line) echo $line, "\n";
}
try {
    async_test_thread_scenario('nope');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
-- one
info: thread event (not started)
started: notified 0, finished 0, closed 0, loop_ref_count 1, active 1
info: thread event (on the thread pool)
ran: returned
after: notified 1, finished 1, closed 1, loop_ref_count 0, active 0
sum 5000050000, entry got its event: yes, ran off the loop thread: yes
info: thread event (finished)
start after it closed: notified 1, finished 1, closed 1, loop_ref_count 0, active 0
-- entry_null
NULL entry: NULL
  Async\AsyncException: Cannot create a thread event without an entry function
-- dispose_before_start
released before start: entries run 0, notified 0, active 0
-- dispose_while_running
entry running: yes
released while running: active 0, loop alive 0
entry returned: 1, notified 0
-- dispose_in_callback
released in their own callbacks: entries run 5, notified 5, active 0
-- twice_owned
one owner released while queued or running: notified 0, finished 0, closed 0, loop_ref_count 1, active 1
the other owner still gets it: notified 1, finished 1, closed 1, loop_ref_count 0, active 0
sum 20000100000
-- stop_and_restart
started twice: notified 0, finished 0, closed 0, loop_ref_count 2, active 1
stopped twice: notified 0, finished 0, closed 0, loop_ref_count 0, active 0
loop alive: 0
started again while on the pool: notified 0, finished 0, closed 0, loop_ref_count 1, active 1
returned: notified 1, finished 1, closed 1, loop_ref_count 0, active 0
stopped, then the entry returned: notified 1, finished 1, closed 1, loop_ref_count 0, active 0
entries run in all: 2
async_test_thread_scenario(): Argument #1 ($scenario) is not a thread scenario
