--TEST--
Reactor exec inside a coroutine: ZEND_ASYNC_EXEC suspends only the calling coroutine (others run meanwhile); timeout and cancellation kill the command
--EXTENSIONS--
async_test
--FILE--
<?php
use function Async\{spawn, await, delay};
$ticks = 0;
$ticker = spawn(function () use (&$ticks) { for ($i = 0; $i < 100; $i++) { delay(10); $ticks++; } });
$runner = spawn(fn() => async_test_exec('shell_exec', 'sleep 0.5; echo done'));
$r = await($runner);
var_dump(trim($r['output'] ?? $r['return_value'] ?? ''), $r['exit_code'] ?? null);
// 500 ms of command: the ticker ran several times meanwhile (a blocking exec allows it at most one
// tick, after the command).
var_dump($ticks >= 3);
$ticker->cancel();

// 50 commands at once take about as long as one
$t = hrtime(true);
$cs = [];
for ($i = 0; $i < 50; $i++) $cs[] = spawn(fn($i) => async_test_exec('shell_exec', "sleep 0.2; echo $i"), $i);
$sum = 0;
foreach ($cs as $c) $sum += (int) trim(await($c)['output'] ?? await($c)['return_value']);
var_dump($sum, (hrtime(true) - $t) / 1e6 < 5000);

// the timeout kills the command
$t = hrtime(true);
try {
    await(spawn(fn() => async_test_exec('exec', 'sleep 5', null, null, 100)));
} catch (Async\TimeoutException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
var_dump((hrtime(true) - $t) / 1e6 < 3000);

// cancelling the coroutine kills the command too
$c = spawn(fn() => async_test_exec('exec', 'sleep 5'));
delay(50);
$c->cancel();
try { await($c); } catch (Async\AsyncCancellation $e) { echo "cancelled\n"; }
delay(50);
var_dump(async_test_has_children());
?>
--EXPECT--
string(4) "done"
int(0)
bool(true)
int(1225)
bool(true)
Async\TimeoutException: The command timed out after 100 ms
bool(true)
cancelled
bool(false)
