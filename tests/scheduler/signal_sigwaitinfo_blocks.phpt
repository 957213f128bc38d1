--TEST--
Signals: pcntl_sigwaitinfo()/pcntl_sigtimedwait() in a coroutine block the whole process as in stock PHP (they are not hooked): another coroutine's 50 ms delay ends only after the signal came
--EXTENSIONS--
pcntl
--SKIPIF--
<?php if (!is_executable('/bin/sh')) die('skip needs /bin/sh'); ?>
--FILE--
<?php
use function Async\{spawn, await, delay};

$other = null;
$waiter = spawn(function () use (&$other) {
    pcntl_sigprocmask(SIG_BLOCK, [SIGUSR1]);
    exec(sprintf('(sleep 1; kill -USR1 %d) >/dev/null 2>&1 &', getmypid()));
    $other = spawn(function () { $start = microtime(true); delay(50); return microtime(true) - $start; });
    Async\suspend();                  // the other coroutine starts its 50 ms delay
    $signo = pcntl_sigtimedwait([SIGUSR1], $info, 5);
    pcntl_sigprocmask(SIG_UNBLOCK, [SIGUSR1]);
    return $signo;
});
echo "signal: ", await($waiter) === SIGUSR1 ? 'SIGUSR1' : 'other', "\n";
echo "the 50 ms delay waited for the signal: ", await($other) >= 0.3 ? 'yes' : 'no', "\n";
?>
--EXPECT--
signal: SIGUSR1
the 50 ms delay waited for the signal: yes
