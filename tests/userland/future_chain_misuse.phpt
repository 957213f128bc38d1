--TEST--
Future::map/catch/finally: bad callables, unhandled errors reported once on the derived Future, ignore(), cancelling a derived Future, cycles
--FILE--
<?php
use Async\{Future, FutureState};
use function Async\{delay, await};

echo "-- bad callables\n";
foreach (['map', 'catch', 'finally'] as $method) {
    try { Future::completed(1)->$method('no_such_function'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
}
try { Future::completed(1)->map(); } catch (ArgumentCountError $e) { echo $e->getMessage(), "\n"; }

echo "-- an error nobody takes is reported once, on the end of the chain\n";
(function () { $d = Future::failed(new DomainException("lost at the end"))->map(fn($v) => $v); await(Async\spawn(fn() => null)); })();
echo "-- a map callback's error nobody awaits\n";
(function () { $d = Future::completed(1)->map(function () { throw new DomainException("lost in map"); }); delay(5); })();
echo "-- ignore() on the derived one silences it; catch() handles it\n";
(function () { $d = Future::failed(new DomainException("x"))->map(fn($v) => $v)->ignore(); delay(1); })();
(function () { $d = Future::failed(new DomainException("x"))->catch(fn($e) => null); delay(5); })();

echo "-- cancelling the derived Future: the callback still runs, its outcome is dropped\n";
$d = Future::completed(1)->map(function ($v) { delay(10); echo "callback ended\n"; return $v; });
$d->cancel();
var_dump($d->isCancelled());
try { $d->await(); } catch (Async\AsyncCancellation $e) { echo $e->getMessage(), "\n"; }
delay(30);
var_dump($d->isCancelled());

echo "-- a chain on a source that never completes, in a cycle with its callback, is collected\n";
(function () {
    $s = new FutureState();
    $f = new Future($s);
    $d = $f->map(function () use (&$d, $f) { return $d; });
})();
var_dump(gc_collect_cycles() > 0);
echo "end\n";
?>
--EXPECTF--
-- bad callables
Async\Future::map(): Argument #1 ($callback) must be a valid callback, function "no_such_function" not found or invalid function name
Async\Future::catch(): Argument #1 ($callback) must be a valid callback, function "no_such_function" not found or invalid function name
Async\Future::finally(): Argument #1 ($callback) must be a valid callback, function "no_such_function" not found or invalid function name
Async\Future::map() expects exactly 1 argument, 0 given
-- an error nobody takes is reported once, on the end of the chain

Warning: Unhandled exception in a Future that nobody awaited: DomainException: lost at the end in %s on line %d
-- a map callback's error nobody awaits

Warning: Unhandled exception in a Future that nobody awaited: DomainException: lost in map in %s on line %d
-- ignore() on the derived one silences it; catch() handles it
-- cancelling the derived Future: the callback still runs, its outcome is dropped
bool(true)
Future has been cancelled
callback ended
bool(true)
-- a chain on a source that never completes, in a cycle with its callback, is collected
bool(true)
end
