--TEST--
Async\iterate(): bad input, a callback or iterator that throws, stop on false, keys, no limit, cancellation of the owner
--FILE--
<?php
use function Async\{spawn, await, delay, suspend, iterate};

echo "-- bad input\n";
try { iterate([1], fn() => null, -1); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
try { iterate('abc', fn() => null); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
try { iterate([1], 'no_such_function'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }

echo "-- concurrency 0 is no limit: all 20 wait at once\n";
$active = $peak = 0;
$t = hrtime(true);
iterate(range(1, 20), function () use (&$active, &$peak) { $active++; $peak = max($peak, $active); delay(50); $active--; }, 0);
echo "peak $peak, in one delay: ", json_encode((hrtime(true) - $t) / 1e6 < 500), "\n";

echo "-- keys of any kind, references seen as values\n";
$x = 1;
iterate(['a' => &$x, 5 => 'five'], function ($v, $k) { echo json_encode($k), " => ", json_encode($v), "\n"; });

echo "-- a callback that throws: the others are cancelled, iterate() rethrows after they ended\n";
$log = [];
try {
    iterate([1, 2, 3, 4], function ($v) use (&$log) {
        try {
            delay($v === 1 ? 10 : 200);
            if ($v === 1) throw new LogicException("bad $v");
            $log[] = "finished $v";
        } catch (Async\AsyncCancellation $c) {
            $log[] = "cancelled $v";
            throw $c;
        }
    }, 4);
} catch (LogicException $e) {
    echo "caught: ", $e->getMessage(), "\n";
}
sort($log);
echo implode(', ', $log), "\n";

echo "-- an iterator that throws in current()\n";
class Broken implements IteratorAggregate {
    function getIterator(): Iterator { return (function () { yield 1; throw new DomainException('broken at 2'); })(); }
}
try {
    iterate(new Broken, function ($v) { echo "got $v\n"; });
} catch (DomainException $e) {
    echo "caught: ", $e->getMessage(), "\n";
}

echo "-- false stops with a limit too; what was taken before (4, when 1 ended) ends normally\n";
$seen = [];
iterate(range(1, 10), function ($v) use (&$seen) { delay($v * 10); $seen[] = $v; return $v === 2 ? false : null; }, 3);
sort($seen);
echo implode(',', $seen), "\n";

echo "-- cancelling the owner cancels the callbacks and what they spawned\n";
$log = [];
$owner = spawn(function () use (&$log) {
    try {
        iterate([1, 2], function ($v) use (&$log) {
            spawn(function () use ($v, &$log) {
                try { delay(5000); } catch (Async\AsyncCancellation) { $log[] = "child $v cancelled"; }
            });
            try { delay(5000); } catch (Async\AsyncCancellation $c) { $log[] = "callback $v cancelled"; throw $c; }
        });
        $log[] = 'NOT CANCELLED';
    } catch (Async\AsyncCancellation) {
        $log[] = 'owner cancelled';
    }
});
delay(20);
$t = hrtime(true);
$owner->cancel();
await($owner);
sort($log);
echo implode(', ', $log), "\n";
echo "quick: ", json_encode((hrtime(true) - $t) / 1e6 < 1000), "\n";

echo "-- the callback's own coroutines: in a child scope of the caller's\n";
$scope = Async\Scope::inherit();
await($scope->spawn(function () {
    Async\current_context()->set('who', 'outer');
    iterate([1], function () { echo Async\current_context()->find('who'), "\n"; });
}));
echo "done\n";
?>
--EXPECTF--
-- bad input
Async\iterate(): Argument #3 ($concurrency) must be greater than or equal to 0
Async\iterate(): Argument #1 ($iterable) must be of type Traversable|array, string given
Async\iterate(): Argument #2 ($callback) must be a valid callback, function "no_such_function" not found or invalid function name
-- concurrency 0 is no limit: all 20 wait at once
peak 20, in one delay: true
-- keys of any kind, references seen as values
"a" => 1
5 => "five"
-- a callback that throws: the others are cancelled, iterate() rethrows after they ended
caught: bad 1
cancelled 2, cancelled 3, cancelled 4
-- an iterator that throws in current()
got 1
caught: broken at 2
-- false stops with a limit too; what was taken before (4, when 1 ended) ends normally
1,2,3,4
-- cancelling the owner cancels the callbacks and what they spawned
callback 1 cancelled, callback 2 cancelled, child 1 cancelled, child 2 cancelled, owner cancelled
quick: true
-- the callback's own coroutines: in a child scope of the caller's
outer
done
