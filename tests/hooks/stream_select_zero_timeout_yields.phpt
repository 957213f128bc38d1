--TEST--
Hooks: stream_select() and socket_select() with a zero timeout that find nothing ready yield once, so a loop that polls so lets the other coroutines run; what they return is stock's
--EXTENSIONS--
sockets
--FILE--
<?php
use function Async\{spawn, await, delay};

[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$polls = [
    'stream_select' => function () use ($a) {
        $read = [$a]; $write = null; $except = null;
        return stream_select($read, $write, $except, 0);
    },
];
$pair = [];
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
$polls['socket_select'] = function () use ($pair) {
    $read = [$pair[0]]; $write = null; $except = null;
    return socket_select($read, $write, $except, 0);
};
foreach ($polls as $name => $poll) {
    $ticks = 0;
    $ticker = spawn(function () use (&$ticks) {
        for ($i = 0; $i < 5; $i++) {
            delay(2);
            $ticks++;
        }
    });
    $polling = spawn(function () use ($poll, &$ticks) {
        $results = [];
        while ($ticks < 5) { // without a switch the other coroutine would never run
            $results[$poll()] = true;
        }
        return implode(',', array_keys($results));
    });
    echo "$name: ", await($polling), " until the other coroutine ran\n";
    await($ticker);
}
fwrite($b, "x");
$read = [$a]; $write = null; $except = null;
echo "ready: ", stream_select($read, $write, $except, 0), "\n";
?>
--EXPECT--
stream_select: 0 until the other coroutine ran
socket_select: 0 until the other coroutine ran
ready: 1
