--TEST--
Hooks: stream_socket_server() inside a coroutine lets the other queued coroutines run once before it returns (TCP and UDP), as upstream's
--FILE--
<?php
use function Async\{spawn, await_all};

$server = spawn(function () {
    echo "tcp server: creating\n";
    $s = stream_socket_server("tcp://127.0.0.1:0");
    echo "tcp server: created\n";
    echo "udp server: creating\n";
    $u = stream_socket_server("udp://127.0.0.1:0", $errno, $errstr, STREAM_SERVER_BIND);
    echo "udp server: created\n";
    fclose($s); fclose($u);
});
$worker = spawn(function () {
    echo "worker: first run\n";
    Async\suspend();
    echo "worker: second run\n";
});
await_all([$server, $worker]);
$s = stream_socket_server("tcp://127.0.0.1:0");
echo "outside: created\n";
?>
--EXPECT--
tcp server: creating
worker: first run
tcp server: created
udp server: creating
worker: second run
udp server: created
outside: created
