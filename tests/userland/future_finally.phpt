--TEST--
Future::finally(): runs on either outcome with no argument, keeps the outcome unless it throws
--FILE--
<?php
use Async\{Future, FutureState};
use function Async\{spawn, delay};

echo "-- a value is kept\n";
$state = new FutureState();
$kept = (new Future($state))->finally(function (...$args) { echo "finally, ", count($args), " arguments\n"; return "ignored"; });
spawn(fn() => $state->complete("value"));
var_dump($kept->await());

echo "-- an error is kept\n";
$e = new RuntimeException("kept error");
try { Future::failed($e)->finally(function () { echo "finally\n"; })->await(); }
catch (RuntimeException $caught) { var_dump($caught === $e); }

echo "-- the callback throws: that replaces the outcome\n";
try { Future::completed(1)->finally(function () { throw new LogicException("cleanup failed"); })->await(); }
catch (LogicException $caught) { echo $caught->getMessage(), "\n"; }
try { Future::failed(new Exception("original"))->finally(function () { throw new LogicException("cleanup failed too"); })->await(); }
catch (LogicException $caught) { echo $caught->getMessage(), "\n"; }

echo "-- the derived Future settles only after the callback ended (it may suspend)\n";
$done = false;
$f = Future::completed("x")->finally(function () use (&$done) { delay(10); $done = true; });
var_dump($f->await(), $done);

echo "-- order of several handlers on one source\n";
$s = new FutureState();
$src = new Future($s);
$all = [];
foreach ([1, 2, 3] as $i) $all[] = $src->finally(function () use ($i) { echo "handler $i\n"; });
$s->complete(null);
foreach ($all as $f) $f->await();
?>
--EXPECT--
-- a value is kept
finally, 0 arguments
string(5) "value"
-- an error is kept
finally
bool(true)
-- the callback throws: that replaces the outcome
cleanup failed
cleanup failed too
-- the derived Future settles only after the callback ended (it may suspend)
string(1) "x"
bool(true)
-- order of several handlers on one source
handler 1
handler 2
handler 3
