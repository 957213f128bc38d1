--TEST--
Scope: the last reference to a Scope going while its coroutines run disposes it (cancelled with asNotSafely(), zombies otherwise); not the scope the running coroutine is in, not the main scope; through the GC too
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{spawn, suspend, delay, await, current_coroutine};

function runs_until_cancelled(string $name): Closure {
    return function () use ($name) {
        try { while (true) suspend(); }
        catch (AsyncCancellation $e) { echo "$name: ", get_class($e), ": ", $e->getMessage(), "\n"; }
    };
}

echo "-- asNotSafely(): its coroutines are cancelled, child scopes too\n";
(function () {
    $scope = (new Scope())->asNotSafely();
    $scope->spawn(runs_until_cancelled("inner"));
    $scope->spawn(function () {
        $child = Scope::inherit();        // a child of the scope this coroutine runs in
        $child->spawn(runs_until_cancelled("grandchild"));
        try { while (true) suspend(); } catch (AsyncCancellation) { echo "child spawner cancelled\n"; }
        unset($child);
    });
    suspend(); suspend();   // all three run up to their first suspension
})();
suspend(); suspend(); suspend();

echo "-- by default: disposed safely, its coroutine goes on as a zombie in a closed scope\n";
$zombie = (function () {
    $scope = new Scope();
    $co = $scope->spawn(function () {
        delay(5);
        try { spawn(fn() => null); } catch (Async\AsyncException $e) { echo "zombie: ", $e->getMessage(), "\n"; }
        return "zombie finished";
    });
    suspend();
    return $co;
})();
var_dump(await($zombie), $zombie->isCancelled());

echo "-- the scope of the running coroutine is not disposed under it\n";
$holder = new stdClass();
$holder->scope = (new Scope())->asNotSafely();
$sibling = $holder->scope->spawn(function () { delay(20); return "sibling finished"; });
$self = $holder->scope->spawn(function () use ($holder) {
    $holder->scope = null;                  // the last reference, dropped from inside the scope
    delay(5);
    $late = spawn(fn() => "spawned after the drop");  // its scope is still open
    return await($late);
});
var_dump(await($self), await($sibling));

echo "-- through the garbage collector (a cycle through its exception handler)\n";
(function () {
    $scope = (new Scope())->asNotSafely();
    $scope->setExceptionHandler(function () use ($scope) {});
    $scope->spawn(runs_until_cancelled("in a cycle"));
    suspend();
})();
suspend();
echo "not collected yet\n";
gc_collect_cycles();
echo "collected\n";
suspend(); suspend();

echo "-- the main scope is never disposed this way\n";
$main = spawn(function () { delay(5); return "main-scope coroutine finished"; });
var_dump(await($main));
// The scope of the cycle above outlived the first collection (its coroutine held it): a second
// one frees it, as for any cycle left at the end of a script.
gc_collect_cycles();
echo "end\n";
?>
--EXPECT--
-- asNotSafely(): its coroutines are cancelled, child scopes too
inner: Async\AsyncCancellation: Scope is being disposed due to object destruction
grandchild: Async\AsyncCancellation: Scope is being disposed due to object destruction
child spawner cancelled
-- by default: disposed safely, its coroutine goes on as a zombie in a closed scope
zombie: Cannot spawn a coroutine in a closed scope
string(15) "zombie finished"
bool(false)
-- the scope of the running coroutine is not disposed under it
string(22) "spawned after the drop"
string(16) "sibling finished"
-- through the garbage collector (a cycle through its exception handler)
not collected yet
collected
in a cycle: Async\AsyncCancellation: Scope is being disposed due to object destruction
-- the main scope is never disposed this way
string(29) "main-scope coroutine finished"
end
