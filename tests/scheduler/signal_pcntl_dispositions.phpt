--TEST--
Signals: in sync mode a pcntl handler waits for pcntl_signal_dispatch() as in stock PHP; a signal without a handler (SIGTERM, SIGINT) ends a process that waits in the scheduler, SIG_IGN ignores it, and a handler set back to SIG_DFL lets it end the process again
--EXTENSIONS--
pcntl
posix
--INI--
pcre.jit=0
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
    'handler calls exit()' => <<<'PHP'
        use function Async\{spawn, delay, await};
        pcntl_async_signals(true);
        pcntl_signal(SIGTERM, function () { echo "handler\n"; exit(7); });
        register_shutdown_function(function () { echo "shutdown function\n"; });
        echo "ready\n";
        try { await(spawn(fn() => delay(5000))); } finally { echo "main finally\n"; }
        PHP,
    'handler throws' => <<<'PHP'
        use function Async\{spawn, delay, await};
        pcntl_async_signals(true);
        pcntl_signal(SIGTERM, function () { throw new RuntimeException('from the handler'); });
        echo "ready\n";
        await(spawn(fn() => delay(5000)));
        PHP,
];
$signal = ['sync mode' => SIGUSR1, 'no handler, SIGINT' => SIGINT];
foreach ($cases as $name => $code) {
    [$output, $ended] = run_signal_child($code, [[$signal[$name] ?? SIGTERM, 0.15]]);
    $output = preg_replace('/Stack trace:.*/s', '', $output);
    echo "$name: ", str_replace("\n", ' ', trim($output)), " / $ended\n";
}
?>
--EXPECTF--
sync mode: ready waited handler / exit 0
no handler, SIGTERM: ready / killed by signal 15
no handler, SIGINT: ready / killed by signal 2
SIG_IGN: ready survived / exit 0
handler, then SIG_DFL: ready / killed by signal 15
handler calls exit(): ready handler main finally shutdown function / exit 7
handler throws: ready %AUncaught RuntimeException: from the handler in %s / exit 255
