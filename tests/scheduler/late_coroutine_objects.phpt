--TEST--
Scheduler: objects made by coroutines that run after PHP's destructor phase (spawned by a destructor at the end of the script) get their destructors called while PHP code can still run, not a fatal error when the engine frees them
--SKIPIF--
<?php
// The cycle left for the engine's shutdown shows up as a leak with the system allocator, in stock PHP too.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip objects left in cycles at shutdown are reported as leaks under valgrind');
?>
--FILE--
<?php
use function Async\{spawn, delay};
class Made { function __destruct() { echo "object made by a late coroutine destroyed\n"; } }
class Spawner {
    function __destruct() {
        echo "destructor at the end of the script spawns a coroutine\n";
        $GLOBALS['holder']->late = spawn(function () { echo "late coroutine runs\n"; return new Made(); });
    }
}
$holder = new stdClass();
$holder->self = $holder; // kept by a cycle until the engine frees every object
delay(1);
$spawner = new Spawner();
echo "main ends\n";
?>
--EXPECT--
main ends
destructor at the end of the script spawns a coroutine
late coroutine runs
object made by a late coroutine destroyed
