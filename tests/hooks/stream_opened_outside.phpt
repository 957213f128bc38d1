--TEST--
Stream hooks: streams opened before any coroutine existed wait without blocking when used inside coroutines, and outside coroutines block as before
--INI--
default_socket_timeout=10
--FILE--
<?php
// opened and used before the first coroutine: PHP's own blocking behaviour
$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
$client = stream_socket_client("tcp://$address");
$peer = stream_socket_accept($server);
stream_set_timeout($client, 0, 100000);
$started = microtime(true);
var_dump(fgets($client), stream_get_meta_data($client)['timed_out']);
echo 'blocked for the timeout: ', microtime(true) - $started >= 0.09 ? 'yes' : 'no', "\n";
stream_set_timeout($client, 10);

// inside coroutines: a reader waits for a writer that runs meanwhile
$order = [];
$reader = Async\spawn(function () use ($client, &$order) {
    $order[] = 'reader waits';
    $line = fgets($client);
    $order[] = 'reader got ' . trim($line);
    fwrite($client, "thanks\n");
});
$writer = Async\spawn(function () use ($peer, &$order) {
    $order[] = 'writer runs';
    Async\delay(50);
    fwrite($peer, "data\n");
    $order[] = 'writer waits';
    $order[] = 'writer got ' . trim(fgets($peer));
});
Async\await($reader);
Async\await($writer);
echo implode("\n", $order), "\n";

// a second accept from the server made outside, inside a coroutine
$accepting = Async\spawn(fn() => stream_socket_accept($server));
$connecting = Async\spawn(fn() => stream_socket_client("tcp://$address"));
$accepted = Async\await($accepting);
$connected = Async\await($connecting);
fwrite($connected, "x\n");
var_dump(fgets($accepted));
?>
--EXPECT--
bool(false)
bool(true)
blocked for the timeout: yes
reader waits
writer runs
writer waits
reader got data
writer got thanks
string(2) "x
"
