<?php
// A TCP echo server: one coroutine per connection, written as plain blocking code
// (stream_socket_accept, fgets, fwrite). Inside coroutines these calls wait without blocking
// the others.
//
//   php -d extension=async examples/echo_server.php [host] [port] [max-connections]
//
// Port 0 picks a free port; the address is printed. With max-connections the server stops after
// serving that many connections (the demo uses it), otherwise it runs until killed.
use function Async\spawn;

$host = $argv[1] ?? '127.0.0.1';
$port = (int) ($argv[2] ?? 8000);
$limit = isset($argv[3]) ? (int) $argv[3] : PHP_INT_MAX;

$server = stream_socket_server("tcp://$host:$port", $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "cannot listen on $host:$port: $errstr\n");
    exit(1);
}
echo 'echo server listening on ', stream_socket_get_name($server, false), "\n";

spawn(function () use ($server, $limit) {
    for ($served = 0; $served < $limit; $served++) {
        $connection = stream_socket_accept($server, -1, $peer);
        if ($connection === false) {
            continue;
        }
        spawn(function () use ($connection) {
            while (($line = fgets($connection)) !== false) {
                fwrite($connection, $line);
            }
            fclose($connection);
        });
    }
    fclose($server);
});
