--TEST--
Pool: bad input and misuse give clear exceptions (limits, timeout, callables, a foreign or twice-released resource, a throwing factory, construct twice, clone)
--FILE--
<?php
use Async\{Pool, PoolException};

function attempt(string $what, callable $fn): void {
    try { $fn(); echo "$what: no exception\n"; }
    catch (Throwable $e) { echo "$what: ", get_class($e), ": ", $e->getMessage(), "\n"; }
}

echo "-- limits\n";
attempt('min -1', fn() => new Pool(fn() => 1, min: -1));
attempt('max 0', fn() => new Pool(fn() => 1, max: 0));
attempt('min > max', fn() => new Pool(fn() => 1, min: 3, max: 2));
attempt('interval -1', fn() => new Pool(fn() => 1, healthcheckInterval: -1));
attempt('factory not callable', fn() => new Pool('no_such_function'));
attempt('destructor not callable', fn() => new Pool(fn() => 1, 42));
$pool = new Pool(fn() => new stdClass, max: 2);
attempt('timeout -5', fn() => $pool->acquire(-5));
attempt('strategy of the wrong class', fn() => $pool->setCircuitBreakerStrategy(new stdClass));

echo "-- release: only what the pool lent out, once\n";
attempt('a foreign object', fn() => $pool->release(new stdClass));
$r = $pool->acquire();
$pool->release($r);
attempt('released twice', fn() => $pool->release($r));
var_dump($pool->count(), $pool->idleCount(), $pool->activeCount());
$ints = new Pool(fn() => 7);
attempt('a value when none is lent', fn() => $ints->release(7));
$v = $ints->tryAcquire();
$ints->release($v);
attempt('that value again', fn() => $ints->release($v));

echo "-- a factory that throws leaves nothing counted\n";
$n = 0;
$flaky = new Pool(function () use (&$n) { if (++$n === 1) throw new RuntimeException("connect refused"); return "conn$n"; }, max: 1);
attempt('first acquire', fn() => $flaky->acquire());
var_dump($flaky->count(), $flaky->acquire());

echo "-- construct twice, clone, serialize\n";
attempt('construct again', fn() => $pool->__construct(fn() => 2));
attempt('clone', fn() => clone $pool);
attempt('serialize', fn() => serialize($pool));

echo "-- closed\n";
$pool->close();
attempt('acquire', fn() => $pool->acquire());
var_dump($pool->tryAcquire());
echo "done\n";
?>
--EXPECT--
-- limits
min -1: ValueError: Async\Pool::__construct(): Argument #6 ($min) must be >= 0
max 0: ValueError: Async\Pool::__construct(): Argument #7 ($max) must be >= 1
min > max: ValueError: Async\Pool::__construct(): Argument #6 ($min) must be <= max
interval -1: ValueError: Async\Pool::__construct(): Argument #8 ($healthcheckInterval) must be >= 0
factory not callable: TypeError: Async\Pool::__construct(): Argument #1 ($factory) must be a valid callback, function "no_such_function" not found or invalid function name
destructor not callable: TypeError: Async\Pool::__construct(): Argument #2 ($destructor) must be a valid callback or null, no array or string given
timeout -5: ValueError: Async\Pool::acquire(): Argument #1 ($timeout) must be >= 0 (0 waits without a limit)
strategy of the wrong class: TypeError: Async\Pool::setCircuitBreakerStrategy(): Argument #1 ($strategy) must be of type ?Async\CircuitBreakerStrategy, stdClass given
-- release: only what the pool lent out, once
a foreign object: Async\PoolException: Cannot release an object of class stdClass: this pool did not lend it out (or it was released already)
released twice: Async\PoolException: Cannot release an object of class stdClass: this pool did not lend it out (or it was released already)
int(1)
int(1)
int(0)
a value when none is lent: Async\PoolException: Cannot release a value of type int: this pool has no such resource lent out
that value again: Async\PoolException: Cannot release a value of type int: this pool has no such resource lent out
-- a factory that throws leaves nothing counted
first acquire: RuntimeException: connect refused
int(0)
string(5) "conn2"
-- construct twice, clone, serialize
construct again: Error: Cannot construct an Async\Pool twice
clone: Error: Trying to clone an uncloneable object of class Async\Pool
serialize: Exception: Serialization of 'Async\Pool' is not allowed
-- closed
acquire: Async\PoolException: Pool is closed
NULL
done
