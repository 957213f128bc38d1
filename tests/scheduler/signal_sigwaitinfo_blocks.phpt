--TEST--
Signals: pcntl_sigwaitinfo()/pcntl_sigtimedwait() in a coroutine block the whole process as in stock PHP (they are not hooked): another coroutine's 50 ms delay ends only after the signal came
--EXTENSIONS--
pcntl
--SKIPIF--
<?php if (!is_executable('/bin/sh')) die('skip needs /bin/sh'); ?>
--FILE--
<?php
use function Async\{spawn, await, delay};

$start = microtime(true);
$other = spawn(function () use ($start) { delay(50); return microtime(true) - $start; });
$waiter = spawn(function () {
    pcntl_sigprocmask(SIG_BLOCK, [SIGUSR1]);
    exec(sprintf('(sleep 0.4; kill -USR1 %d) >/dev/null 2>&1 &', getmypid()));
    $signo = pcntl_sigtimedwait([SIGUSR1], $info, 5);
    pcntl_sigprocmask(SIG_UNBLOCK, [SIGUSR1]);
    return $signo;
});
echo "signal: ", await($waiter) === SIGUSR1 ? 'SIGUSR1' : 'other', "\n";
echo "the 50 ms delay waited for the signal: ", await($other) >= 0.35 ? 'yes' : 'no', "\n";
?>
--EXPECT--
signal: SIGUSR1
the 50 ms delay waited for the signal: yes
