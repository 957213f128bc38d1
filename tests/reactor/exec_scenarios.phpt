--TEST--
libuv reactor from C: exec events (fields and one notification, a signal ending the shell, not started, dispose while running, before start and in its own callback, timeout, the array of lines, spawn errors, 50 at once, beside a process event, on the SIGCHLD fallback so valgrind, which lacks pidfd_open, can check it)
--EXTENSIONS--
async_test
--ENV--
ASYNC_UV_NO_PIDFD=1
--FILE--
<?php
foreach (['event', 'term_signal', 'not_started', 'dispose_running', 'dispose_before_start', 'dispose_in_callback',
          'timeout', 'array', 'errors', 'many', 'mixed'] as $scenario) {
    echo "-- $scenario\n";
    foreach (async_test_exec_scenario($scenario) as $line) echo $line, "\n";
}
try {
    async_test_exec_scenario('nope');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
-- event
created: terminated 0, closed 0, active 0
started: loop_ref_count 1, active 1, loop alive 1
notified: terminated 1, exit_code 3, term_signal 0, closed 1, result NULL, exception NULL
after: notified 1, output_len 5, return_value 'b', std_error 'oops
', active 0
start after it closed: loop_ref_count 0, active 0
-- term_signal
notified: terminated 1, exit_code -9, term_signal 9, closed 1, result NULL, exception NULL
return_value 'before'
ZEND_ASYNC_EXEC of a shell killed by SIGTERM returned -15
-- not_started
not started: active 0, loop alive 0
notified: terminated 1, exit_code 0, term_signal 0, closed 1, result NULL, exception NULL
finished anyway: yes, return_value 'hi
'
-- dispose_running
running after 100 ms: yes, active 1
released: active 0, children left: no, took under a second: yes, return_value (not set)
-- dispose_before_start
released before start: children left: no
-- dispose_in_callback
notified: terminated 1, exit_code 0, term_signal 0, closed 1, result NULL, exception NULL
released from its own callback: yes, active 0, return_value 'x'
-- timeout
returned -1
thrown: Async\TimeoutException: The command timed out after 100 ms
ended well under 5 s: yes, children left: no, return_value (not set)
within its timeout: returned 0, return_value 'quick'
-- array
notified: terminated 1, exit_code 0, term_signal 0, closed 1, result NULL, exception NULL
lines 3, the shared copy 1, return_value 'b'
a string buffer: returned 0, now an array of 1
-- errors
exec in a missing directory returned -1
exec: Async\InputOutputException: Cannot run "pwd" in /nonexistent/dir: no such file or directory
event in a file as directory: NULL
event: Async\InputOutputException: Cannot run "pwd" in /etc/passwd: not a directory
event with mode 99: NULL
event: Async\AsyncException: Cannot exec: unknown mode 99
result left alone: yes, children left: no
-- many
running 50 commands: active 50
50 terminated and notified once, 50 exit codes and 50 last lines as expected, active 0
children left: no
-- mixed
notified: terminated 1, exit_code 4, term_signal 0, closed 1, result NULL, exception NULL
exec exit_code 4, process exit_code 6, children left: no
async_test_exec_scenario(): Argument #1 ($scenario) is not an exec scenario
