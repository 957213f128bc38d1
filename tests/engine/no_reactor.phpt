--TEST--
Engine API: with no reactor registered every entry throws a clear Error, and nothing crashes
--EXTENSIONS--
async_test
--INI--
async.default_reactor=0
--FILE--
<?php
$entries = ['startup', 'shutdown', 'execute', 'loop_alive', 'new_socket_event', 'new_poll_event',
    'new_timer_event', 'new_signal_event', 'new_process_event', 'new_thread_event',
    'new_filesystem_event', 'getnameinfo', 'getaddrinfo', 'freeaddrinfo', 'new_exec_event', 'exec'];
foreach ($entries as $entry) {
    try {
        $r = async_test_call_entry($entry);
        echo "$entry: returned $r\n";
    } catch (Error $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    async_test_call_entry('no_such_entry');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
var_dump(Async\engine_info()['reactor']);
?>
--EXPECT--
Error: Cannot call reactor_startup(): no async reactor is registered
Error: Cannot call reactor_shutdown(): no async reactor is registered
Error: Cannot call reactor_execute(): no async reactor is registered
Error: Cannot call reactor_loop_alive(): no async reactor is registered
Error: Cannot call new_socket_event(): no async reactor is registered
Error: Cannot call new_poll_event(): no async reactor is registered
Error: Cannot call new_timer_event(): no async reactor is registered
Error: Cannot call new_signal_event(): no async reactor is registered
Error: Cannot call new_process_event(): no async reactor is registered
Error: Cannot call new_thread_event(): no async reactor is registered
Error: Cannot call new_filesystem_event(): no async reactor is registered
Error: Cannot call getnameinfo(): no async reactor is registered
Error: Cannot call getaddrinfo(): no async reactor is registered
Error: Cannot call freeaddrinfo(): no async reactor is registered
Error: Cannot call new_exec_event(): no async reactor is registered
Error: Cannot call exec(): no async reactor is registered
async_test_call_entry(): Argument #1 ($entry) is not a reactor entry
NULL
