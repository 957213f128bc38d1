<?php
// The endpoint on this extension: a coroutine per connection (HTTP/1.1 keep-alive, GET only), each
// request's query on a PDO connection taken from an Async\Pool and given back when the query is done.
//
//   php -d extension=async server.php PORT [POOL_SIZE]
//
// POOL_SIZE (default 16): at most that many database connections; a request that finds none idle
// waits for one. Prints "listening" once it accepts; serves until killed.
use Async\Pool;
use function Async\spawn;

require __DIR__ . '/query.inc.php';

$port = (int) ($argv[1] ?? 8080);
$poolSize = (int) ($argv[2] ?? 16);

$pool = new Pool(endpoint_connect(...), max: $poolSize);

/** One connection's requests, one after another, until the client closes or asks to. */
function serve($connection, Pool $pool): void
{
    while (($line = fgets($connection)) !== false) {
        if (!preg_match('~^([A-Z]+) (\S+) HTTP/1\.([01])\r\n$~', $line, $m)) {
            break;
        }
        $keepAlive = $m[3] === '1';
        while (($header = fgets($connection)) !== false && $header !== "\r\n") {
            if (stripos($header, 'connection:') === 0) {
                $keepAlive = stripos($header, 'close') === false;
            }
        }
        parse_str((string) parse_url($m[2], PHP_URL_QUERY), $query);
        try {
            $db = $pool->acquire();
            try {
                $body = endpoint_body($db, (int) ($query['id'] ?? 1), (float) ($query['sleep'] ?? 0));
            } finally {
                $pool->release($db);
            }
            $status = '200 OK';
        } catch (Throwable $e) {
            fwrite(STDERR, "request failed: {$e->getMessage()}\n");
            [$status, $body, $keepAlive] = ['500 Internal Server Error', "error\n", false];
        }
        $head = "HTTP/1.1 $status\r\nContent-Type: application/json\r\nContent-Length: " . strlen($body)
            . ($keepAlive ? "\r\n" : "\r\nConnection: close\r\n");
        if (fwrite($connection, "$head\r\n$body") === false || !$keepAlive) {
            break;
        }
    }
    fclose($connection);
}

$listener = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 511]]));
if ($listener === false) {
    fwrite(STDERR, "cannot listen on port $port: $errstr\n");
    exit(1);
}
echo "listening\n";
spawn(function () use ($listener, $pool) {
    while (($connection = stream_socket_accept($listener, -1)) !== false) {
        spawn(serve(...), $connection, $pool);
    }
});
