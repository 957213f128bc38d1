--TEST--
Stream hooks: timeouts inside a coroutine end as PHP's do (stream_set_timeout on read and write, default_socket_timeout, connect timeout) while other coroutines run
--INI--
pcre.jit=0
default_socket_timeout=1
--FILE--
<?php
function scenarios(): void {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $address = stream_socket_get_name($server, false);
    $client = stream_socket_client("tcp://$address");
    $peer = stream_socket_accept($server);

    // read: stream_set_timeout
    stream_set_timeout($client, 0, 200000);
    $started = microtime(true);
    var_dump(fread($client, 10), fgets($client), stream_get_meta_data($client)['timed_out'], feof($client));
    $elapsed = microtime(true) - $started;
    echo 'two reads took about 0.4 s: ', $elapsed >= 0.39 ? 'yes' : "no ($elapsed)", "\n";
    // data after a timeout is read, and timed_out is cleared
    fwrite($peer, "late\n");
    var_dump(fgets($client), stream_get_meta_data($client)['timed_out']);

    // read: default_socket_timeout (1 s) applies to a new stream
    $second = stream_socket_client("tcp://$address");
    $secondPeer = stream_socket_accept($server);
    $started = microtime(true);
    var_dump(fgets($second), stream_get_meta_data($second)['timed_out']);
    $elapsed = microtime(true) - $started;
    echo 'default_socket_timeout waited about 1 s: ', $elapsed >= 0.99 ? 'yes' : "no ($elapsed)", "\n";

    // write: the peer reads nothing, the buffers fill, the write times out with PHP's notice
    stream_set_timeout($client, 0, 200000);
    $written = 0;
    $chunk = str_repeat('x', 65536);
    for ($i = 0; $i < 1000; $i++) {
        $n = fwrite($client, $chunk);
        if ($n === false || $n < strlen($chunk)) {
            break;
        }
        $written += $n;
    }
    var_dump($n === false || $n < strlen($chunk), stream_get_meta_data($client)['timed_out']);
    echo 'wrote more than 64 KiB before: ', $written > 65536 ? 'yes' : 'no', "\n";

    // connect: a listening socket whose queue is full drops new connections until the timeout
    $full = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
        stream_context_create(['socket' => ['backlog' => 0]]));
    $fullAddress = stream_socket_get_name($full, false);
    $held = [];
    for ($i = 0; $i < 3; $i++) {
        $held[] = @stream_socket_client("tcp://$fullAddress", $errno, $errstr, 0.3);
    }
    $started = microtime(true);
    var_dump(stream_socket_client("tcp://$fullAddress", $errno, $errstr, 0.3), $errno, $errstr);
    $elapsed = microtime(true) - $started;
    echo 'connect gave up after about 0.3 s: ', $elapsed >= 0.29 && $elapsed < 5 ? 'yes' : "no ($elapsed)", "\n";
}

ob_start();
scenarios();
$stock = ob_get_clean();

$ticks = 0;
$ticker = Async\spawn(function () use (&$ticks) {
    while (true) {
        Async\delay(20);
        $ticks++;
    }
});
ob_start();
Async\await(Async\spawn('scenarios'));
$inCoroutine = ob_get_clean();
$ticker->cancel();

echo $inCoroutine;
// ports, and how much of the last chunk was left to send, differ from run to run
$withoutPorts = fn(string $output) => preg_replace(['/(127\.0\.0\.1|localhost):\d+/', '/Send of \d+ bytes/'],
    ['$1:PORT', 'Send of N bytes'], $output);
echo $withoutPorts($stock) === $withoutPorts($inCoroutine) ? "same as outside coroutines\n" : "DIFFERENT, outside coroutines:\n$stock";
echo "other coroutines ran meanwhile: ", $ticks > 20 ? "yes" : "no ($ticks)", "\n";
?>
--EXPECTF--
bool(false)
bool(false)
bool(true)
bool(false)
two reads took about 0.4 s: yes
string(5) "late
"
bool(false)
bool(false)
bool(true)
default_socket_timeout waited about 1 s: yes

Notice: fwrite(): Send of %d bytes failed with errno=11 Resource temporarily unavailable in %s on line %d
bool(true)
bool(true)
wrote more than 64 KiB before: yes

Warning: stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection timed out) in %s on line %d
bool(false)
int(110)
string(20) "Connection timed out"
connect gave up after about 0.3 s: yes
same as outside coroutines
other coroutines ran meanwhile: yes
