--TEST--
Async\signal(): a pcntl_signal() for the same signal installed while the Future waits (it takes the signal from the reactor) does not stop the Future from completing: the reactor takes the signal back before it waits, and both run
--EXTENSIONS--
pcntl
posix
--SKIPIF--
<?php if (!is_executable('/bin/sh')) die('skip needs /bin/sh'); ?>
--FILE--
<?php
use Async\Signal;
use function Async\{signal, await, delay, timeout};

pcntl_async_signals(true);
$f = signal(Signal::SIGUSR1);
delay(10);                          // the loop ran with the signal event holding SIGUSR1
pcntl_signal(SIGUSR1, function () { echo "pcntl handler\n"; });
exec(sprintf('(sleep 0.1; kill -USR1 %d) >/dev/null 2>&1 &', getmypid()));
try {
    $name = await($f, timeout(3000))->name;
    echo "Future: $name\n";
} catch (Async\OperationCanceledException $e) {
    echo "Future never completed\n";
}
delay(10);
echo "end\n";
?>
--EXPECTREGEX--
(pcntl handler\nFuture: SIGUSR1|Future: SIGUSR1\npcntl handler)\nend
