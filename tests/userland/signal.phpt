--TEST--
Async\signal(): a Future completed with the Async\Signal case at the next delivery (from another process, while everything waits), failed by a Timeout (TimeoutException) or another token (AsyncCancellation), refused for SIGKILL; a dropped one lets the script end; a pcntl handler on the same signal runs too
--EXTENSIONS--
pcntl
posix
--SKIPIF--
<?php if (!is_executable('/bin/sh')) die('skip needs /bin/sh'); ?>
--FILE--
<?php
use Async\{Signal, Future, FutureState};
use function Async\{signal, await, spawn, delay, timeout};

echo implode(' ', array_map(fn($c) => "$c->name=$c->value", Signal::cases())), "\n";

// From another process, while the main script is the only one waiting (nothing else keeps the loop).
exec(sprintf('(sleep 0.1; kill -USR1 %d) >/dev/null 2>&1 &', getmypid()));
$t = microtime(true);
$got = await(signal(Signal::SIGUSR1));
printf("received %s within 1 s: %s\n", $got->name, microtime(true) - $t < 1 ? 'yes' : 'no');

// Two Futures for one signal both complete; one for another signal does not.
$a = signal(Signal::SIGUSR2);
$b = signal(Signal::SIGUSR2);
$other = signal(Signal::SIGHUP);
spawn(function () { delay(10); posix_kill(getmypid(), SIGUSR2); });
echo "both: ", await($a)->name, " ", await($b)->name, ", other completed: ", var_export($other->isCompleted(), true), "\n";
$other->ignore();
unset($other);

try {
    await(signal(Signal::SIGUSR1, timeout(30)));
} catch (Async\TimeoutException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}

$state = new FutureState();
$token = new Future($state);
$pending = signal(Signal::SIGUSR1, $token);
spawn(function () use ($state) { delay(10); $state->error(new RuntimeException('stop waiting')); });
try {
    await($pending);
} catch (Async\AsyncCancellation $e) {
    echo get_class($e), ": ", $e->getMessage(), " (previous: ", $e->getPrevious()->getMessage(), ")\n";
}
$token->ignore();

$done = new FutureState();
$done->complete(1);
try {
    await(signal(Signal::SIGUSR1, new Future($done)));
} catch (Async\AsyncCancellation $e) {
    echo "completed token: ", $e->getMessage(), "\n";
}

try {
    signal(Signal::SIGKILL);
} catch (Async\AsyncException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}

// A pcntl handler on the same signal runs too, and stays in place afterwards.
pcntl_async_signals(true);
$pcntl = 0;
pcntl_signal(SIGUSR1, function () use (&$pcntl) { $pcntl++; });
$f = signal(Signal::SIGUSR1);
exec(sprintf('(sleep 0.05; kill -USR1 %d) >/dev/null 2>&1 &', getmypid()));
echo "with pcntl: ", await($f)->name;
delay(10);
echo ", pcntl handler calls: $pcntl\n";
posix_kill(getmypid(), SIGUSR1);
echo "pcntl handler alone: $pcntl\n";

// Dropped without being awaited: the loop is not kept alive by it.
$dropped = signal(Signal::SIGUSR2)->ignore();
unset($dropped);
delay(5);
echo "end\n";
?>
--EXPECT--
SIGHUP=1 SIGINT=2 SIGQUIT=3 SIGILL=4 SIGABRT=6 SIGFPE=8 SIGKILL=9 SIGUSR1=10 SIGSEGV=11 SIGUSR2=12 SIGTERM=15 SIGBREAK=21 SIGABRT2=22 SIGWINCH=28
received SIGUSR1 within 1 s: yes
both: SIGUSR2 SIGUSR2, other completed: false
Async\TimeoutException: Signal wait timed out
Async\AsyncCancellation: Signal wait cancelled (previous: stop waiting)
completed token: Signal wait cancelled
Async\AsyncException: Cannot watch signal 9: SIGKILL and SIGSTOP cannot be caught
with pcntl: SIGUSR1, pcntl handler calls: 1
pcntl handler alone: 2
end
