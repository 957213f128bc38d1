--TEST--
Output buffers per coroutine: after a fatal error in a coroutine, its open buffers are flushed with the request's (handlers called)
--SKIPIF--
<?php
// After a fatal error stock PHP itself leaks, when the Zend allocator is off (the valgrind run), its
// compiled code and the objects it no longer frees, with or without coroutines: this test shows the
// same kinds of leaks and no invalid access (checked by hand).
if (getenv('USE_ZEND_ALLOC') === '0') die('skip a fatal error leaks PHP\'s own compiled code under valgrind');
?>
--INI--
output_buffering=4096
--FILE--
<?php
use function Async\{spawn, suspend};
// PHP 8.4 deprecates E_USER_ERROR in trigger_error() but still makes it fatal, which is what this
// test needs; the deprecation notice is not part of it.
error_reporting(E_ALL & ~E_DEPRECATED);

echo "main: buffered by the INI buffer\n";
spawn(function () {
    ob_start(fn($s) => "[coroutine buffer: " . trim($s) . "]\n");
    echo "before the fatal error";
    suspend();
    trigger_error("a fatal error", E_USER_ERROR);
});
echo "main waits\n";
suspend();
suspend();
echo "never\n";
?>
--EXPECTF--
main: buffered by the INI buffer
main waits
[coroutine buffer: before the fatal error
Fatal error: a fatal error in %s on line %d]
