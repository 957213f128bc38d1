--TEST--
Stream hooks: a stream closed by one coroutine while others wait on it (fread, fgets, fwrite, stream_socket_accept, stream_socket_recvfrom): the waiters fail as on a closed socket, nothing touches freed memory
--INI--
default_socket_timeout=10
--FILE--
<?php
use function Async\spawn;
use function Async\await;

$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
$client = stream_socket_client("tcp://$address");
$peer = stream_socket_accept($server);

// a reader and a writer on one stream, a writer blocked on a full buffer of another
$readers = [
    spawn(fn() => fread($client, 10)),
    spawn(fn() => fwrite($client, 'x') && fread($peer, 1) === 'x' ? 'written' : 'lost'),
];
$full = stream_socket_client("tcp://$address");
$fullPeer = stream_socket_accept($server);
$writer = spawn(function () use ($full) {
    $chunk = str_repeat('z', 1 << 16);
    while (($n = fwrite($full, $chunk)) === strlen($chunk));
    return $n; // false, or what was sent of the last chunk before the close (send is tried first)
});
$accepter = spawn(fn() => stream_socket_accept($server));
$udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND);
$receiver = spawn(fn() => stream_socket_recvfrom($udp, 10));

$closer = spawn(function () use ($client, $full, $server, $udp) {
    Async\delay(50);
    var_dump(fclose($client), fclose($full), fclose($server), fclose($udp));
    echo "closed\n";
});

foreach ($readers as $reader) {
    var_dump(await($reader));
}
var_dump(await($writer));
var_dump(await($accepter));
var_dump(await($receiver));
await($closer);

// the peers see the end
var_dump(fread($peer, 10), feof($peer));
echo "done\n";
?>
--EXPECTF--
bool(false)
string(7) "written"

Notice: fwrite(): Send of %d bytes failed with errno=9 Bad file descriptor in %s on line %d
%r(bool\(false\)|int\(\d+\))%r

Warning: stream_socket_accept(): Accept failed: Bad file descriptor in %s on line %d
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
closed
bool(false)
string(0) ""
bool(true)
done
