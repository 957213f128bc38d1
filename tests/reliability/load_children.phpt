--TEST--
Reliability (load): 1,000 child processes in waves of 50 coroutines (exec, shell_exec, proc_open, popen in turn): each gives its output and exit code, no descriptor and no zombie is left, memory does not grow from wave 2 on
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip load test: not under valgrind');
if (!is_dir('/proc/self/fd')) die('skip needs /proc/self/fd');
?>
--FILE--
<?php
require __DIR__ . '/figures.inc';
use function Async\{spawn, await_all};
function fds(): int { return count(scandir('/proc/self/fd')) - 2; }
function zombies(): int {
    $n = 0;
    foreach (glob('/proc/[0-9]*/stat') as $stat) {
        $s = @file_get_contents($stat);
        if ($s !== false && preg_match('/^\d+ \(.*\) Z (\d+)/', $s, $m) && (int) $m[1] === getmypid()) $n++;
    }
    return $n;
}
Async\await(Async\spawn(fn() => exec('true'))); // the reactor's own descriptors (its loop, the child watcher) exist before the count
$fds = fds();
$wrong = 0; $memory = [];
$started = hrtime(true);
for ($wave = 0; $wave < 20; $wave++) {
    $before = memory_get_usage();
    $cs = [];
    for ($i = 0; $i < 50; $i++) {
        $k = $wave * 50 + $i;
        $cs[] = spawn(function () use ($k, &$wrong) {
            switch ($k % 4) {
                case 0:
                    exec("echo $k; exit " . ($k % 7), $out, $code);
                    $ok = $out === ["$k"] && $code === $k % 7;
                    break;
                case 1:
                    $ok = shell_exec("echo $k") === "$k\n";
                    break;
                case 2:
                    $p = proc_open(['sh', '-c', "read x; echo \${x}$k; exit 3"], [['pipe', 'r'], ['pipe', 'w']], $pipes);
                    fwrite($pipes[0], "in\n"); fclose($pipes[0]);
                    $got = stream_get_contents($pipes[1]); fclose($pipes[1]);
                    $ok = $got === "in$k\n" && proc_close($p) === 3;
                    break;
                default:
                    $h = popen("echo $k", 'r');
                    $got = stream_get_contents($h);
                    $ok = $got === "$k\n" && pclose($h) === 0;
            }
            if (!$ok) $wrong++;
        });
    }
    await_all($cs);
    unset($cs);
    $memory[] = memory_get_usage() - $before;
}
figure("1,000 children in %.2f s\n", (hrtime(true) - $started) / 1e9);
echo "$wrong wrong\n";
var_dump(fds() === $fds, zombies());
var_dump(max(array_slice($memory, 2)) <= 16 * 1024);
?>
--EXPECT--
0 wrong
bool(true)
int(0)
bool(true)
