--TEST--
Scheduler: a finished coroutine lets its callable go at once, is freed by its last reference, and one left in a reference cycle (result, exception, scope handler) is still collected by the GC
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
    // its scope's exception handler refers to it
    $scope = new Async\Scope();
    $e = $scope->spawn(fn() => 2);
    $scope->setExceptionHandler(function () use ($e) {});
    await($e);
    $weak['scope'] = WeakReference::create($e);
    // the same, but nothing of the user's goes after it ends: the GC ran while it was queued
    // (the scheduler's reference kept it then), and the scheduler's is the last one to go
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
scope: alive
scope, GC run while queued: alive
result after gc: freed
exception after gc: freed
scope after gc: freed
scope, GC run while queued after gc: freed
