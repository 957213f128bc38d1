--TEST--
Stream hooks: a TCP server coroutine and client coroutines in one script overlap (connect, accept, fwrite, fgets, fread, stream_get_contents, feof, stream_get_line, fsockopen)
--INI--
default_socket_timeout=10
--FILE--
<?php
use function Async\spawn;
use function Async\await;
use function Async\await_all;

const CLIENTS = 4;
const PAUSE_MS = 400; // the server answers each request after this long

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$address = stream_socket_get_name($server, false);
[, $port] = explode(':', $address);

$started = microtime(true);
$serverCoroutine = spawn(function () use ($server) {
    $handlers = [];
    for ($i = 0; $i < CLIENTS; $i++) {
        $connection = stream_socket_accept($server);
        $handlers[] = spawn(function () use ($connection) {
            $request = trim(fgets($connection));
            Async\delay(PAUSE_MS);
            fwrite($connection, "hello $request\nsecond line|rest");
            fclose($connection);
        });
    }
    await_all($handlers);
});

$clients = [];
for ($i = 0; $i < CLIENTS; $i++) {
    $clients[] = spawn(function () use ($i, $address, $port) {
        $stream = $i % 2 === 0
            ? stream_socket_client("tcp://$address", $errno, $errstr)
            : fsockopen('127.0.0.1', (int) $port, $errno, $errstr);
        fwrite($stream, "client$i\n");
        $first = fgets($stream);
        $second = stream_get_line($stream, 100, '|');
        $rest = $i < 2 ? stream_get_contents($stream) : fread($stream, 100);
        $eof = fread($stream, 1) === '' && feof($stream);
        fclose($stream);
        return [$first, $second, $rest, $eof];
    });
}
[$results] = await_all($clients);
await($serverCoroutine);
$elapsed = microtime(true) - $started;

ksort($results);
foreach ($results as $i => [$first, $second, $rest, $eof]) {
    echo "$i: ", trim($first), " / $second / $rest / eof ", var_export($eof, true), "\n";
}
$serial = CLIENTS * PAUSE_MS / 1000;
echo $elapsed < 0.7 * $serial ? "overlapped\n" : "serial: $elapsed s\n";
?>
--EXPECT--
0: hello client0 / second line / rest / eof true
1: hello client1 / second line / rest / eof true
2: hello client2 / second line / rest / eof true
3: hello client3 / second line / rest / eof true
overlapped
