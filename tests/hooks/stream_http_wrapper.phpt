--TEST--
Stream hooks: PHP's http:// wrapper (file_get_contents, fopen, get_headers) against an HTTP server coroutine in the same script; fetches overlap
--INI--
default_socket_timeout=10
allow_url_fopen=1
--FILE--
<?php
use function Async\spawn;
use function Async\await;
use function Async\await_all;

const FETCHES = 4;
const PAUSE_MS = 400;

$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);

// a minimal HTTP/1.0 server: one coroutine per connection, answers after a pause
$serverCoroutine = spawn(function () use ($server) {
    $handlers = [];
    while ($connection = @stream_socket_accept($server)) {
        $handlers[] = spawn(function () use ($connection) {
            $requestLine = fgets($connection);
            while (($line = fgets($connection)) !== false && rtrim($line) !== '');
            [$method, $path] = explode(' ', $requestLine);
            Async\delay(PAUSE_MS);
            $body = "$method $path";
            fwrite($connection, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Path: $path\r\n"
                . 'Content-Length: ' . strlen($body) . "\r\nConnection: close\r\n\r\n$body");
            fclose($connection);
        });
    }
    await_all($handlers);
});

$started = microtime(true);
$fetches = [];
for ($i = 0; $i < FETCHES; $i++) {
    $fetches[] = spawn(function () use ($i, $address) {
        if ($i === 0) {
            $stream = fopen("http://$address/by-fopen", 'r');
            $body = stream_get_contents($stream);
            $status = stream_get_meta_data($stream)['wrapper_data'][0];
            fclose($stream);
            return "$status: $body";
        }
        if ($i === 1) {
            $headers = get_headers("http://$address/headers", true);
            return "{$headers[0]}: X-Path {$headers['X-Path']}";
        }
        $body = file_get_contents("http://$address/page$i");
        return "{$http_response_header[0]}: $body";
    });
}
[$results] = await_all($fetches);
$elapsed = microtime(true) - $started;
ksort($results);
echo implode("\n", $results), "\n";

fclose($server); // ends the accept loop
await($serverCoroutine);

$serial = FETCHES * PAUSE_MS / 1000;
echo $elapsed < 0.7 * $serial ? "overlapped\n" : "serial: $elapsed s\n";
?>
--EXPECT--
HTTP/1.0 200 OK: GET /by-fopen
HTTP/1.0 200 OK: X-Path /headers
HTTP/1.0 200 OK: GET /page2
HTTP/1.0 200 OK: GET /page3
overlapped
