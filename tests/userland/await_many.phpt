--TEST--
await_all(), await_all_or_fail(), await_any_or_fail(), await_first_success(), await_any_of(), await_any_of_or_fail()
--FILE--
<?php
use function Async\{spawn, await, delay, timeout, await_all, await_all_or_fail, await_any_or_fail,
    await_first_success, await_any_of, await_any_of_or_fail};
function task(int $ms, $value, bool $fail = false) {
    return spawn(function () use ($ms, $value, $fail) {
        delay($ms);
        if ($fail) throw new RuntimeException("failed $value");
        return $value;
    });
}
function show($v) { echo json_encode($v), "\n"; }
function messages(array $errors) { return array_map(fn($e) => $e->getMessage(), $errors); }

echo "-- await_all: results and errors keyed like the input, in its order\n";
[$r, $e] = await_all(['a' => task(30, 'A'), 'b' => task(10, 'B', true), 'c' => task(20, 'C')]);
show($r); show(messages($e));
echo "-- completion order, with null for keys without a result\n";
[$r, $e] = await_all(['a' => task(30, 'A'), 'b' => task(10, 'B', true), 'c' => task(20, 'C')], null, false, true);
show($r);
echo "-- already completed ones, no switch needed\n";
$done = task(0, 'done'); await($done);
show(await_all([$done, $done]));

echo "-- await_all_or_fail\n";
show(await_all_or_fail(['x' => task(20, 1), 'y' => task(10, 2)]));
$slow = task(5000, 'slow');
try { await_all_or_fail([$slow, task(10, 'bad', true)]); } catch (RuntimeException $x) { echo "threw: ", $x->getMessage(), "\n"; }
Async\suspend();
echo "the others were cancelled: ", json_encode($slow->isCancelled()), "\n";
// The cancellation's trace holds the array passed to await_all_or_fail(), which holds $slow, which
// holds the cancellation: a cycle for PHP's GC.
unset($slow);
gc_collect_cycles();

echo "-- await_any_or_fail\n";
show(await_any_or_fail([task(50, 'slow'), task(10, 'fast')]));
try { await_any_or_fail([task(50, 'slow'), task(10, 'fast', true)]); } catch (RuntimeException $x) { echo "threw: ", $x->getMessage(), "\n"; }

echo "-- await_first_success\n";
[$first, $errors] = await_first_success([task(10, 'x', true), task(30, 'y'), task(60, 'z')]);
show($first); show(messages($errors));
[$first, $errors] = await_first_success([task(10, 'p', true), task(20, 'q', true)]);
show($first); show(messages($errors));

echo "-- await_any_of: the first two successes (an error does not count)\n";
[$r, $e] = await_any_of(2, [task(10, 1), task(20, 2, true), task(200, 3)]);
show($r); show(messages($e));
show(await_any_of(0, [task(10, 1)]));

echo "-- await_any_of_or_fail\n";
show(await_any_of_or_fail(2, [task(30, 1), task(10, 2), task(200, 3)]));
try { await_any_of_or_fail(2, [task(30, 1), task(10, 2, true)]); } catch (RuntimeException $x) { echo "threw: ", $x->getMessage(), "\n"; }

echo "-- a cancellation token\n";
try { await_all([task(500, 1)], timeout(10)); } catch (Async\OperationCanceledException $x) { echo get_class($x), " < ", get_class($x->getPrevious()), "\n"; }

echo "-- iterables: generators and iterators\n";
function gen() { yield 'g1' => spawn(fn() => 1); yield 'g2' => spawn(fn() => 2); }
show(await_all(gen())[0]);
show(await_all(new ArrayIterator(['i' => task(5, 'it')]))[0]);
show(await_all([]));

echo "-- bad input\n";
try { await_all([1]); } catch (TypeError $x) { echo $x->getMessage(), "\n"; }
// Not iterable: upstream's AsyncException, for every await_* function.
foreach (['await_all', 'await_all_or_fail', 'await_any_or_fail', 'await_first_success'] as $f) {
    try { ('Async\\' . $f)('nope'); } catch (Async\AsyncException $x) { echo "$f: ", $x->getMessage(), "\n"; }
}
try { await_any_of(1, 42); } catch (Async\AsyncException $x) { echo "await_any_of: ", $x->getMessage(), "\n"; }
try { await_any_of_or_fail(1, new stdClass); } catch (Async\AsyncException $x) { echo "await_any_of_or_fail: ", $x->getMessage(), "\n"; }
try { await_any_of(-1, []); } catch (ValueError $x) { echo $x->getMessage(), "\n"; }
$self = spawn(function () { try { await_all([Async\current_coroutine()]); } catch (Error $e) { return $e->getMessage(); } });
show(await($self));
?>
--EXPECT--
-- await_all: results and errors keyed like the input, in its order
{"a":"A","c":"C"}
{"b":"failed B"}
-- completion order, with null for keys without a result
{"c":"C","a":"A","b":null}
-- already completed ones, no switch needed
[["done","done"],[]]
-- await_all_or_fail
{"x":1,"y":2}
threw: failed bad
the others were cancelled: true
-- await_any_or_fail
"fast"
threw: failed fast
-- await_first_success
"y"
["failed x"]
null
["failed p","failed q"]
-- await_any_of: the first two successes (an error does not count)
{"0":1,"2":3}
{"1":"failed 2"}
[[],[]]
-- await_any_of_or_fail
[1,2]
threw: failed 2
-- a cancellation token
Async\OperationCanceledException < Async\TimeoutException
-- iterables: generators and iterators
{"g1":1,"g2":2}
{"i":"it"}
[[],[]]
-- bad input
Async\await_all(): Argument #1 ($triggers) must contain only Async\Completable objects, int given
await_all: Expected parameter 'iterable' to be an array or an object implementing Traversable
await_all_or_fail: Expected parameter 'iterable' to be an array or an object implementing Traversable
await_any_or_fail: Expected parameter 'iterable' to be an array or an object implementing Traversable
await_first_success: Expected parameter 'iterable' to be an array or an object implementing Traversable
await_any_of: Expected parameter 'iterable' to be an array or an object implementing Traversable
await_any_of_or_fail: Expected parameter 'iterable' to be an array or an object implementing Traversable
Async\await_any_of(): Argument #1 ($count) must be greater than or equal to 0
"A coroutine cannot await itself"
