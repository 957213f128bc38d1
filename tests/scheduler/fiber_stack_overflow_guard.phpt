--TEST--
Coroutine contexts: a C stack overflow in a coroutine still hits a guard (SIGSEGV, as in a Fiber) when its guard page is a guard region merged with its stack and other coroutines' stacks lie next to it
--SKIPIF--
<?php
if (PHP_OS_FAMILY !== 'Linux') die('skip Linux');
?>
--FILE--
<?php
$php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async',
    '-d', 'async.fiber_stack_size=64K', '-d', 'zend.max_allowed_stack_size=-1' /* PHP 8.3+: no check before the guard */]));
$child = <<<'PHP'
use function Async\{spawn, await, delay};
// recursion through an internal function: each level takes some C stack (about 0.7 KiB), so 200
// levels overflow a 64 KiB stack by less than the stacks of the coroutines mapped below it
function deeper(int $n): int { return $n >= 200 ? $n : array_map('deeper', [$n + 1])[0]; }
$go = new Async\FutureState();
$goFuture = new Async\Future($go);
// its stack is mapped first, the neighbours' below it, where an overflow goes
$deep = spawn(function () use ($goFuture) { await($goFuture); return deeper(0); });
delay(1);
$neighbours = [];
for ($i = 0; $i < 8; $i++) {
    $neighbours[] = spawn(function () { delay(200); return "neighbour ended"; });
}
delay(1);
echo "neighbours suspended\n";
$go->complete();
// without a guard the recursion would return, having written over the neighbours' stacks
$depth = await($deep);
echo "recursion returned $depth\n";
echo await($neighbours[0]), "\n";
PHP;
$script = tempnam(sys_get_temp_dir(), 'overflow');
file_put_contents($script, "<?php\n" . $child);
$process = proc_open("exec $php $script", [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
fclose($pipes[1]);
fclose($pipes[2]);
while (($status = proc_get_status($process))['running']) {
    usleep(10000);
}
proc_close($process);
unlink($script);
// PHP 8.3+ checks the C stack against each coroutine's own limit (zend.max_allowed_stack_size=-1
// turns the check off for the main stack only, as for a Fiber): the recursion ends in that Error,
// before the guard. PHP 8.2 has no such check: the guard must stop it, with SIGSEGV.
echo strtok($out, "\n"), "\n";
if (PHP_VERSION_ID >= 80300) {
    $stopped = preg_match('/^Fatal error: Uncaught Error: Maximum call stack size of \d+ bytes/m', $out)
        && !$status['signaled'] && $status['exitcode'] === 255;
} else {
    $stopped = $status['signaled'] && $status['termsig'] === 11;
}
// (without a guard the process may still die later, of the neighbours' overwritten stacks)
$stopped = $stopped && strpos($out, 'recursion returned') === false;
echo $stopped ? "stopped before it reached the neighbours\n" : "not stopped as expected:\n$out\n" . var_export($status, true) . "\n";
?>
--EXPECT--
neighbours suspended
stopped before it reached the neighbours
