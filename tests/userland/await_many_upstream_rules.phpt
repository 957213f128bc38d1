--TEST--
await_* as upstream: counts of successes, a count above the input's size, empty inputs, invalid keys, a token that is also an awaited item
--FILE--
<?php
use function Async\{spawn, delay, await_all, await_any_or_fail, await_first_success, await_any_of,
    await_any_of_or_fail};
function task(int $ms, $value, bool $fail = false) {
    return spawn(function () use ($ms, $value, $fail) {
        delay($ms);
        if ($fail) throw new RuntimeException("failed $value");
        return $value;
    });
}
function show($v) { echo json_encode($v), "\n"; }

echo "-- await_any_of(n) waits for n successes; errors are collected meanwhile\n";
[$r, $e] = await_any_of(2, ['a' => task(5, 'A', true), 'b' => task(10, 'B', true), 'c' => task(20, 'C'), 'd' => task(30, 'D'), 'e' => task(2000, 'E')]);
show($r); show(array_keys($e));
echo "-- fewer successes than asked: all of them, with every error\n";
[$r, $e] = await_any_of(2, [task(5, 1, true), task(10, 2)]);
show($r); show(array_keys($e));

echo "-- a count above the input's size waits for all of them\n";
show(await_any_of_or_fail(5, [task(10, 1), task(5, 2)]));
show(await_any_of(3, [task(5, 'x')]));
echo "-- a count of zero waits for none\n";
show(await_any_of_or_fail(0, [task(5, 1)]));
echo "-- a negative count\n";
try { await_any_of_or_fail(-2, [task(5, 1)]); } catch (ValueError $x) { echo get_class($x), ": ", $x->getMessage(), "\n"; }

echo "-- empty inputs end at once\n";
var_dump(await_any_or_fail([]));
show(await_first_success([]));
show(await_any_of(1, []));

echo "-- keys that cannot be array keys\n";
class KeyedIterator implements Iterator {
    private int $i = 0;
    public function __construct(private array $keys, private array $values) {}
    public function current(): mixed { return $this->values[$this->i]; }
    public function key(): mixed { return $this->keys[$this->i]; }
    public function next(): void { $this->i++; }
    public function rewind(): void { $this->i = 0; }
    public function valid(): bool { return $this->i < count($this->keys); }
}
foreach ([new stdClass, 1.5, [1]] as $badKey) {
    try {
        await_all(new KeyedIterator([$badKey], [task(5, 1)]));
        echo "no error\n";
    } catch (Async\AsyncException $x) { echo get_class($x), ": ", $x->getMessage(), "\n"; }
}
$f = fopen('php://memory', 'r');
try { await_all(new KeyedIterator([$f], [task(5, 1)])); } catch (Async\AsyncException $x) { echo $x->getMessage(), "\n"; }
echo "-- null keys take the position\n";
show(await_all(new KeyedIterator([null, 'k', null], [task(5, 1), task(5, 2), task(5, 3)]))[0]);

echo "-- the token is one of the awaited items: its completion cancels the wait\n";
$one = task(5, 'one');
$two = task(10, 'two');
try {
    await_all([$one, $two], $two);
    echo "not cancelled\n";
} catch (Async\OperationCanceledException $x) { echo get_class($x), "\n"; }
$three = task(5, 'three');
$four = task(10, 'four');
try {
    show(await_any_or_fail([$three, $four], $four));
} catch (Async\OperationCanceledException $x) { echo "cancelled\n"; }
echo "end\n";
?>
--EXPECT--
-- await_any_of(n) waits for n successes; errors are collected meanwhile
{"c":"C","d":"D"}
["a","b"]
-- fewer successes than asked: all of them, with every error
{"1":2}
[0]
-- a count above the input's size waits for all of them
[1,2]
[["x"],[]]
-- a count of zero waits for none
[]
-- a negative count
ValueError: Async\await_any_of_or_fail(): Argument #1 ($count) must be greater than or equal to 0
-- empty inputs end at once
NULL
[null,[]]
[[],[]]
-- keys that cannot be array keys
Async\AsyncException: Invalid key type: must be string, long or null
Async\AsyncException: Invalid key type: must be string, long or null
Async\AsyncException: Invalid key type: must be string, long or null
Invalid key type: must be string, long or null
-- null keys take the position
{"0":1,"k":2,"2":3}
-- the token is one of the awaited items: its completion cancels the wait
Async\OperationCanceledException
"three"
end
