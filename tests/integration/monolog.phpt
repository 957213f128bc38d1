--TEST--
Integration: Monolog in coroutines: a StreamHandler file with locking (flock, hooked) written by N coroutines keeps every record whole and in each coroutine's order, with a processor that tags the coroutine; a SocketHandler writing 5 MB records to a slow TCP reader waits only its coroutine (N writers overlap)
--EXTENSIONS--
sockets
--INI--
memory_limit=1G
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
use Monolog\{Logger, LogRecord};
use Monolog\Formatter\JsonFormatter;
use Monolog\Handler\{SocketHandler, StreamHandler};
use function Async\{spawn, await, delay, current_coroutine};

$n = integration_coroutines();

// A file, one Logger shared by all coroutines; each logs 20 records 10 ms apart.
$file = tempnam(sys_get_temp_dir(), 'async-monolog-');
$handler = new StreamHandler($file, useLocking: true);
$handler->setFormatter(new JsonFormatter());
$logger = new Logger('app', [$handler], [fn (LogRecord $r) => $r->with(extra: ['coroutine' => current_coroutine()->getId()])]);
$ids = integration_run($n, function ($i) use ($logger) {
    for ($k = 0; $k < 20; $k++) {
        $logger->info("c$i record $k", ['i' => $i, 'k' => $k, 'padding' => str_repeat('x', 100 * $i)]);
        delay(10);
    }
    return current_coroutine()->getId();
}, $elapsed);
$next = array_fill(0, $n, 0);
$bad = 0;
foreach (file($file) as $line) {
    $record = json_decode($line, true);
    $i = $record['context']['i'] ?? -1;
    if ($i < 0 || $record['context']['k'] !== $next[$i]++ || $record['extra']['coroutine'] !== $ids[$i]
        || $record['message'] !== "c$i record {$record['context']['k']}") {
        $bad++;
    }
}
echo "file: ", count(file($file)), ' records, ', $bad, ' broken or out of order, ', integration_overlap($n, 0.2, $elapsed), "\n";
unlink($file);

// A socket: the reader waits 500 ms before it reads each connection, so 5 MB records fill the
// socket buffers (the sender's at most 4 MB here; the receiver's 64 KB, not autotuned, inherited from the
// listening socket) and the writers must wait for it.
$server = stream_socket_server('tcp://127.0.0.1:0');
socket_set_option(socket_import_stream($server), SOL_SOCKET, SO_RCVBUF, 65536);
$address = stream_socket_get_name($server, false);
$reader = spawn(function () use ($server, $n) {
    $readers = [];
    for ($c = 0; $c < $n; $c++) {
        $connection = stream_socket_accept($server, 5);
        $readers[] = spawn(function () use ($connection) {
            delay(500);
            $data = stream_get_contents($connection);
            fclose($connection);
            return $data;
        });
    }
    return array_map(fn ($r) => await($r), $readers);
});
$results = integration_run($n, function ($i) use ($address) {
    // timeout: Monolog's default 0 makes a write that finds the socket buffers full time out at
    // once ("Write timed-out"), in stock PHP as here; with a timeout the write waits for the reader.
    $handler = new SocketHandler("tcp://$address", timeout: 5.0);
    $handler->setFormatter(new JsonFormatter());
    (new Logger('net', [$handler]))->warning("c$i big", ['blob' => str_repeat(chr(97 + $i), 5 << 20)]);
    $handler->close();
    return true;
}, $elapsed);
$whole = 0;
foreach (await($reader) as $data) {
    $record = json_decode($data, true);
    $whole += preg_match('/^c(\d+) big$/', $record['message'] ?? '', $m)
        && $record['context']['blob'] === str_repeat(chr(97 + (int) $m[1]), 5 << 20);
}
echo "socket: $whole of $n records whole, ", integration_overlap($n, 0.5, $elapsed), "\n";
?>
--EXPECTF--
file: %d records, 0 broken or out of order, overlap
socket: %d of %d records whole, overlap
