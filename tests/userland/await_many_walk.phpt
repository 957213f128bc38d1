--TEST--
await_* walk an Iterator or generator in a coroutine of their own, while the caller already waits
--FILE--
<?php
use function Async\{spawn, suspend, delay, await, await_all, await_all_or_fail, await_any_or_fail,
    await_first_success, timeout};

echo "-- the walk interleaves with other coroutines; items that complete meanwhile count\n";
function slowItems(array $values) {
    foreach ($values as $v) {
        suspend();
        echo "yield $v\n";
        yield $v => spawn(fn() => $v);
    }
}
spawn(function () { for ($i = 1; $i <= 3; $i++) { echo "other $i\n"; suspend(); } });
var_dump(await_all_or_fail(slowItems(['a', 'b'])));

echo "-- the wait ends when its rule is met, before the walk has ended\n";
$yielded = 0;
function endless(int &$yielded) {
    while ($yielded < 1000) {
        $yielded++;
        yield spawn(fn() => 'first');
        suspend();
    }
}
echo await_any_or_fail(endless($yielded)), "\n";
suspend(); suspend(); suspend();
echo "yielded: ", $yielded < 10 ? "a few" : $yielded, "\n";

echo "-- the generator's exception: thrown, and the coroutines it yielded are cancelled\n";
$taken = [];
function failing(array &$taken) {
    yield $taken[] = spawn(function () { delay(10); throw new RuntimeException("member failed"); });
    yield $taken[] = spawn(fn() => 'never started');
    throw new LogicException("generator failed");
}
try {
    await_first_success(failing($taken));
} catch (LogicException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
foreach ($taken as $co) { var_dump($co->isCancelled()); }

echo "-- an Iterator's valid() that throws\n";
class ValidThrows implements Iterator {
    private int $i = 0;
    public function current(): mixed { return spawn(fn() => $this->i); }
    public function key(): mixed { return $this->i; }
    public function next(): void { $this->i++; }
    public function rewind(): void { $this->i = 0; }
    public function valid(): bool { if ($this->i === 1) throw new RuntimeException("valid failed"); return true; }
}
try { await_all(new ValidThrows); } catch (RuntimeException $e) { echo $e->getMessage(), "\n"; }

echo "-- a wrong item from a generator is the caller's TypeError\n";
function wrong() { yield spawn(fn() => 1); yield 42; }
try { await_all(wrong()); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }

echo "-- the caller's token ends the wait while the generator is suspended; the walk stops\n";
$steps = 0;
function sleepy(int &$steps) {
    while (true) { $steps++; yield spawn(fn() => delay(1000)); delay(20); }
}
try {
    await_all(sleepy($steps), timeout(50));
} catch (Async\OperationCanceledException $e) {
    echo get_class($e), "\n";
}
$before = $steps;
delay(60);
echo $steps - $before <= 1 ? "walk stopped\n" : "walk went on\n";

echo "-- the waiter is cancelled while the walk suspends\n";
$waiter = spawn(function () {
    $gen = (function () { yield spawn(fn() => 1); delay(1000); yield spawn(fn() => 2); })();
    try { await_all($gen); } catch (Async\AsyncCancellation $e) { echo "waiter cancelled\n"; }
});
suspend(); suspend();
$waiter->cancel();
await($waiter);
echo "-- a token that has completed already: the walk never begins\n";
function noisy() { echo "generator ran\n"; yield spawn(fn() => 1); }
$finished = spawn(fn() => null);
await($finished);
try { await_all(noisy(), $finished); } catch (Async\OperationCanceledException $e) { echo get_class($e), "\n"; }
suspend(); suspend();
echo "end\n";
?>
--EXPECT--
-- the walk interleaves with other coroutines; items that complete meanwhile count
other 1
other 2
yield a
other 3
yield b
array(2) {
  ["a"]=>
  string(1) "a"
  ["b"]=>
  string(1) "b"
}
-- the wait ends when its rule is met, before the walk has ended
first
yielded: a few
-- the generator's exception: thrown, and the coroutines it yielded are cancelled
LogicException: generator failed
bool(true)
bool(true)
-- an Iterator's valid() that throws
valid failed
-- a wrong item from a generator is the caller's TypeError
Async\await_all(): Argument #1 ($triggers) must contain only Async\Completable objects, int given
-- the caller's token ends the wait while the generator is suspended; the walk stops
Async\OperationCanceledException
walk stopped
-- the waiter is cancelled while the walk suspends
waiter cancelled
-- a token that has completed already: the walk never begins
Async\OperationCanceledException
end
