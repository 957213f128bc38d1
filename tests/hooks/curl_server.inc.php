<?php
// The HTTP server of the curl tests: a coroutine per connection (this extension), keep-alive.
// Started by curl_server.inc in a child process; prints its port, then serves:
//   /sleep/MS     waits MS milliseconds, answers "slept MS"
//   /body/N       answers N bytes ("x" repeated) in 8 KiB writes
//   /echo         answers the request body (POST, Content-Length)
//   /stall        sends the headers and part of the body, then nothing more
//   /reset        sends the headers and part of the body, then closes the connection
// It ends by itself after 120 s, or when its stdin closes.
use function Async\{spawn, delay};

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 511]]));
echo substr(strrchr(stream_socket_get_name($server, false), ':'), 1), "\n";

function answer($c, string $body, bool $keep, int $status = 200): void {
    fwrite($c, "HTTP/1.1 $status OK\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body)
        . "\r\nConnection: " . ($keep ? 'keep-alive' : 'close') . "\r\n\r\n$body");
}

function serve($c): void {
    while (($line = fgets($c)) !== false) {
        [, $path] = explode(' ', trim($line)) + [1 => '/'];
        $length = 0;
        $keep = true;
        while (($h = fgets($c)) !== false && trim($h) !== '') {
            if (stripos($h, 'Content-Length:') === 0) $length = (int) trim(substr($h, 15));
            if (stripos($h, 'Connection: close') === 0) $keep = false;
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
            case 'body':
                $n = (int) $parts[2];
                fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: $n\r\n\r\n");
                for ($sent = 0; $sent < $n; $sent += 8192) {
                    fwrite($c, str_repeat('x', min(8192, $n - $sent)));
                }
                break;
            case 'echo':
                answer($c, $body, $keep);
                break;
            case 'stall':
            case 'reset':
                fwrite($c, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial");
                if ($parts[1] === 'stall') delay(60000);
                fclose($c);
                return;
            default:
                answer($c, "not found", $keep, 404);
        }
        if (!$keep) break;
    }
    fclose($c);
}

spawn(function () { delay(120000); exit(0); });
spawn(function () { $r = [STDIN]; $w = $e = null; while (stream_select($r, $w, $e, null) !== false && !feof(STDIN) && fgets(STDIN) !== false) { $r = [STDIN]; } exit(0); });
while (true) {
    $c = stream_socket_accept($server, -1);
    if ($c !== false) spawn(serve(...), $c);
}
