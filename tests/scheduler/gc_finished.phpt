--TEST--
Scheduler: a finished coroutine lets its callable and its scope go at once, is freed by its last reference, stays out of the GC's root buffer when it holds nothing collectable, and one left in a reference cycle (result, exception) is still collected by the GC
--FILE--
<?php
use function Async\{spawn, await};

class Holder extends Exception { public $held; }
class Noisy { function __construct(public string $name) {} function __destruct() { echo "{$this->name} destroyed\n"; } }

// The callable and its arguments go when the coroutine ends, not when its object goes.
$o = new Noisy("captured");
$arg = new Noisy("argument");
$c = spawn(function ($a) use ($o) { echo "runs\n"; }, $arg);
unset($o, $arg);
await($c);
echo "awaited, still held: ", $c->isCompleted() ? "yes" : "no", "\n";

// No cycle: the last reference frees it, no GC run needed.
$c = spawn(fn() => 42);
await($c);
$weak = WeakReference::create($c);
unset($c);
var_dump($weak->get());

// Cycles: each is only freed by the GC.
function cycles(): array {
    $weak = [];
    // its result refers to itself
    $c = spawn(function () use (&$c) { return [&$c]; });
    await($c);
    $weak['result'] = WeakReference::create($c);
    // its exception refers to it
    $d = spawn(function () use (&$d) { $e = new Holder("failed"); $e->held = $d; throw $e; });
    try { await($d); } catch (Holder $e) { echo "caught ", $e->getMessage(), "\n"; }
    unset($e);
    $weak['exception'] = WeakReference::create($d);
    // its scope's exception handler refers to it: no cycle once it ended (it let its scope go)
    $scope = new Async\Scope();
    $e = $scope->spawn(fn() => 2);
    $scope->setExceptionHandler(function () use ($e) {});
    await($e);
    $weak['scope'] = WeakReference::create($e);
    // the same, a cycle while it is queued: the GC ran then (the scheduler's reference kept it),
    // and at its end the cycle is gone
    $scope = new Async\Scope();
    $f = $scope->spawn(fn() => 3);
    $scope->setExceptionHandler(function () use ($f) {});
    $weak['scope, GC run while queued'] = WeakReference::create($f);
    unset($f, $scope);
    gc_collect_cycles();
    Async\suspend(); // it runs to its end
    return $weak;
}
$weak = cycles();
foreach ($weak as $what => $ref) {
    echo $what, ": ", $ref->get() === null ? "freed" : "alive", "\n";
}
gc_collect_cycles();
foreach ($weak as $what => $ref) {
    echo $what, " after gc: ", $ref->get() === null ? "freed" : "alive", "\n";
}

// Ended coroutines that hold nothing collectable do not become GC roots when a variable lets go
// of them (a loop over thousands of them would otherwise fill the root buffer and run the GC).
$cs = [];
for ($i = 0; $i < 2000; $i++) $cs[] = spawn(fn() => 1);
foreach ($cs as $c) await($c);
gc_collect_cycles();
$before = gc_status()['roots'];
foreach ($cs as $c) { $x = $c; }
echo "new roots from 2000 ended coroutines: ", gc_status()['roots'] - $before, "\n";
// One whose result is an array may be in a cycle: it still becomes a root. (An array built at run
// time: with OPcache a literal [1, 2] is immutable, which nothing can make part of a cycle.)
$c = spawn(fn() => range(1, 2));
await($c);
$copy = $c; unset($copy);
echo "one with a collectable result is a root: ", gc_status()['roots'] > $before ? "yes" : "no", "\n";
// Nothing can be added to a coroutine afterwards that could make a cycle.
try { $c->self = $c; } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
?>
--EXPECT--
runs
captured destroyed
argument destroyed
awaited, still held: yes
NULL
caught failed
result: alive
exception: alive
scope: freed
scope, GC run while queued: freed
result after gc: freed
exception after gc: freed
scope after gc: freed
scope, GC run while queued after gc: freed
new roots from 2000 ended coroutines: 0
one with a collectable result is a root: yes
Error: Cannot create dynamic property Async\Coroutine::$self
