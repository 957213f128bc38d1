--TEST--
Scope: what finally handlers throw (the scope's own, and its coroutines') goes to the scope's exception handler, one exception as it is and several as a CompositeException; a failing coroutine's own exception reaches the handler before its finally handlers run
--EXTENSIONS--
async
--FILE--
<?php
use Async\{Scope, Coroutine, CompositeException};
use function Async\{suspend, delay};

function describe(Throwable $e): string {
	if ($e instanceof CompositeException) {
		return "CompositeException[" . implode(", ", array_map(fn($x) => get_class($x) . ": " . $x->getMessage(), $e->getExceptions())) . "]";
	}
	return get_class($e) . ": " . $e->getMessage();
}

$scope = new Scope();
$id = spl_object_id($scope); // not the Scope itself: a cycle left at the end shows as a leak under valgrind
$scope->setExceptionHandler(function (Scope $s, Coroutine $c, Throwable $e) use ($id) {
	echo "handler (same scope: ", json_encode(spl_object_id($s) === $id), "): ", describe($e), "\n";
});

// A coroutine that fails and whose finally handler throws: its own exception first.
$failing = $scope->spawn(function () { suspend(); throw new LogicException("coroutine failed"); });
$failing->finally(function () { throw new RuntimeException("coroutine finally threw"); });

// Several finally handlers of a coroutine that ends normally throw: one CompositeException.
$fine = $scope->spawn(fn() => "fine");
$fine->finally(function () { throw new DomainException("first"); });
$fine->finally(function () { echo "second coroutine finally runs\n"; });
$fine->finally(function () { throw new UnderflowException("third"); });

// The scope's own finally handler.
$scope->finally(function () { throw new OutOfRangeException("scope finally threw"); });
delay(10);
$scope->dispose();
delay(10);
echo "the application went on\n";
?>
--EXPECT--
second coroutine finally runs
handler (same scope: true): CompositeException[DomainException: first, UnderflowException: third]
handler (same scope: true): LogicException: coroutine failed
handler (same scope: true): RuntimeException: coroutine finally threw
handler (same scope: true): OutOfRangeException: scope finally threw
the application went on
