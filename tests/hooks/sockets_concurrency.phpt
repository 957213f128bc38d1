--TEST--
Hooks: ext/sockets in coroutines (accept, connect, read, write, recv, send, recvfrom, sendto, select) waits through the reactor while other coroutines run
--EXTENSIONS--
sockets
--FILE--
<?php
use function Async\{spawn, await, delay};

$ticks = 0;
$done = false;
$ticker = spawn(function () use (&$ticks, &$done) { while (!$done) { delay(20); $ticks++; } });

$server = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_bind($server, '127.0.0.1', 0);
socket_listen($server);
socket_getsockname($server, $addr, $port);

$serving = spawn(function () use ($server, &$ticks) {
    $conn = socket_accept($server);               // waits ~100 ms for the client
    $seen = $ticks;
    $line = socket_read($conn, 100);
    socket_write($conn, strtoupper($line));
    socket_recv($conn, $buf, 100, 0);             // waits for the second message
    socket_send($conn, "got $buf", 100, 0);
    socket_close($conn);
    return [$seen > 0, $line, $buf];
});
$client = spawn(function () use ($port) {
    delay(100);
    $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
    $ok = socket_connect($s, '127.0.0.1', $port);
    socket_write($s, "hello");
    $reply = socket_read($s, 100);
    delay(50);
    socket_send($s, "again", 5, 0);
    socket_recv($s, $reply2, 100, MSG_WAITALL);
    socket_close($s);
    return [$ok, $reply, $reply2];
});
echo json_encode(await($serving)), "\n", json_encode(await($client)), "\n";

// UDP: recvfrom waits for a datagram sent 100 ms later
$udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
socket_bind($udp, '127.0.0.1', 0);
socket_getsockname($udp, $uaddr, $uport);
$receiver = spawn(function () use ($udp, &$ticks) {
    $before = $ticks;
    $n = socket_recvfrom($udp, $buf, 100, 0, $from, $fromPort);
    return [$n, $buf, $from, $ticks > $before];
});
spawn(function () use ($uport) {
    delay(100);
    $s = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
    socket_sendto($s, "datagram", 8, 0, '127.0.0.1', $uport);
    socket_close($s);
});
echo json_encode(await($receiver)), "\n";

// socket_select: keys kept, the ready one only, then a timeout
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
$selecting = spawn(function () use ($pair, $udp, &$ticks) {
    $r = ['udp' => $udp, 'pair' => $pair[0]]; $w = null; $e = null;
    $n = socket_select($r, $w, $e, 5);
    $first = [$n, array_keys($r), socket_read($pair[0], 10)];
    $before = $ticks; $t = hrtime(true);
    $r = ['pair' => $pair[0]]; $w = []; $e = null;
    $n = socket_select($r, $w, $e, 0, 150000);
    return [$first, [$n, $r, $w, (hrtime(true) - $t) / 1e6 >= 140, $ticks > $before]];
});
spawn(function () use ($pair) { delay(80); socket_write($pair[1], "ping"); });
echo json_encode(await($selecting)), "\n";
$done = true;
await($ticker);
?>
--EXPECT--
[true,"hello","again"]
[true,"HELLO","got again"]
[8,"datagram","127.0.0.1",true]
[[1,["pair"],"ping"],[0,[],[],true,true]]
