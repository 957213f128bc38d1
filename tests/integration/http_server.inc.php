<?php
// The HTTP server of the integration tests: plain PHP, a coroutine per connection (this extension),
// keep-alive. Started by integration.inc in a child process; prints its port, then serves:
//   /sleep/MS          waits MS milliseconds, answers "slept MS"
//   /drip/N/MS         a chunked body of N chunks "chunk I\n", MS milliseconds apart
//   /flaky/KEY/N       503 for the first N requests of KEY, then 200 "ok after N"
//   /echo              answers "METHOD BODY", with the request's X-Request-Id header returned
// It ends by itself after 300 s, or when its stdin closes.
use function Async\{spawn, delay};

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 511]]));
echo substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";

function answer($c, string $body, bool $keep, int $status = 200, array $headers = []): void
{
    $head = "HTTP/1.1 $status " . ($status === 200 ? 'OK' : 'Error') . "\r\nContent-Type: text/plain\r\nContent-Length: "
        . strlen($body) . "\r\nConnection: " . ($keep ? 'keep-alive' : 'close') . "\r\n";
    foreach ($headers as $name => $value) {
        $head .= "$name: $value\r\n";
    }
    fwrite($c, "$head\r\n$body");
}

function serve($c): void
{
    static $flaky = [];
    while (($line = fgets($c)) !== false) {
        [$method, $path] = explode(' ', trim($line)) + [1 => '/'];
        $length = 0;
        $keep = true;
        $requestId = null;
        while (($h = fgets($c)) !== false && trim($h) !== '') {
            [$name, $value] = array_map('trim', explode(':', $h, 2)) + [1 => ''];
            match (strtolower($name)) {
                'content-length' => $length = (int) $value,
                'connection' => $keep = strtolower($value) !== 'close',
                'x-request-id' => $requestId = $value,
                default => null,
            };
        }
        $body = '';
        while (strlen($body) < $length && ($chunk = fread($c, $length - strlen($body))) !== false && $chunk !== '') {
            $body .= $chunk;
        }
        $parts = explode('/', $path);
        switch ($parts[1] ?? '') {
            case 'sleep':
                delay((int) $parts[2]);
                answer($c, "slept $parts[2]", $keep);
                break;
            case 'drip':
                fwrite($c, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
                for ($i = 0; $i < (int) $parts[2]; $i++) {
                    delay((int) $parts[3]);
                    $chunk = "chunk $i\n";
                    fwrite($c, dechex(strlen($chunk)) . "\r\n$chunk\r\n");
                }
                fwrite($c, "0\r\n\r\n");
                break;
            case 'flaky':
                $seen = $flaky[$parts[2]] = ($flaky[$parts[2]] ?? 0) + 1;
                if ($seen <= (int) $parts[3]) {
                    answer($c, "failure $seen", $keep, 503);
                } else {
                    answer($c, "ok after $parts[3]", $keep);
                }
                break;
            case 'echo':
                answer($c, "$method $body", $keep, 200, $requestId === null ? [] : ['X-Request-Id' => $requestId]);
                break;
            default:
                answer($c, 'not found', $keep, 404);
        }
        if (!$keep) {
            break;
        }
    }
    fclose($c);
}

spawn(function () { delay(300000); exit(0); });
// STDIN is not hooked, so its end is awaited with stream_select() (which is).
spawn(function () {
    do {
        $r = [STDIN];
        $w = $e = null;
    } while (stream_select($r, $w, $e, null) !== false && fgets(STDIN) !== false);
    exit(0);
});
while (true) {
    $c = stream_socket_accept($server, -1);
    if ($c !== false) {
        spawn(serve(...), $c);
    }
}
