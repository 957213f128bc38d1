--TEST--
Exec hooks: a pcntl_signal(SIGCHLD) installed by another coroutine while exec() waits for its command (it takes SIGCHLD from libuv's child watcher) does not leave exec() waiting for ever; the handler is called
--EXTENSIONS--
pcntl
--SKIPIF--
<?php if (!is_executable('/bin/sh')) die('skip needs /bin/sh'); ?>
--FILE--
<?php
use function Async\{spawn, await, delay, timeout};

pcntl_async_signals(true);
$calls = 0;
$command = spawn(fn() => exec('sleep 0.3; echo done'));
spawn(function () use (&$calls) {
    delay(50);
    pcntl_signal(SIGCHLD, function () use (&$calls) { $calls++; });
});
try {
    echo "exec: ", await($command, timeout(5000)), "\n";
} catch (Async\OperationCanceledException $e) {
    echo "exec still waiting after 5 s\n";
    $command->cancel();
}
delay(20);
echo "SIGCHLD handler called: ", $calls >= 1 ? 'yes' : 'no', "\n";
?>
--EXPECT--
exec: done
SIGCHLD handler called: yes
