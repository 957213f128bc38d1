--TEST--
Scheduler: an exception nobody awaited, in a coroutine that only a reference cycle keeps until the engine frees every object at shutdown, is reported as a warning (no fatal error from a __toString() that can no longer run)
--SKIPIF--
<?php
// A cycle left for the engine's shutdown shows up as a leak with the system allocator, in stock PHP too.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip objects left in cycles at shutdown are reported as leaks under valgrind');
?>
--FILE--
<?php
use function Async\{spawn, delay};
class Holder { public $coroutine; }
class HeldException extends RuntimeException { public $holder; }
function make(): void {
    $holder = new Holder();
    $holder->coroutine = spawn(function () use ($holder) {
        $e = new HeldException("nobody awaited me");
        $e->holder = $holder; // coroutine -> exception -> holder -> coroutine
        throw $e;
    });
}
make();
delay(5);
echo "end\n";
?>
--EXPECTF--
end

Warning: Uncaught HeldException%sin a coroutine nobody awaited (found at shutdown) in Unknown on line 0
