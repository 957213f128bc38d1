--TEST--
libuv reactor: a PHP started with stdin, stdout and stderr closed runs the loop and ends cleanly (libuv's descriptors must not take numbers 0 to 2)
--EXTENSIONS--
async_test
--FILE--
<?php
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$dir = ini_get('extension_dir');
$out = tempnam(sys_get_temp_dir(), 'async');
$code = 'async_test_timer_many(10, 2); async_test_poll_churn(10); file_put_contents(' . var_export($out, true) . ', "ran");';
$cmd = escapeshellarg($php) . ' -n -d extension_dir=' . escapeshellarg($dir)
    . ' -d extension=async -d extension=async_test -r ' . escapeshellarg($code) . ' 0<&- 1>&- 2>&-';
exec($cmd, $lines, $status);
var_dump($status, file_get_contents($out));
unlink($out);
?>
--EXPECT--
int(0)
string(3) "ran"
