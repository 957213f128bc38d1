--TEST--
Stream hooks: cancelling a coroutine that waits in fread, fwrite, stream_socket_accept or a connect throws the cancellation there; the stream stays usable; functions that warn on failure say "Operation canceled"
--INI--
default_socket_timeout=10
--FILE--
<?php
use function Async\spawn;
use function Async\await;

function cancelled(string $what, Closure $operation): void {
    $coroutine = spawn(function () use ($what, $operation) {
        try {
            $operation();
            echo "$what: not cancelled\n";
        } catch (Async\AsyncCancellation $e) {
            echo "$what: ", get_class($e), "\n";
            throw $e;
        }
    });
    Async\delay(30);
    $coroutine->cancel();
    try {
        await($coroutine);
    } catch (Async\AsyncCancellation) {
    }
}

$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
$client = stream_socket_client("tcp://$address");
$peer = stream_socket_accept($server);

cancelled('fread', fn() => fread($client, 10));
cancelled('fgets', fn() => fgets($client));
fwrite($peer, "still works\n");
var_dump(fgets($client));

cancelled('fwrite', function () use ($client) {
    $chunk = str_repeat('w', 1 << 16);
    while (fwrite($client, $chunk) === strlen($chunk));
});
var_dump(strlen(fread($peer, 100)) > 0);

cancelled('accept', fn() => stream_socket_accept($server));
$late = stream_socket_client("tcp://$address");
var_dump(is_resource(stream_socket_accept($server)));

$full = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 0]]));
$fullAddress = stream_socket_get_name($full, false);
$held = [];
for ($i = 0; $i < 3; $i++) {
    $held[] = @stream_socket_client("tcp://$fullAddress", $errno, $errstr, 0.2);
}
$started = microtime(true);
cancelled('connect', fn() => stream_socket_client("tcp://$fullAddress", $errno, $errstr, 5));
echo 'connect gave up at once: ', microtime(true) - $started < 2 ? 'yes' : 'no', "\n";
?>
--EXPECTF--
fread: Async\AsyncCancellation
fgets: Async\AsyncCancellation
string(12) "still works
"
fwrite: Async\AsyncCancellation
bool(true)

Warning: stream_socket_accept(): Accept failed: Operation canceled in %s on line %d
accept: Async\AsyncCancellation
bool(true)

Warning: stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Operation canceled) in %s on line %d
connect: Async\AsyncCancellation
connect gave up at once: yes
