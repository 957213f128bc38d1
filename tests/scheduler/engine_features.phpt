--TEST--
Scheduler: gc_collect_cycles(), destructors and output buffering inside coroutines; the scheduler refuses to start inside a Fiber
--FILE--
<?php
use function Async\{spawn, await, delay, suspend};

// Starting the scheduler from inside a Fiber is refused with a clear error.
$fiber = new Fiber(function () {
    try { spawn(fn() => 1); } catch (Error $e) { echo $e->getMessage(), "\n"; }
});
$fiber->start();

class Noisy { public $self; public function __construct(public string $name) {} public function __destruct() { echo "destructor of {$this->name}\n"; } }

$c = spawn(function () {
    $a = new Noisy("a cycle");
    $a->self = $a;          // a cycle only the GC can free
    unset($a);
    delay(5);
    $collected = gc_collect_cycles();
    echo "collected: $collected\n";
    $b = new Noisy("a local");
    delay(5);
    return "done";          // $b goes with the coroutine's frame
});
var_dump(await($c));

// output buffering still works across a suspension; the buffer is the main script's own, so the
// coroutine's output does not go into it (output buffers are per coroutine)
ob_start();
echo "buffered ";
$d = spawn(function () { echo "from a coroutine "; });
await($d);
$out = ob_get_clean();
var_dump($out);
?>
--EXPECT--
The async scheduler cannot start inside a Fiber: use it from the main script or a coroutine first
destructor of a cycle
collected: 1
destructor of a local
string(4) "done"
from a coroutine string(9) "buffered "
