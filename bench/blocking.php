<?php
// PHP's blocking built-ins at scale: N coroutines each making one call at once, against the same
// N calls one after another. Part of bench/run.sh, which starts a throwaway MariaDB for the last row.
//   php -d extension=async [-d extension=mysqli] bench/blocking.php [mysql socket]
// Prints one line per workload:
//   row <name> <n> <concurrent ms> <serial ms> <serial calls timed>
//   skip <name> <why>
// The serial time is measured on up to N calls, stopping after about half a second, and scaled to N.
// A workload whose function is not hooked yet is skipped: the test is whether another coroutine runs
// while one coroutine is inside the call (a hook suspends the caller; PHP's own function blocks all).
use function Async\{spawn, await, suspend, delay};

function ms(int $t): float { return (hrtime(true) - $t) / 1e6; }

/* True when another coroutine ran while one was inside $call. */
function is_hooked(callable $call): bool
{
    $ticks = 0;
    $done = false;
    // The ticker waits for a 0 ms timer between ticks, so it ticks on every reactor turn, and even a
    // short suspension of the caller shows. Not bare suspend() calls: they would keep the run queue
    // from ever being empty, and the scheduler only polls the reactor then (the caller would starve).
    $ticker = spawn(function () use (&$ticks, &$done) { while (!$done) { $ticks++; delay(0); } });
    $caller = spawn(function () use ($call, &$ticks, &$done) {
        suspend(); // the ticker is running now
        $before = $ticks;
        $call(0);
        $done = true;
        return $ticks > $before;
    });
    $hooked = await($caller);
    await($ticker);
    return $hooked;
}

/* Runs one workload and prints its line. $call receives the index of the call (0..n-1). */
function workload(string $name, int $n, callable $call): void
{
    if (!is_hooked($call)) {
        echo "skip $name not hooked yet (no other coroutine ran during the call)\n";
        return;
    }
    $t = hrtime(true);
    $cs = [];
    for ($i = 0; $i < $n; $i++) $cs[] = spawn($call, $i);
    foreach ($cs as $c) await($c);
    $concurrent = ms($t);

    $t = hrtime(true);
    for ($k = 0; $k < $n && ($k === 0 || ms($t) < 500); $k++) $call($k);
    $serial = ms($t) * $n / $k;
    printf("row %s %d %.1f %.1f %d\n", $name, $n, $concurrent, $serial, $k);
}

$socket = $argv[1] ?? '';

workload('sleep(1)', 1000, fn() => sleep(1));
workload('usleep(100000)', 1000, fn() => usleep(100000));
workload("shell_exec('sleep 0.1')", 100, fn() => shell_exec('sleep 0.1'));
// /etc/hosts answers: the time of a lookup is the resolver's own work, no network wait to overlap.
workload("gethostbyname('localhost')", 100, fn() => gethostbyname('localhost'));

if ($socket === '') {
    echo "skip MariaDB no server (bench/run.sh starts a throwaway one when mariadbd is installed)\n";
} elseif (!extension_loaded('mysqli')) {
    echo "skip MariaDB the mysqli extension is not loaded\n";
} else {
    // One connection per coroutine, opened before the clock starts: the query is what is measured.
    $n = 50;
    $links = [];
    for ($i = 0; $i < $n; $i++) $links[] = new mysqli('localhost', 'root', '', '', 0, $socket);
    workload("MariaDB SELECT SLEEP(0.1)", $n, fn($i) => $links[$i]->query('SELECT SLEEP(0.1)')->free());
}
