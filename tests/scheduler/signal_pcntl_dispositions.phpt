--TEST--
Signals: in sync mode a pcntl handler waits for pcntl_signal_dispatch() as in stock PHP; a signal without a handler (SIGTERM, SIGINT) ends a process that waits in the scheduler, SIG_IGN ignores it, and a handler set back to SIG_DFL lets it end the process again
--EXTENSIONS--
pcntl
posix
--FILE--
<?php
require __DIR__ . '/signal_child.inc';

$cases = [
    'sync mode' => <<<'PHP'
        use function Async\{spawn, delay, await};
        pcntl_signal(SIGUSR1, function () { echo "handler\n"; });
        echo "ready\n";
        await(spawn(fn() => delay(400)));
        echo "waited\n";
        pcntl_signal_dispatch();
        PHP,
    'no handler, SIGTERM' => <<<'PHP'
        use function Async\{spawn, delay, await};
        pcntl_async_signals(true);
        pcntl_signal(SIGUSR2, function () {});   // another signal has one
        echo "ready\n";
        await(spawn(fn() => delay(5000)));
        echo "not ended\n";
        PHP,
    'no handler, SIGINT' => <<<'PHP'
        use function Async\{spawn, delay, await};
        echo "ready\n";
        await(spawn(fn() => delay(5000)));
        echo "not ended\n";
        PHP,
    'SIG_IGN' => <<<'PHP'
        use function Async\{spawn, delay, await};
        pcntl_signal(SIGTERM, SIG_IGN);
        echo "ready\n";
        await(spawn(fn() => delay(500)));
        echo "survived\n";
        PHP,
    'handler, then SIG_DFL' => <<<'PHP'
        use function Async\{spawn, delay, await};
        pcntl_async_signals(true);
        pcntl_signal(SIGTERM, function () { echo "handler\n"; });
        delay(20);                              // a wait with the handler in place
        pcntl_signal(SIGTERM, SIG_DFL);
        echo "ready\n";
        await(spawn(fn() => delay(5000)));
        echo "not ended\n";
        PHP,
];
$signal = ['sync mode' => SIGUSR1, 'no handler, SIGINT' => SIGINT];
foreach ($cases as $name => $code) {
    [$output, $ended] = run_signal_child($code, [[$signal[$name] ?? SIGTERM, 0.15]]);
    echo "$name: ", str_replace("\n", ' ', trim($output)), " / $ended\n";
}
?>
--EXPECT--
sync mode: ready waited handler / exit 0
no handler, SIGTERM: ready / killed by signal 15
no handler, SIGINT: ready / killed by signal 2
SIG_IGN: ready survived / exit 0
handler, then SIG_DFL: ready / killed by signal 15
