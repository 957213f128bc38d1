--TEST--
Hooks: exec(), shell_exec(), popen() and proc_open() that fail at once in a coroutine (no descriptor free for their pipes) still go through the scheduler, so a loop that retries them lets the other coroutines run; the warnings are stock's
--SKIPIF--
<?php
if (PHP_OS_FAMILY !== 'Linux') die('skip Linux');
if (!is_executable('/bin/sh')) die('skip needs /bin/sh');
?>
--FILE--
<?php
$php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async']));
$child = <<<'PHP'
use function Async\{spawn, await, delay};

$calls = [
    'exec' => fn() => exec('true'),
    'shell_exec' => fn() => shell_exec('true'),
    'popen' => fn() => popen('true', 'r'),
    'proc_open' => fn() => proc_open(['true'], [1 => ['pipe', 'w']], $pipes),
];
delay(1); // the event loop starts (it needs descriptors too)
$held = [];
while (($f = @fopen('/dev/null', 'r')) !== false) {
    $held[] = $f;
}
foreach ($calls as $name => $call) {
    $ticks = 0;
    $ticker = spawn(function () use (&$ticks) {
        for ($i = 0; $i < 5; $i++) {
            delay(2);
            $ticks++;
        }
    });
    $retrying = spawn(function () use ($call, &$ticks) {
        $warning = null;
        set_error_handler(function ($type, $message) use (&$warning) { $warning ??= $message; return true; });
        while ($ticks < 5) { // without a switch the other coroutine would never run
            if ($call() !== false) {
                return "it ran?";
            }
        }
        restore_error_handler();
        return $warning;
    });
    echo "$name: ", await($retrying), "\n";
    await($ticker);
}
PHP;
$script = tempnam(sys_get_temp_dir(), 'execfail');
file_put_contents($script, "<?php\n" . $child);
passthru('/bin/sh -c ' . escapeshellarg("ulimit -n 64 && exec $php $script") . ' 2>&1', $status);
echo "exit status $status\n";
unlink($script);
?>
--EXPECTF--
exec: exec(): Unable to fork [true]
shell_exec: shell_exec(): Unable to execute 'true'
popen: popen(true,r): Too many open files
proc_open: proc_open(): Unable to create pipe Too many open files
exit status 0
