--TEST--
Stream hooks: an accept loop whose listening socket always has connections queued lets the other coroutines run every 16 accepts (the connections it spawned are served while it accepts on), and the cancellation of an accept loop at that turn ends it without a warning
--FILE--
<?php
use function Async\{spawn, await, suspend};

// 200 connections queued before the server accepts: every accept finds one at once.
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 511]]));
$address = stream_socket_get_name($server, false);
$clients = [];
for ($i = 0; $i < 200; $i++) {
    $clients[] = stream_socket_client("tcp://$address");
}

$accepted = 0;
$servedAt = [];   // how many were accepted when each connection's coroutine first ran
$tickerAt = [];
spawn(function () use (&$accepted, &$tickerAt) {
    while ($accepted < 200) {
        $tickerAt[] = $accepted;
        suspend();
    }
});
$acceptor = spawn(function () use ($server, &$accepted, &$servedAt) {
    while ($accepted < 200) {
        $connection = stream_socket_accept($server, 5);
        $accepted++;
        spawn(function () use ($connection, &$accepted, &$servedAt) {
            $servedAt[] = $accepted;
            fclose($connection);
        });
    }
});
await($acceptor);
echo 'accepted: ', $accepted, "\n";
echo 'first connection served after at most 16 accepts: ', $servedAt[0] <= 16 ? 'yes' : "no ($servedAt[0])", "\n";
echo 'other coroutine ran during the accepts: ', count(array_filter($tickerAt, fn($n) => $n > 0 && $n < 200)) >= 10 ? 'yes' : 'no (' . implode(',', $tickerAt) . ')', "\n";
$most = 0;
for ($i = 1; $i < count($tickerAt); $i++) {
    $most = max($most, $tickerAt[$i] - $tickerAt[$i - 1]);
}
echo 'accepts between two turns of the other coroutine: ', $most <= 16 ? 'at most 16' : $most, "\n";
foreach ($clients as $client) {
    fclose($client);
}

// An accept loop cancelled while it lets the others run ends with the cancellation.
for ($i = 0; $i < 40; $i++) {
    $clients[$i] = stream_socket_client("tcp://$address");
}
$count = 0;
$loop = spawn(function () use ($server, &$count) {
    while (true) {
        $connection = stream_socket_accept($server, 5);
        $count++;
        fclose($connection);
    }
});
spawn(function () use ($loop, &$count) {
    while ($count < 1) {
        suspend();
    }
    $loop->cancel();
});
try {
    await($loop);
} catch (Async\AsyncCancellation $e) {
    echo 'cancelled at a turn it gave the others, before all 40 were accepted: ', $count < 40 ? 'yes' : "no ($count)", "\n";
}
// The connection accepted at that turn was closed with the call's result (PHP frees it).
$closed = 0;
for ($i = 0; $i < 40; $i++) {
    stream_set_blocking($clients[$i], false);
    fread($clients[$i], 1);
    $closed += feof($clients[$i]) ? 1 : 0;
}
echo 'closed by the server: those it served and the one accepted when cancelled: ', $closed === $count + 1 ? 'yes' : "no ($closed, $count)", "\n";

?>
--EXPECT--
accepted: 200
first connection served after at most 16 accepts: yes
other coroutine ran during the accepts: yes
accepts between two turns of the other coroutine: at most 16
cancelled at a turn it gave the others, before all 40 were accepted: yes
closed by the server: those it served and the one accepted when cancelled: yes
