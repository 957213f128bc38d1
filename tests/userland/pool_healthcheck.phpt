--TEST--
Pool: the healthcheck runs on the idle resources only, in a coroutine (it may suspend), replaces broken ones up to min, stops at close(), and its timer does not keep the application alive
--FILE--
<?php
use Async\Pool;
use function Async\{spawn, await, delay, current_coroutine};

$next = 0;
$broken = [];
$checked = [];
$destroyed = [];
\Async\suspend();                                    // the script is a coroutine from here
$main = current_coroutine();
$pool = new Pool(
    factory: function () use (&$next) { return ++$next; },
    destructor: function ($r) use (&$destroyed) { $destroyed[] = $r; },
    healthcheck: function ($r) use (&$checked, &$broken, $main) {
        delay(1);                                    // a check may suspend (a ping)
        $checked[$r] = true;
        if (current_coroutine() === $main) echo "ERROR: the check ran in the main coroutine\n";
        return !in_array($r, $broken, true);
    },
    min: 2,
    max: 3,
    healthcheckInterval: 20,
);
$lent = $pool->acquire();                            // 1 is in use: never checked
$broken[] = 2;                                       // 2 is idle and broken
// Rounds come every 20 ms; under valgrind each takes far longer: wait until 2 was replaced.
$until = fn(callable $done) => (function () use ($done) {
    for ($deadline = hrtime(true) + 20e9; !$done() && hrtime(true) < $deadline;) delay(5);
})();
$until(fn() => in_array(2, $destroyed, true) && $next === 3);
var_dump(isset($checked[1]), isset($checked[2]), in_array(2, $destroyed, true));
// min 2 kept: 1 lent and 3, made for 2 (idle, or being checked: counted either way)
echo "count ", $pool->count(), ", made ", $next, "\n";
$pool->release($lent);

$pool->close();
$until(fn() => $pool->count() === 0);   // a check under way at close() ends, its resource destroyed
$checked = [];
delay(60);
var_dump($checked === [], $pool->count());

echo "-- a pool nobody closes: its timer does not keep the script alive\n";
$forgotten = new Pool(fn() => 1, healthcheck: fn($r) => true, min: 1, healthcheckInterval: 10);
$t0 = hrtime(true);
echo "end\n";
register_shutdown_function(function () use ($t0) {
    echo "shutdown after ", (hrtime(true) - $t0) / 1e9 < 5 ? "less than 5 s" : "too long", "\n";
});
?>
--EXPECT--
bool(false)
bool(true)
bool(true)
count 2, made 3
bool(true)
int(0)
-- a pool nobody closes: its timer does not keep the script alive
end
shutdown after less than 5 s
