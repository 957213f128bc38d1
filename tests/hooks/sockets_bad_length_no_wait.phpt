--TEST--
ext/sockets hooks: socket_read(), socket_recv() and socket_recvfrom() with a length below 1 (and socket_sendto() below 0) fail at once inside a coroutine as in stock PHP; socket_read($s, -1) on a socket with nothing to read waited for ever before the length was looked at
--EXTENSIONS--
sockets
--FILE--
<?php
function attempt(): void {
    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p);
    socket_create_pair(AF_UNIX, SOCK_DGRAM, 0, $d);
    foreach ([
        'socket_read -1' => fn() => socket_read($p[0], -1),
        'socket_read 0' => fn() => socket_read($p[0], 0),
        'socket_recv 0' => function () use ($p) { return socket_recv($p[0], $buf, 0, 0); },
        'socket_recvfrom 0' => function () use ($d) { return socket_recvfrom($d[0], $buf, 0, 0, $from); },
        'socket_sendto -1' => fn() => socket_sendto($d[0], 'x', -1, 0, ''),
    ] as $what => $f) {
        echo "$what: ";
        try { var_dump($f()); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    }
}
ob_start();
attempt();
$stock = ob_get_clean();
$t = hrtime(true);
$ours = Async\await(Async\spawn(function () { ob_start(); attempt(); return ob_get_clean(); }));
echo $ours;
var_dump($ours === $stock, (hrtime(true) - $t) / 1e9 < 5);
?>
--EXPECTF--
socket_read -1: bool(false)
socket_read 0: bool(false)
socket_recv 0: %s
socket_recvfrom 0: %s
socket_sendto -1: %s
bool(true)
bool(true)
