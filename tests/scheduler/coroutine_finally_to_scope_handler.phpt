--TEST--
Coroutine::finally(): what its handlers throw goes to its scope's exception handler (one exception as it is, several in a CompositeException), after the coroutine's own exception; a parent's child handler takes it when the scope has none; without a handler it stays uncaught
--FILE--
<?php
use Async\{Scope, CompositeException};
use function Async\{spawn, await, suspend};

function show($e) {
    if ($e instanceof CompositeException) {
        return "Composite[" . implode(", ", array_map(fn($x) => $x->getMessage(), $e->getExceptions())) . "]";
    }
    return get_class($e) . "(" . $e->getMessage() . ")";
}

$scope = new Scope();
// (through $GLOBALS: a handler closure that captures its own Scope is a cycle the GC misses today)
$scope->setExceptionHandler(function ($s, $co, $e) {
    echo "handler: ", show($e), " same scope: ", json_encode($s === $GLOBALS['scope']), " id: ", $co->getId(), "\n";
});

$one = $scope->spawn(fn() => "result");
$one->finally(function () { throw new LogicException("single"); });

$failing = $scope->spawn(function () { suspend(); throw new RuntimeException("own"); });
$failing->finally(function () { throw new LogicException("f1"); });
$failing->finally(function () { echo "quiet handler\n"; });
$failing->finally(function () { throw new DomainException("f2"); });

// Awaited: the awaiter gets the coroutine's own exception, the handler the finally's.
$awaited = $scope->spawn(function () { suspend(); throw new RuntimeException("awaited own"); });
$awaited->finally(function () { throw new LogicException("awaited finally"); });
try { await($awaited); } catch (RuntimeException $e) { echo "await: ", $e->getMessage(), "\n"; }

// A child scope without a handler: its parent's child handler takes it.
$parent = new Scope();
$parent->setChildScopeExceptionHandler(function ($s, $co, $e) { echo "child handler: ", show($e), "\n"; });
$child = Scope::inherit($parent);
$child->spawn(fn() => 1)->finally(function () { throw new LogicException("in child"); });

suspend();
suspend();
echo "-- no handler anywhere\n";
spawn(fn() => 1)->finally(function () { throw new LogicException("nobody handles it"); });
suspend();
echo "not reached\n";
?>
--EXPECTF--
handler: LogicException(single) same scope: true id: %d
handler: RuntimeException(own) same scope: true id: %d
quiet handler
handler: Composite[f1, f2] same scope: true id: %d
handler: LogicException(awaited finally) same scope: true id: %d
await: awaited own
child handler: LogicException(in child)
-- no handler anywhere

Fatal error: Uncaught LogicException: nobody handles it in %s:%d
Stack trace:
#0 [internal function]: {closure%S}(Object(Async\Coroutine))
#1 {main}
  thrown in %s on line %d
