--TEST--
libuv reactor from C: process events on a pidfd (50 children at once, killed by signals, zombie, reaped by someone else, nonexistent pid, not a child, an orphan that ends, dispose while running and in its own callback, stop/start, hidden)
--EXTENSIONS--
async_test
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip valgrind 3.19 does not know pidfd_open(2) (process_fallback.phpt runs the same scenarios)');
if (!str_contains(async_test_process_scenario('info')[0], 'pidfd')) die('skip pidfd_open(2) is not available');
?>
--FILE--
<?php
foreach (['info', 'exit_codes', 'signaled', 'zombie', 'echild', 'esrch', 'not_child', 'not_child_ends',
          'dispose_while_running', 'dispose_in_callback', 'stop_start', 'hidden'] as $scenario) {
    echo "-- $scenario\n";
    foreach (async_test_process_scenario($scenario) as $line) echo $line, "\n";
}
try {
    async_test_process_scenario('nope');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
-- info
info: process N (pidfd)
-- exit_codes
watching 50 children: active 50
50 notified once, 50 with their own exit code, 50 closed, active 0
-- signaled
notified: exit_code -9, result NULL, closed 1
killed: notified 1, exit_code -9, closed 1, loop_ref_count 0, active 0
notified: exit_code -15, result NULL, closed 1
killed: notified 1, exit_code -15, closed 1, loop_ref_count 0, active 0
notified: exit_code -10, result NULL, closed 1
killed: notified 1, exit_code -10, closed 1, loop_ref_count 0, active 0
-- zombie
started on a zombie: notified 0, exit_code -1, closed 0, loop_ref_count 1, active 1
notified: exit_code 7, result NULL, closed 1
after the loop: notified 1, exit_code 7, closed 1, loop_ref_count 0, active 0
start after it closed: notified 1, exit_code 7, closed 1, loop_ref_count 0, active 0
reaped by the event: yes
-- echild
started after someone else reaped it: notified 0, exit_code -1, closed 0, loop_ref_count 1, active 1
notified: exit_code -1, result NULL, closed 1
after the loop: notified 1, exit_code -1, closed 1, loop_ref_count 0, active 0
-- esrch
reaped child: Async\InputOutputException, message as expected: yes
Async\InputOutputException: Cannot watch process 0: not a process id
Async\InputOutputException: Cannot watch process -1: not a process id
Async\InputOutputException: Cannot watch process 2147483647: no such process
-- not_child
the parent process: reported within 200 ms: no, exit_code -1
active 0
-- not_child_ends
watching an orphaned grandchild: notified 0, exit_code -1, closed 0, loop_ref_count 1, active 1
notified: exit_code -1, result NULL, closed 1
after it ended: notified 1, exit_code -1, closed 1, loop_ref_count 0, active 0
-- dispose_while_running
active before: 1
active after release: 0, loop alive 0
the child is still ours to reap: yes, killed by 9
-- dispose_in_callback
notified: exit_code 5, result NULL, closed 1
released from its own callback: yes, active 0
-- stop_start
stopped, child killed: notified 0, exit_code -1, closed 0, loop_ref_count 0, active 0
loop alive: 0
after 150 ms stopped: notified 0, exit_code -1, closed 0, loop_ref_count 0, active 0
notified: exit_code -9, result NULL, closed 1
started again: notified 1, exit_code -9, closed 1, loop_ref_count 0, active 0
-- hidden
hidden, started: notified 0, exit_code -1, closed 0, loop_ref_count 1, active 0
loop alive: 0
notified: exit_code 9, result NULL, closed 1
while a timer ran: notified 1, exit_code 9, closed 1, loop_ref_count 0, active 0
async_test_process_scenario(): Argument #1 ($scenario) is not a process scenario
