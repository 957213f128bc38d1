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

function response(bool $keepAlive): string
{
    $body = "Hello, world!\n";
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body)
        . "\r\nConnection: " . ($keepAlive ? 'keep-alive' : 'close') . "\r\n\r\n$body";
}

function serve($connection, int $delayMs): void
{
    $responses = [false => response(false), true => response(true)]; // the same for every request
    while (($requestLine = fgets($connection)) !== false) {
        $keepAlive = str_contains($requestLine, 'HTTP/1.1');
        while (($line = fgets($connection)) !== false && $line !== "\r\n" && $line !== "\n") {
            if (stripos($line, 'Connection:') === 0) {
                $keepAlive = strcasecmp(trim(substr($line, 11)), 'close') !== 0;
            }
        }
        if ($delayMs > 0) {
            delay($delayMs);
        }
        fwrite($connection, $responses[$keepAlive]);
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
