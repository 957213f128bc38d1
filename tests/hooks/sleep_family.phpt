--TEST--
Hooks: sleep(), usleep(), time_nanosleep(), time_sleep_until() suspend only the calling coroutine; results and errors as stock PHP
--FILE--
<?php
use function Async\{spawn, await, delay};

function probe(): array {
    $r = [];
    $r[] = sleep(0);
    $r[] = usleep(0);
    $r[] = usleep(10);
    $r[] = time_nanosleep(0, 1000);
    $r[] = time_sleep_until(microtime(true) + 0.01);
    $calls = [
        fn() => sleep(-1), fn() => usleep(-1),
        fn() => time_nanosleep(-1, 0), fn() => time_nanosleep(0, -1), fn() => time_nanosleep(0, 1000000000),
        fn() => time_sleep_until(-5), fn() => time_sleep_until(1e30), fn() => sleep("x"),
    ];
    foreach ($calls as $call) {
        try { $r[] = $call(); } catch (Throwable $e) { $r[] = get_class($e) . ": " . $e->getMessage(); }
    }
    set_error_handler(function ($no, $message) use (&$r) { $r[] = "warning $no: $message"; return true; });
    $r[] = time_sleep_until(microtime(true) - 1);
    restore_error_handler();
    return $r;
}

// Outside any coroutine: PHP's own functions.
$stock = probe();
// Inside one: the hooks. Same values, same errors, same warnings.
$hooked = await(spawn('probe'));
var_dump($stock === $hooked);
echo implode("\n", array_map('json_encode', $hooked)), "\n";

// Overlap: 5 sleepers of each kind take about as long as one, not five times as long.
function batch(callable $sleeper, float $each): bool {
    $t = hrtime(true);
    $cs = [];
    for ($i = 0; $i < 5; $i++) $cs[] = spawn($sleeper);
    foreach ($cs as $c) await($c);
    $elapsed = (hrtime(true) - $t) / 1e9;
    $ok = $elapsed >= $each * 0.9 && $elapsed < 5 * $each * 0.7;
    if (!$ok) echo "took $elapsed s\n";
    return $ok;
}
// Warm-up: the first spawns are slow under valgrind.
foreach (array_map(fn() => spawn(fn() => usleep(1000)), range(1, 5)) as $c) await($c);
var_dump(batch(fn() => sleep(1), 1.0));
var_dump(batch(fn() => usleep(400000), 0.4));
var_dump(batch(fn() => time_nanosleep(0, 400000000), 0.4));
var_dump(batch(fn() => time_sleep_until(microtime(true) + 0.4), 0.4));

// A sleep after PHP code kept the loop idle for a while still lasts its full time.
echo json_encode(await(spawn(function () {
    $end = hrtime(true) + 300e6;
    while (hrtime(true) < $end);
    $t = hrtime(true);
    usleep(300000);
    return (hrtime(true) - $t) / 1e6 >= 290;
}))), "\n";

// Others run while one sleeps.
$order = [];
$a = spawn(function () use (&$order) { $order[] = "a sleeps"; usleep(100000); $order[] = "a wakes"; });
$b = spawn(function () use (&$order) { $order[] = "b runs"; });
await($a); await($b);
echo implode(", ", $order), "\n";

// A cancelled sleeper stops at once with the cancellation.
$t = hrtime(true);
$c = spawn(fn() => sleep(30));
delay(20);
$c->cancel();
try { await($c); } catch (Async\AsyncCancellation $e) { echo "cancelled\n"; }
var_dump((hrtime(true) - $t) / 1e9 < 10);
?>
--EXPECT--
bool(true)
0
null
null
true
true
"ValueError: sleep(): Argument #1 ($seconds) must be greater than or equal to 0"
"ValueError: usleep(): Argument #1 ($microseconds) must be greater than or equal to 0"
"ValueError: time_nanosleep(): Argument #1 ($seconds) must be greater than or equal to 0"
"ValueError: time_nanosleep(): Argument #2 ($nanoseconds) must be greater than or equal to 0"
"ValueError: Nanoseconds was not in the range 0 to 999 999 999 or seconds was negative"
"ValueError: time_sleep_until(): Argument #1 ($timestamp) must be between 0 and 18446744073"
"ValueError: time_sleep_until(): Argument #1 ($timestamp) must be between 0 and 18446744073"
"TypeError: sleep(): Argument #1 ($seconds) must be of type int, string given"
"warning 2: time_sleep_until(): Argument #1 ($timestamp) must be greater than or equal to the current time"
false
bool(true)
bool(true)
bool(true)
bool(true)
true
a sleeps, b runs, a wakes
cancelled
bool(true)
