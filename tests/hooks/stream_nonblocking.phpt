--TEST--
Stream hooks: a stream in non-blocking mode keeps PHP's semantics inside a coroutine (nothing to read, partial writes, stream_select, STREAM_CLIENT_ASYNC_CONNECT)
--INI--
default_socket_timeout=10
--FILE--
<?php
function scenarios(): void {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $address = stream_socket_get_name($server, false);
    $client = stream_socket_client("tcp://$address");
    $peer = stream_socket_accept($server);

    var_dump(stream_set_blocking($client, false), stream_get_meta_data($client)['blocked']);
    $started = microtime(true);
    var_dump(fread($client, 10), fgets($client), feof($client), stream_get_meta_data($client)['timed_out']);
    echo 'returned at once: ', microtime(true) - $started < 0.5 ? 'yes' : 'no', "\n";

    // writes take what fits and return at once
    $total = 0;
    $chunk = str_repeat('y', 1 << 20);
    $started = microtime(true);
    for ($i = 0; $i < 64; $i++) {
        $n = fwrite($client, $chunk);
        $total += $n;
        if ($n < strlen($chunk)) {
            break;
        }
    }
    echo 'a write came back short: ', $n < strlen($chunk) ? 'yes' : 'no', "\n";
    echo 'returned at once: ', microtime(true) - $started < 0.5 ? 'yes' : 'no', "\n";

    // stream_select sees what is ready
    $read = [$client];
    $write = $except = null;
    var_dump(stream_select($read, $write, $except, 0));
    fwrite($peer, "ping\n");
    $read = [$client];
    var_dump(stream_select($read, $write, $except, 5), fgets($client));

    // back to blocking mode
    var_dump(stream_set_blocking($client, true), stream_get_meta_data($client)['blocked']);
    fwrite($peer, "pong\n");
    var_dump(fgets($client));

    // an asynchronous connect returns before the connection is made; select says when it is
    $async = stream_socket_client("tcp://$address", $errno, $errstr, 5, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
    var_dump(is_resource($async), $errno);
    $read = $except = null;
    $write = [$async];
    var_dump(stream_select($read, $write, $except, 5));
    $asyncPeer = stream_socket_accept($server);
    var_dump(fwrite($async, "async\n"), fgets($asyncPeer));
}

ob_start();
scenarios();
$stock = ob_get_clean();

ob_start();
Async\await(Async\spawn('scenarios'));
$inCoroutine = ob_get_clean();

echo $inCoroutine;
echo $stock === $inCoroutine ? "same as outside coroutines\n" : "DIFFERENT, outside coroutines:\n$stock";
?>
--EXPECT--
bool(true)
bool(false)
string(0) ""
bool(false)
bool(false)
bool(false)
returned at once: yes
a write came back short: yes
returned at once: yes
int(0)
int(1)
string(5) "ping
"
bool(true)
bool(true)
string(5) "pong
"
bool(true)
int(0)
int(1)
int(6)
string(6) "async
"
same as outside coroutines
