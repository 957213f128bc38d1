--TEST--
Future::map/catch/finally: bad callables, unhandled errors passed on (reported on each Future that has them, as upstream), ignore(), cancelling a derived Future, cycles
--FILE--
<?php
use Async\{Future, FutureState};
use function Async\{delay, await};

echo "-- bad callables\n";
foreach (['map', 'catch', 'finally'] as $method) {
    try { Future::completed(1)->$method('no_such_function'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
}
try { Future::completed(1)->map(); } catch (ArgumentCountError $e) { echo $e->getMessage(), "\n"; }

echo "-- an error map() passes on and nobody takes: reported on both, and the unused end too\n";
(function () { $d = Future::failed(new DomainException("lost at the end"))->map(fn($v) => $v); await(Async\spawn(fn() => null)); })();
echo "-- a map callback's error nobody awaits\n";
(function () { $d = Future::completed(1)->map(function () { throw new DomainException("lost in map"); }); delay(5); })();
echo "-- ignore() on the derived one silences that one only; catch() handles it\n";
(function () { $d = Future::failed(new DomainException("x"))->map(fn($v) => $v)->ignore(); delay(1); })();
(function () { $d = Future::failed(new DomainException("x"))->catch(fn($e) => null)->ignore(); delay(5); })();
echo "-- handled on the derived Future: handled on the source too\n";
(function () {
    try { await(Future::failed(new DomainException("awaited"))->map(fn($v) => $v)); } catch (DomainException $e) { echo $e->getMessage(), "\n"; }
    $s = new FutureState();
    $d = (new Future($s))->finally(fn() => null);
    $s->error(new DomainException("through finally"));
    try { await($d); } catch (DomainException $e) { echo $e->getMessage(), "\n"; }
})();

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
    $d = $f->map(function () use (&$d, $f) { return $d; })->ignore();
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
-- an error map() passes on and nobody takes: reported on both, and the unused end too

Warning: Future was never used; call await(), map(), catch(), finally() or ignore() to suppress this warning. Created at %s:12 in %s on line 12

Warning: Unhandled exception in Future: lost at the end; use catch() or ignore() to handle. Created at %s:12, completed at %s:12 in %s on line 12

Warning: Unhandled exception in Future: lost at the end; use catch() or ignore() to handle. Created at %s:12, completed at %s:12 in %s on line 12
-- a map callback's error nobody awaits

Warning: Future was never used; call await(), map(), catch(), finally() or ignore() to suppress this warning. Created at %s:14 in %s on line 14

Warning: Unhandled exception in Future: lost in map; use catch() or ignore() to handle. Created at %s:14 in %s on line 14
-- ignore() on the derived one silences that one only; catch() handles it

Warning: Unhandled exception in Future: x; use catch() or ignore() to handle. Created at %s:16, completed at %s:16 in %s on line 16
-- handled on the derived Future: handled on the source too
awaited
through finally
-- cancelling the derived Future: the callback still runs, its outcome is dropped
bool(true)
Future has been cancelled
callback ended
bool(true)
-- a chain on a source that never completes, in a cycle with its callback, is collected
bool(true)
end
