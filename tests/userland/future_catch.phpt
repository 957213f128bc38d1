--TEST--
Future::catch(): runs on an error only, its value settles the derived Future; a value passes through
--FILE--
<?php
use Async\{Future, FutureState};
use function Async\{spawn, delay};

echo "-- a source failing later\n";
$state = new FutureState();
$source = new Future($state);
$error = new DomainException("bad input");
$recovered = $source->catch(function (Throwable $e) use ($error) {
    echo "catch got the same object: ", var_export($e === $error, true), "\n";
    return "recovered from " . $e->getMessage();
});
spawn(function () use ($state, $error) { delay(5); $state->error($error); });
var_dump($recovered->await());
// The source's error was handled by catch(): awaiting the source still throws it.
try { $source->await(); } catch (DomainException $e) { echo "source still fails: ", $e->getMessage(), "\n"; }

echo "-- a value passes through without calling the callback\n";
var_dump(Future::completed("fine")->catch(function () { echo "never\n"; return "no"; })->await());

echo "-- the callback rethrows or throws another error\n";
try { Future::failed(new Exception("first"))->catch(function ($e) { throw $e; })->await(); }
catch (Exception $e) { echo "rethrown: ", $e->getMessage(), "\n"; }
try { Future::failed(new Exception("first"))->catch(function ($e) { throw new LogicException("second", 0, $e); })->await(); }
catch (LogicException $e) { echo $e->getMessage(), " (previous: ", $e->getPrevious()->getMessage(), ")\n"; }

echo "-- map then catch: an error of the map callback is caught downstream\n";
var_dump(Future::completed(1)
    ->map(function ($v) { throw new RuntimeException("map failed on $v"); })
    ->map(function () { echo "never\n"; })
    ->catch(fn($e) => "caught: " . $e->getMessage())
    ->await());

echo "-- catch sees a cancellation too\n";
$s = new FutureState();
$f = new Future($s);
$c = $f->catch(fn($e) => get_class($e));
$f->cancel();
var_dump($c->await());
?>
--EXPECT--
-- a source failing later
catch got the same object: true
string(24) "recovered from bad input"
source still fails: bad input
-- a value passes through without calling the callback
string(4) "fine"
-- the callback rethrows or throws another error
rethrown: first
second (previous: first)
-- map then catch: an error of the map callback is caught downstream
string(23) "caught: map failed on 1"
-- catch sees a cancellation too
string(23) "Async\AsyncCancellation"
