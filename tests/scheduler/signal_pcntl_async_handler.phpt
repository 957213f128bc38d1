--TEST--
Signals: with pcntl_async_signals(true), a pcntl_signal() handler runs as soon as a signal from outside arrives while every coroutine and the main script wait in the scheduler (accept, read, sleep, delay, Channel::recv, await), in a coroutine of its own that may itself wait
--EXTENSIONS--
pcntl
posix
--SKIPIF--
<?php if (!is_executable('/bin/sh')) die('skip needs /bin/sh'); ?>
--FILE--
<?php
use function Async\{spawn, await, delay};

pcntl_async_signals(true);
$got = null;
$to_cancel = [];
pcntl_signal(SIGUSR1, function (int $signo) use (&$got, &$to_cancel) {
    $got = microtime(true);
    delay(1);                      // the handler runs in a coroutine: it may wait
    foreach ($to_cancel as $co) { $co->cancel(); }
});

// Another process sends the signal, so no PHP code of ours runs when it arrives.
function kill_later(float $seconds): void {
    exec(sprintf('(sleep %.2f; kill -USR1 %d) >/dev/null 2>&1 &', $seconds, getmypid()));
}

$server = stream_socket_server('tcp://127.0.0.1:0');
$client = stream_socket_client('tcp://' . stream_socket_get_name($server, false));
$peer = stream_socket_accept($server);

$waits = [
    'accept'  => fn() => @stream_socket_accept($server, 3),
    'read'    => fn() => fread($peer, 10),
    'sleep'   => fn() => sleep(3),
    'delay'   => fn() => delay(3000),
    'channel' => function () use (&$to_cancel) { $ch = new Async\Channel(); $to_cancel[] = spawn(function () use ($ch) { delay(3000); $ch->send(1); }); return $ch->recv(); },
    'await'   => function () use (&$to_cancel) { return await($to_cancel[] = spawn(fn() => delay(3000))); },
];
foreach ($waits as $kind => $wait) {
    $got = null;
    $to_cancel = [$waiter = spawn(function () use ($wait) { $wait(); })];
    $sent = microtime(true);
    kill_later(0.1);
    // The main script waits too: in await() for the waiter, which ends when the handler cancels it.
    try { await($waiter); } catch (Async\AsyncCancellation $e) {}
    $late = $got - $sent;
    printf("%-8s handler ran within 1 s: %s\n", $kind, $late < 1.0 ? 'yes' : "no ($late s)");
    if ($kind === 'read') { fwrite($client, "x"); }
}
echo "done\n";
?>
--EXPECT--
accept   handler ran within 1 s: yes
read     handler ran within 1 s: yes
sleep    handler ran within 1 s: yes
delay    handler ran within 1 s: yes
channel  handler ran within 1 s: yes
await    handler ran within 1 s: yes
done
