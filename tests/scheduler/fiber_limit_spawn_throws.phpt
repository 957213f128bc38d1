--TEST--
Coroutine contexts: when the process's limits leave no room for another coroutine's C stack (RLIMIT_AS here), spawn() throws a catchable AsyncException in the spawner; the script goes on, the coroutines already spawned finish, shutdown functions run, the exit code is 0; a stack that cannot be mapped at all fails in spawn() too
--SKIPIF--
<?php
if (PHP_OS_FAMILY !== 'Linux') die('skip Linux: ulimit -v and /proc');
if (!is_executable('/bin/sh')) die('skip needs /bin/sh');
?>
--FILE--
<?php
$php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async']));

$child = <<<'PHP'
use function Async\{spawn, await, await_all};

register_shutdown_function(function () { echo "shutdown function ran\n"; });
$gate = new Async\FutureState();
$future = new Async\Future($gate);
$waiting = [];
try {
    for ($i = 0; $i < 100000; $i++) {
        $waiting[] = spawn(function () use ($future) { return await($future) + 1; });
        if ($i % 50 === 0) {
            Async\delay(0); // let them start: each holds a C stack while it waits
        }
    }
    echo "no limit reached\n";
} catch (Async\AsyncException $e) {
    echo get_class($e), ": ", preg_replace('/\d+/', 'N', $e->getMessage()), "\n";
    echo "refused after ", count($waiting) >= 20 ? "at least 20" : count($waiting), " coroutines\n";
}
$gate->complete(41);
[$results] = await_all($waiting);
echo count($results) === count($waiting) && array_sum($results) === 42 * count($waiting) ? "all finished\n" : "missing results\n";
// with those ended, there is room again
echo await(spawn(fn() => "spawned again")), "\n";
PHP;

$script = tempnam(sys_get_temp_dir(), 'limit');
file_put_contents($script, "<?php\n" . $child);
// 160 MiB more than the PHP process needs to start: room for some dozens of 2 MiB stacks
passthru('/bin/sh -c ' . escapeshellarg("ulimit -v 230000 && exec $php $script") . ' 2>&1', $status);
echo "exit status $status\n";

$huge = <<<'PHP'
register_shutdown_function(function () { echo "shutdown function ran\n"; });
try {
    Async\spawn(fn() => 1);
} catch (Async\AsyncException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
    echo "previous: ", get_class($e->getPrevious()), "\n";
}
ini_set('async.fiber_stack_size', '256K');
echo Async\await(Async\spawn(fn() => "with a smaller stack it runs")), "\n";
PHP;
file_put_contents($script, "<?php\n" . $huge);
// larger than any x86-64 or arm64 process's address space: mmap() always fails
passthru("$php -d async.fiber_stack_size=1000000G $script 2>&1", $status);
echo "exit status $status\n";
unlink($script);
?>
--EXPECTF--
Async\AsyncException: Cannot spawn a coroutine: N are alive, and their C stacks (N KiB each) could take more address space than the process may have (RLIMIT_AS = N MiB, N MiB in use, N MiB kept for the rest of the process); raise it (ulimit -v), lower async.fiber_stack_size or let coroutines end first
refused after at least 20 coroutines
all finished
spawned again
shutdown function ran
exit status 0
Async\AsyncException: Cannot spawn a coroutine: its C stack (1048576000000 KiB) could not be mapped (Fiber stack allocate failed: mmap failed: Cannot allocate memory (12))
previous: Exception
with a smaller stack it runs
shutdown function ran
exit status 0
