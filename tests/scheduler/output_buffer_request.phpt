--TEST--
Output buffers per coroutine: the main script keeps the request's buffers (output_buffering INI), a coroutine starts without
--INI--
output_buffering=4096
--FILE--
<?php
use function Async\{spawn, await, suspend};

echo "main: level ", ob_get_level(), "\n";
await(spawn(function () {
    echo "coroutine: level ", ob_get_level(), "\n";
    ob_start();
    echo "in the coroutine's buffer\n";
    suspend();
    ob_end_flush();
}));
echo "main: level ", ob_get_level(), " again\n";
?>
--EXPECT--
coroutine: level 0
in the coroutine's buffer
main: level 1
main: level 1 again
