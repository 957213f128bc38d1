--TEST--
Future::map(): runs on a value (later or already there), in its own coroutine; errors pass through; chains
--FILE--
<?php
use Async\{Future, FutureState};
use function Async\{spawn, await, delay, current_coroutine};

echo "-- a source completed later\n";
$state = new FutureState();
$source = new Future($state);
delay(1); // starts the scheduler: the script becomes a coroutine (current_coroutine() throws before)
$main = current_coroutine();
$doubled = $source->map(function ($v) use ($main) {
    echo "map got $v, in its own coroutine: ", var_export(current_coroutine() !== $main, true), "\n";
    return $v * 2;
});
$plusOne = $source->map(fn($v) => $v + 1); // several maps of one source
var_dump($doubled instanceof Future, $doubled !== $source, $doubled->isCompleted());
spawn(function () use ($state) { delay(5); echo "completing\n"; $state->complete(21); });
var_dump($doubled->await(), $plusOne->await());

echo "-- an already completed source: the callback still runs, asynchronously\n";
$mapped = Future::completed(1)->map(function ($v) { echo "callback\n"; return $v + 1; });
echo "map() returned\n";
var_dump($mapped->await());

echo "-- chains\n";
var_dump(Future::completed(2)->map(fn($v) => $v * 10)->map(fn($v) => "v=$v")->await());

echo "-- the callback may suspend\n";
var_dump(Future::completed("slow")->map(function ($v) { delay(10); return strtoupper($v); })->await());

echo "-- an error passes through without calling the callback\n";
$e = new RuntimeException("source failed");
$derived = Future::failed($e)->map(function ($v) { echo "never\n"; });
try { $derived->await(); } catch (RuntimeException $caught) { var_dump($caught === $e); }

echo "-- the callback throws: the derived Future fails with it\n";
try {
    Future::completed(1)->map(function () { throw new LogicException("thrown in map"); })->await();
} catch (LogicException $caught) { echo $caught->getMessage(), "\n"; }

echo "-- a Future (or an object) as the callback's value is not unwrapped\n";
$inner = Future::completed("inner")->ignore();
var_dump(Future::completed(0)->map(fn() => $inner)->await() === $inner);

echo "-- callables of every kind\n";
class Doubler { function twice($v) { return 2 * $v; } static function thrice($v) { return 3 * $v; } function __invoke($v) { return -$v; } }
var_dump(Future::completed(4)->map([new Doubler, 'twice'])->await(), Future::completed(4)->map('Doubler::thrice')->await(),
    Future::completed(4)->map(new Doubler)->await(), Future::completed(-4)->map('abs')->await());
?>
--EXPECT--
-- a source completed later
bool(true)
bool(true)
bool(false)
completing
map got 21, in its own coroutine: true
int(42)
int(22)
-- an already completed source: the callback still runs, asynchronously
map() returned
callback
int(2)
-- chains
string(4) "v=20"
-- the callback may suspend
string(4) "SLOW"
-- an error passes through without calling the callback
bool(true)
-- the callback throws: the derived Future fails with it
thrown in map
-- a Future (or an object) as the callback's value is not unwrapped
bool(true)
-- callables of every kind
int(8)
int(12)
int(-4)
int(4)
