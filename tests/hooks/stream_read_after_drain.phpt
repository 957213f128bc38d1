--TEST--
Stream hooks: a read after one that drained the socket waits first (no failing recv): data already queued by then is read at once, data that comes later wakes it, a timeout and the end of the stream are reported as before; datagram sockets keep reading first
--INI--
default_socket_timeout=10
--FILE--
<?php
use function Async\{spawn, await, delay};

$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);

$log = [];
$reader = spawn(function () use ($server, &$log) {
    $c = stream_socket_accept($server);
    // a short read: the socket is drained, the next read waits first
    $log[] = fgets($c);
    // meanwhile the peer queues two lines: the wait must see them at once
    delay(50);
    $t = hrtime(true);
    $log[] = fgets($c);
    $log[] = fgets($c);
    $log[] = "queued data read without waiting for more: " . ((hrtime(true) - $t) / 1e6 < 1000 ? "yes" : "no");
    // nothing queued: the wait ends when the peer writes
    $log[] = fgets($c);
    // a timeout after a drained read is PHP's timeout
    stream_set_timeout($c, 0, 100000);
    $r = fgets($c);
    $log[] = "timed out: " . var_export($r, true) . ", " . var_export(stream_get_meta_data($c)['timed_out'], true);
    stream_set_timeout($c, 10);
    // the end of the stream after a drained read
    $log[] = fgets($c);
    $log[] = "at the end: " . var_export(fgets($c), true) . ", feof " . var_export(feof($c), true);
    fclose($c);
});

$peer = spawn(function () use ($address) {
    $c = stream_socket_client("tcp://$address");
    delay(10);                     // the reader waits for the first line
    fwrite($c, "first\n");
    delay(10);
    fwrite($c, "second\nthird\n"); // queued before the reader reads again
    delay(100);
    fwrite($c, "fourth\n");
    delay(300);                    // the reader times out meanwhile
    fwrite($c, "fifth\n");
    delay(20);
    fclose($c);
});
await($peer);
await($reader);
echo implode("", array_map(fn($l) => str_ends_with($l, "\n") ? $l : "$l\n", $log));

// Datagrams: a short read says nothing of what is queued; each one is still read at once.
$udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND);
$udp_address = stream_socket_get_name($udp, false);
$got = await(spawn(function () use ($udp, $udp_address) {
    $sender = stream_socket_client("udp://$udp_address");
    fwrite($sender, "one");
    fwrite($sender, "two");
    fwrite($sender, "three");
    $out = [];
    for ($i = 0; $i < 3; $i++) $out[] = fread($udp, 100);
    return implode(",", $out);
}));
echo "datagrams: $got\n";
?>
--EXPECT--
first
second
third
queued data read without waiting for more: yes
fourth
timed out: false, true
fifth
at the end: false, feof true
datagrams: one,two,three
