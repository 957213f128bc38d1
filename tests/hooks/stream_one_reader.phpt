--TEST--
Stream hooks: one reader and one writer at a time per stream (a second reader or writer gets an Error, the stream's data stays whole); any number of coroutines may accept on one server
--INI--
default_socket_timeout=10
--FILE--
<?php
use function Async\spawn;
use function Async\await;

$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
$client = stream_socket_client("tcp://$address");
$peer = stream_socket_accept($server);

$first = spawn(fn() => fgets($client));
$second = spawn(function () use ($client) {
    try {
        return fgets($client);
    } catch (Error $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
});
// a writer meanwhile is fine
$writer = spawn(function () use ($peer) {
    Async\delay(20);
    return fwrite($peer, "one\ntwo\n");
});
var_dump(await($first), await($second), await($writer), fgets($client));

// a second writer while the first waits on a full buffer (nobody reads until the intruder is done)
const TOTAL = 32 << 20;
$filler = spawn(function () use ($client) {
    $chunk = str_repeat('a', 1 << 16);
    for ($total = 0; $total < TOTAL; $total += fwrite($client, $chunk));
    return $total;
});
$intruder = spawn(function () use ($client) {
    Async\delay(20);
    try {
        return fwrite($client, 'b');
    } catch (Error $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
});
var_dump(await($intruder));
stream_set_blocking($peer, false);
$read = 0;
$intruded = false;
while ($read < TOTAL) {
    $data = fread($peer, 1 << 20);
    $read += strlen($data);
    $intruded = $intruded || str_contains($data, 'b');
    if ($data === '') {
        Async\delay(1);
    }
}
var_dump(await($filler) === TOTAL, $read === TOTAL, $intruded);

// several accepters on one server
$accepters = [];
for ($i = 0; $i < 3; $i++) {
    $accepters[] = spawn(fn() => stream_socket_accept($server));
}
$clients = [];
for ($i = 0; $i < 3; $i++) {
    $clients[] = stream_socket_client("tcp://$address");
}
foreach ($accepters as $accepter) {
    var_dump(is_resource(await($accepter)));
}
?>
--EXPECT--
string(4) "one
"
string(60) "Error: Another coroutine is already reading from this stream"
int(8)
string(4) "two
"
string(58) "Error: Another coroutine is already writing to this stream"
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
