--TEST--
libuv reactor: at the end of a request, an exec event left running has its command killed and reaped, and process events left started are closed and freed (pidfd and fallback)
--EXTENSIONS--
async_test
--FILE--
<?php
$marker = sys_get_temp_dir() . '/async_test_exec_orphan_' . getmypid();
@unlink($marker);
$php = PHP_BINARY . ' -n -d extension_dir=' . escapeshellarg(ini_get('extension_dir')) . ' -d extension=async -d extension=async_test';
$code = 'foreach (async_test_exec_scenario("orphan") as $l) echo $l, "\n";'
    . 'foreach (async_test_process_scenario("orphan") as $l) echo $l, "\n";'
    . 'putenv("ASYNC_UV_NO_PIDFD=1");'
    . 'foreach (async_test_process_scenario("orphan") as $l) echo $l, "\n";'
    . 'async_test_signal_watch(SIGCHLD);'
    . 'echo "request ends\n";';
// valgrind 3.19 does not know pidfd_open(2) and says so in its log: only the fallback under it.
$env = getenv('USE_ZEND_ALLOC') === '0' ? 'ASYNC_UV_NO_PIDFD=1 ' : '';
echo shell_exec($env . 'ASYNC_TEST_MARKER=' . escapeshellarg($marker) . " $php -r " . escapeshellarg($code) . ' 2>&1');
usleep(1500000); // the command would have touched the marker after 0.5 s
echo "the command ran to the end: ", var_export(file_exists($marker), true), "\n";
@unlink($marker);
?>
--EXPECT--
left running: active 1
left started: active 2
left started: active 3
request ends
the command ran to the end: false
