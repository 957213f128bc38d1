--TEST--
Stream hooks: failures inside a coroutine give PHP's own results, warnings and error codes (refused, unknown host, bad address, closed peer, reset connection, closed stream, accept timeout)
--INI--
pcre.jit=0
default_socket_timeout=10
--FILE--
<?php
function scenarios(): void {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $address = stream_socket_get_name($server, false);
    $closed = stream_socket_server('tcp://127.0.0.1:0');
    $closedAddress = stream_socket_get_name($closed, false);
    fclose($closed);

    var_dump(stream_socket_client("tcp://$closedAddress", $errno, $errstr, 2), $errno, $errstr);
    var_dump(fsockopen('localhost', (int) explode(':', $closedAddress)[1], $errno, $errstr), $errno, $errstr);
    var_dump(stream_socket_client('tcp://no-such-host.invalid:80', $errno, $errstr), $errno, $errstr);
    var_dump(stream_socket_client('tcp://127.0.0.1', $errno, $errstr), $errno, $errstr);
    var_dump(stream_socket_client('udp://no-such-host.invalid:53', $errno, $errstr), $errno, $errstr);
    var_dump(stream_socket_accept($server, 0.1, $peer), $peer);

    // the peer goes away: reads see the end, writes fail like PHP's
    $client = stream_socket_client("tcp://$address");
    $accepted = stream_socket_accept($server);
    fwrite($accepted, "last words\n");
    fclose($accepted);
    var_dump(fgets($client), fgets($client), feof($client), fread($client, 10));
    var_dump(stream_get_meta_data($client)['timed_out']);
    fclose($client);
    try {
        fread($client, 10);
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }

    // the peer resets the connection (closed with data unread): writes fail with PHP's notices
    $client = stream_socket_client("tcp://$address");
    $accepted = stream_socket_accept($server);
    fwrite($client, "never read\n");
    usleep(50000);
    fclose($accepted);
    usleep(50000);
    var_dump(fwrite($client, "after the reset\n"), fwrite($client, "again\n"));
    fclose($client);
}

ob_start();
scenarios();
$stock = ob_get_clean();

ob_start();
$ticks = 0;
$ticker = Async\spawn(function () use (&$ticks) {
    while (true) {
        Async\delay(10);
        $ticks++;
    }
});
echo Async\await(Async\spawn(function () { ob_start(); scenarios(); return ob_get_clean(); })); // a coroutine's buffers are its own
$ticker->cancel();
$inCoroutine = ob_get_clean();

echo $inCoroutine;
// the ports differ from run to run
$withoutPorts = fn(string $output) => preg_replace('/(127\.0\.0\.1|localhost):\d+/', '$1:PORT', $output);
echo $withoutPorts($stock) === $withoutPorts($inCoroutine) ? "same as outside coroutines\n" : "DIFFERENT, outside coroutines:\n$stock";
echo "other coroutines ran meanwhile: ", $ticks > 0 ? "yes" : "no ($ticks)", "\n";
?>
--EXPECTF--
Warning: stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused) in %s on line %d
bool(false)
int(111)
string(18) "Connection refused"

Warning: fsockopen(): Unable to connect to localhost:%d (Connection refused) in %s on line %d
bool(false)
int(111)
string(18) "Connection refused"

Warning: stream_socket_client(): php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s in %s on line %d

Warning: stream_socket_client(): Unable to connect to tcp://no-such-host.invalid:80 (php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s) in %s on line %d
bool(false)
int(0)
string(%d) "php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s"

Warning: stream_socket_client(): Unable to connect to tcp://127.0.0.1 (Failed to parse address "127.0.0.1") in %s on line %d
bool(false)
int(0)
string(35) "Failed to parse address "127.0.0.1""

Warning: stream_socket_client(): php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s in %s on line %d

Warning: stream_socket_client(): Unable to connect to udp://no-such-host.invalid:53 (php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s) in %s on line %d
bool(false)
int(0)
string(%d) "php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s"

Warning: stream_socket_accept(): Accept failed: Connection timed out in %s on line %d
bool(false)
NULL
string(11) "last words
"
bool(false)
bool(true)
string(0) ""
bool(false)
TypeError: fread(): supplied resource is not a valid stream resource

Notice: fwrite(): Send of 16 bytes failed with errno=104 Connection reset by peer in %s on line %d

Notice: fwrite(): Send of 6 bytes failed with errno=32 Broken pipe in %s on line %d
bool(false)
bool(false)
same as outside coroutines
other coroutines ran meanwhile: yes
