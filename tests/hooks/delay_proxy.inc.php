<?php
// A TCP proxy that delays what clients send by a fixed time (a slow network or a slow server),
// for the memcached and redis tests. Started by delay_proxy.inc in a child process (PHP with only
// this extension: a coroutine per connection and direction). Arguments: the server's host:port,
// then one delay in milliseconds per listening port; prints the ports, one a line, then serves.
// Every chunk a client sends is forwarded D ms after it arrived, in order; answers come back at
// once. It ends by itself after 120 s, or when its stdin closes.
use function Async\{spawn, delay};

[, $target] = $argv;
$delays = array_map('intval', array_slice($argv, 2));

// Copies $from to $to; each chunk waits until $delay_ms after it arrived (arrival order kept).
function pump($from, $to, int $delay_ms): void {
    $queue = new Async\Channel(1000);
    spawn(function () use ($queue, $to) {
        foreach ($queue as [$due, $chunk]) {
            $wait = (int) ceil(($due - hrtime(true)) / 1e6);
            if ($wait > 0) delay($wait);
            if (@fwrite($to, $chunk) === false) break;
        }
        @stream_socket_shutdown($to, STREAM_SHUT_WR);
    });
    while (($chunk = @fread($from, 65536)) !== false && $chunk !== '') {
        $queue->send([hrtime(true) + $delay_ms * 1000000, $chunk]);
    }
    $queue->close();
}

function serve($client, string $target, int $delay_ms): void {
    $server = @stream_socket_client("tcp://$target", $errno, $errstr, 5);
    if ($server === false) { fwrite(STDERR, "connect failed: $errno $errstr\n"); fclose($client); return; }
    spawn(function () use ($server, $client) { pump($server, $client, 0); });
    pump($client, $server, $delay_ms);
}

foreach ($delays as $delay_ms) {
    $listener = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
        stream_context_create(['socket' => ['backlog' => 511]]));
    echo substr(strrchr(stream_socket_get_name($listener, false), ':'), 1), "\n";
    spawn(function () use ($listener, $target, $delay_ms) {
        while ($client = @stream_socket_accept($listener, -1)) {
            spawn('serve', $client, $target, $delay_ms);
        }
    });
}
fflush(STDOUT);

spawn(function () { delay(120000); exit(0); });
// Ends when the test closes our stdin (or goes away); stream_select waits only this coroutine.
$r = [STDIN]; $w = $e = null;
while (stream_select($r, $w, $e, null) !== false && !feof(STDIN) && fgets(STDIN) !== false) { $r = [STDIN]; }
exit(0);
