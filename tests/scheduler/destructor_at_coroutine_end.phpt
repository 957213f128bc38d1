--TEST--
Scheduler: destructors that run as a coroutine ends (its result, its arguments, objects its scope held) run PHP code normally; they may spawn, but cannot suspend (an Error, reported as a warning)
--FILE--
<?php
use function Async\{spawn, await, delay, suspend, current_coroutine};

class Noisy {
    function __construct(public string $name, public ?Closure $then = null) {}
    function __destruct() {
        $doubled = array_map(fn($v) => $v * 2, [1, 2, 3]); // PHP code: frames on the VM stack
        echo "{$this->name} destroyed (", implode(",", $doubled), ")\n";
        if ($this->then) ($this->then)();
    }
}

// 1. The result of a coroutine nobody holds goes when it ends.
spawn(fn() => new Noisy("result"));
delay(5);

// 2. The argument of a coroutine cancelled before it started, whose last holder is the run queue,
//    popped by another coroutine's context as that one ends.
spawn(function () {
    $c = spawn(fn($a) => 1, new Noisy("argument of a cancelled coroutine", function () {
        // between two coroutines: none is current
        try { current_coroutine(); } catch (Error $e) { echo "  ", get_class($e), ": ", $e->getMessage(), "\n"; }
    }));
    $c->cancel();
    unset($c);
});
delay(5);

// 3. An object the scope held (through its exception handler): the scope goes with the last
//    coroutine in it.
(function () {
    $scope = new Async\Scope();
    $held = new Noisy("held by the scope's handler");
    $scope->setExceptionHandler(function () use ($held) {});
    $scope->spawn(fn() => delay(1));
})();
delay(20);

// 4. A destructor that spawns: the new coroutine runs later.
spawn(fn() => new Noisy("spawner", function () {
    spawn(function () { echo "spawned by a destructor runs\n"; });
}));
delay(5);

// 5. A destructor that tries to suspend as its coroutine ends: that coroutine has ended.
spawn(fn() => new Noisy("suspender", function () {
    echo "  the current coroutine has ended: ", json_encode(current_coroutine()->isCompleted()), "\n";
    delay(1);
}));
delay(5);
echo "end\n";
?>
--EXPECTF--
result destroyed (2,4,6)
argument of a cancelled coroutine destroyed (2,4,6)
  Error: No coroutine is running here: this code runs in a destructor called between two coroutines
held by the scope's handler destroyed (2,4,6)
spawner destroyed (2,4,6)
spawned by a destructor runs
suspender destroyed (2,4,6)
  the current coroutine has ended: true

Warning: Uncaught Error: Cannot suspend: the coroutine has ended (a destructor called as it ended) in %s:%d
Stack trace:
#0 %s(%d): Async\delay(1)
#1 %s(%d): {closure%S}()
#2 [internal function]: Noisy->__destruct()
#3 {main}
  thrown in %s on line %d
end
