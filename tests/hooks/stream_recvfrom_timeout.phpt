--TEST--
Hooks: inside a coroutine stream_socket_recvfrom() on a UDP socket waits at most the stream's timeout (false, timed_out set), while the other coroutines run; a datagram that comes in time is received and clears timed_out
--FILE--
<?php
use function Async\{spawn, await, delay};

$server = stream_socket_server("udp://127.0.0.1:0", $errno, $errstr, STREAM_SERVER_BIND);
$address = stream_socket_get_name($server, false);
stream_set_timeout($server, 0, 200000);

$ticks = 0;
$ticker = spawn(function () use (&$ticks) { for ($i = 0; $i < 5; $i++) { delay(20); $ticks++; } });
$result = await(spawn(function () use ($server) {
    $t = hrtime(true);
    $data = stream_socket_recvfrom($server, 100, 0, $peer);
    $ms = (hrtime(true) - $t) / 1e6;
    return [$data, stream_get_meta_data($server)['timed_out'], $ms >= 150 && $ms < 3000];
}));
var_dump($result, $ticks >= 3);
await($ticker);

spawn(function () use ($address) {
    delay(50);
    $client = stream_socket_client("udp://$address");
    stream_socket_sendto($client, "ping");
});
$result = await(spawn(function () use ($server) {
    return [stream_socket_recvfrom($server, 100, 0, $peer), stream_get_meta_data($server)['timed_out']];
}));
var_dump($result);
?>
--EXPECT--
array(3) {
  [0]=>
  bool(false)
  [1]=>
  bool(true)
  [2]=>
  bool(true)
}
bool(true)
array(2) {
  [0]=>
  string(4) "ping"
  [1]=>
  bool(false)
}
