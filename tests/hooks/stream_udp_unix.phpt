--TEST--
Stream hooks: udp, unix and udg transports inside coroutines (stream_socket_recvfrom/sendto and fread wait without blocking the others)
--SKIPIF--
<?php if (!in_array('unix', stream_get_transports())) die('skip no unix sockets'); ?>
--INI--
default_socket_timeout=10
--FILE--
<?php
use function Async\spawn;
use function Async\await;

$dir = sys_get_temp_dir() . '/async-stream-udp-unix-' . getmypid();
@mkdir($dir);

// udp: a server coroutine waits in recvfrom while clients send after a pause
$udp = stream_socket_server('udp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND);
$udpAddress = stream_socket_get_name($udp, false);
$udpServer = spawn(function () use ($udp) {
    $got = [];
    for ($i = 0; $i < 3; $i++) {
        $message = stream_socket_recvfrom($udp, 100, 0, $from);
        stream_socket_sendto($udp, "ack $message", 0, $from);
        $got[] = $message;
    }
    sort($got);
    return $got;
});
$udpClients = [];
for ($i = 0; $i < 3; $i++) {
    $udpClients[] = spawn(function () use ($i, $udpAddress) {
        $client = stream_socket_client("udp://$udpAddress");
        Async\delay(30 * $i);
        fwrite($client, "dgram$i");
        return fread($client, 100);
    });
}
foreach ($udpClients as $client) {
    echo await($client), "\n";
}
echo implode(',', await($udpServer)), "\n";

// unix stream sockets: accept and read wait
$path = "$dir/stream.sock";
$unix = stream_socket_server("unix://$path");
$unixServer = spawn(function () use ($unix) {
    $connection = stream_socket_accept($unix);
    $line = fgets($connection);
    fwrite($connection, strtoupper($line));
    fclose($connection);
});
$unixClient = spawn(function () use ($path) {
    Async\delay(30);
    $client = stream_socket_client("unix://$path");
    fwrite($client, "over a unix socket\n");
    return fgets($client);
});
echo await($unixClient);
await($unixServer);
var_dump(@stream_socket_client("unix://$dir/missing.sock", $errno, $errstr), $errno, $errstr);

// udg: recvfrom waits for a datagram sent later
$udgPath = "$dir/dgram.sock";
$udg = stream_socket_server("udg://$udgPath", $errno, $errstr, STREAM_SERVER_BIND);
$udgServer = spawn(fn() => stream_socket_recvfrom($udg, 100));
$udgClient = spawn(function () use ($udgPath) {
    Async\delay(30);
    $client = stream_socket_client("udg://$udgPath");
    return fwrite($client, 'unix datagram');
});
var_dump(await($udgClient), await($udgServer));

fclose($unix);
fclose($udg);
@unlink($path);
@unlink($udgPath);
@rmdir($dir);
?>
--EXPECT--
ack dgram0
ack dgram1
ack dgram2
dgram0,dgram1,dgram2
OVER A UNIX SOCKET
bool(false)
int(2)
string(25) "No such file or directory"
int(13)
string(13) "unix datagram"
