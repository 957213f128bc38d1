--TEST--
Stream hooks: a second writer is refused while the first waits for room in the middle of its fwrite(), also when a little room has been freed meanwhile (its send would fit and land inside the first one's data)
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

const CHUNK = 1 << 20;
$filler = spawn(function () use ($client) {
    $total = 0;
    while ($total < 64 * CHUNK) {   // far more than the socket buffers hold: it ends up waiting
        $total += fwrite($client, str_repeat('a', CHUNK));
    }
    return $total;
});
// Wait until the filler waits for room, then free a little: too little to wake it
// (Linux reports a socket writable once a third of its buffer is free), enough for one byte.
Async\delay(50);
stream_set_blocking($peer, false);
$freed = strlen(fread($peer, 4096));
stream_set_blocking($peer, true);
Async\delay(5);

$intruder = spawn(function () use ($client) {
    try {
        return fwrite($client, 'b');
    } catch (Error $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
});
var_dump($freed, await($intruder));

// Read everything: only the filler's bytes, all of them.
$read = $freed;
$foreign = false;
stream_set_blocking($peer, false);
while (!$filler->isCompleted() || ($data = fread($peer, CHUNK)) !== '') {
    $data ??= fread($peer, CHUNK);
    $read += strlen($data);
    $foreign = $foreign || trim($data, 'a') !== '';
    if ($data === '') {
        Async\delay(1);
    }
    $data = null;
}
var_dump(await($filler) === $read, $foreign);
?>
--EXPECT--
int(4096)
string(58) "Error: Another coroutine is already writing to this stream"
bool(true)
bool(false)
