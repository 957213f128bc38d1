--TEST--
Reliability (bad input): every Async\ function, the constructors and the methods of Channel, Future, FutureState, Scope, Context and a Coroutine, called with bad arguments (null, negative, zero, huge, NAN, INF, empty strings, arrays, objects, closed resources, a finished coroutine, one too many or too few), throw a TypeError, ValueError, ArgumentCountError or an Async\ exception with a message, or return; none crashes, hangs, leaks or warns (beyond PHP's deprecations for null to an int parameter); only delay(), Channel::recv() and Future::await() wait
--FILE--
<?php
use Async\{Channel, Future, FutureState, Scope, Context};
use function Async\{spawn, await, timeout};

$closed = fopen('php://memory', 'r'); fclose($closed);
$done = spawn(fn() => 1); await($done);
$bad = [null, -1, 0, PHP_INT_MAX, PHP_INT_MIN, NAN, INF, -INF, '', 'x', [], [1, 2], new stdClass, $closed, $done, fn() => null, 1.5];
// PHP's own deprecations for null and fractional floats given to int parameters are expected.
// So is upstream's warning for the Futures made here and never used.
set_error_handler(function ($no, $message) {
    if (str_starts_with($message, 'Future was never used')) return true;
    if ($no !== E_DEPRECATED) echo "warning: $message\n";
    return true;
});

$classes = [];
$waited = [];
$calls = 0;
function record(string $what, Closure $call): void {
    global $classes, $waited, $calls;
    $calls++;
    // In a coroutine of its own, bounded: a call that waits (it was given a valid time or
    // something it may wait for) is cancelled after 100 ms.
    $c = spawn(function () use ($call) {
        try { $call(); return null; } catch (Throwable $e) { return $e; }
    });
    try {
        $e = await($c, timeout(100));
    } catch (Async\OperationCanceledException) {
        $waited[$what] = true;
        $c->cancel();
        try { await($c); } catch (Throwable) {}
        return;
    }
    if ($e === null) return;
    if ($e->getMessage() === '') echo "$what: ", get_class($e), " without a message\n";
    $ok = $e instanceof TypeError || $e instanceof ValueError || $e instanceof ArgumentCountError
        || str_starts_with(get_class($e), 'Async\\') || $e instanceof Error;
    if (!$ok) echo "$what: unexpected ", get_class($e), ": ", $e->getMessage(), "\n";
    $classes[get_class($e)] = true;
}

$skip = ['Async\graceful_shutdown' => true]; // cancels everything by design
foreach (get_extension_funcs('async') as $f) {
    if (isset($skip[$f])) continue;
    $max = (new ReflectionFunction($f))->getNumberOfParameters();
    foreach ($bad as $i => $v) {
        for ($n = 1; $n <= max(1, $max); $n++) {
            $args = array_fill(0, $n, $v);
            record("$f#$i/$n", fn() => $f(...$args));
        }
    }
    record("$f too many", fn() => $f(...array_fill(0, $max + 2, 1)));
}
foreach ([Channel::class, Future::class, FutureState::class, Scope::class, Context::class] as $class) {
    foreach ($bad as $i => $v) record("new $class#$i", fn() => new $class($v, $v));
}
$objects = [
    'Channel' => fn() => new Channel(1),
    'FutureState' => fn() => new FutureState(),
    'Future' => fn() => new Future(new FutureState()),
    'Scope' => fn() => new Scope(),
    'Context' => fn() => Async\current_context(),
    'Coroutine' => fn() => spawn(fn() => null),
];
foreach ($objects as $name => $make) {
    foreach ((new ReflectionClass(get_class($make())))->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
        if ($m->isStatic() || $m->isConstructor() || str_starts_with($m->name, '__')) continue;
        foreach ($bad as $i => $v) {
            $object = $make();
            $method = $m->name;
            record("$name::$method#$i", fn() => $object->$method(...array_fill(0, max(1, $m->getNumberOfParameters()), $v)));
        }
    }
}
ksort($classes);
echo $calls > 1000 ? "more than 1000 calls\n" : "$calls calls\n";
echo "thrown: ", implode(', ', array_keys($classes)), "\n";
echo "waited until cancelled: ", implode(', ', array_unique(array_map(fn($k) => preg_replace('/#.*| too many/', '', $k), array_keys($waited)))), "\n";
?>
--EXPECT--
more than 1000 calls
thrown: ArgumentCountError, Async\AsyncException, Async\ContextException, Async\OperationCanceledException, Error, TypeError, ValueError
waited until cancelled: Async\delay, Channel::recv, Future::await
