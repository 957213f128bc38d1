<?php
// A minimal HTTP/1.1 server answering "Hello, world!": one coroutine per connection,
// keep-alive, written as plain blocking code. An optional delay per response simulates work
// (a database call, say) to show that slow requests do not hold up the others.
//
//   php -d extension=async examples/http_server.php [host] [port] [delay-ms] [max-connections]
//
// Port 0 picks a free port; the address is printed.
use function Async\{spawn, delay};

$host = $argv[1] ?? '127.0.0.1';
$port = (int) ($argv[2] ?? 8080);
$delayMs = (int) ($argv[3] ?? 0);
$limit = isset($argv[4]) ? (int) $argv[4] : PHP_INT_MAX;

$server = stream_socket_server("tcp://$host:$port", $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "cannot listen on $host:$port: $errstr\n");
    exit(1);
}
echo 'http server listening on http://', stream_socket_get_name($server, false), "/\n";

function serve($connection, int $delayMs): void
{
    while (($requestLine = fgets($connection)) !== false) {
        $keepAlive = str_contains($requestLine, 'HTTP/1.1');
        while (($line = fgets($connection)) !== false && ($line = rtrim($line)) !== '') {
            [$name, $value] = array_map('trim', explode(':', $line, 2) + [1 => '']);
            if (strcasecmp($name, 'Connection') === 0) {
                $keepAlive = strcasecmp($value, 'close') !== 0;
            }
        }
        if ($delayMs > 0) {
            delay($delayMs);
        }
        $body = "Hello, world!\n";
        fwrite($connection, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body)
            . "\r\nConnection: " . ($keepAlive ? 'keep-alive' : 'close') . "\r\n\r\n$body");
        if (!$keepAlive) {
            break;
        }
    }
    fclose($connection);
}

spawn(function () use ($server, $delayMs, $limit) {
    for ($served = 0; $served < $limit; $served++) {
        $connection = stream_socket_accept($server, -1);
        if ($connection !== false) {
            spawn(serve(...), $connection, $delayMs);
        }
    }
    fclose($server);
});
