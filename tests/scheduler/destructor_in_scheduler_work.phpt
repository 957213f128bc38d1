--TEST--
Scheduler: a destructor the scheduler runs inside a coroutine that is in the middle of suspending (it lets go of a coroutine cancelled before it started) cannot wait (an Error, reported as a warning) and leaves that coroutine's own wait whole; PHP's blocking functions block there as outside coroutines
--FILE--
<?php
use function Async\{spawn, await, delay, suspend};

class TriesToWait { function __destruct() { echo "destructor tries to wait\n"; delay(1); echo "not reached\n"; } }
class Sleeps { function __destruct() { $t = hrtime(true); usleep(2000); echo "destructor slept: ", (hrtime(true) - $t) >= 2e6 ? "yes" : "no", "\n"; } }

$a = spawn(function () {
    foreach ([new TriesToWait(), new Sleeps()] as $object) {
        $x = spawn(fn($o) => 1, $object);
        $x->cancel();        // it ends at once; the run queue still holds it
    }
    unset($x, $object);
    delay(5);                // while A suspends, the queue lets go of them: their destructors run here
    echo "A resumed after its own delay\n";
});
await($a);
echo "end\n";
?>
--EXPECTF--
destructor tries to wait

Warning: Uncaught Error: Cannot wait: this code runs inside the scheduler (a destructor or a callback it called) in %s:%d
Stack trace:
#0 %s(%d): Async\delay(1)
#1 [internal function]: TriesToWait->__destruct()
%A
destructor slept: yes
A resumed after its own delay
end
