--TEST--
Hooks: ext/sockets in a coroutine gives what PHP gives outside one: SO_RCVTIMEO/SO_SNDTIMEO timeouts, refused connects, non-blocking sockets and MSG_DONTWAIT, closed sockets, bad arguments
--EXTENSIONS--
sockets
--INI--
display_errors=0
--FILE--
<?php
use function Async\{spawn, await, delay};

function scenarios(): array {
    $out = [];
    // A timeout of 300 ms, where one is set, must pass in full.
    $note = function (string $what, callable $f) use (&$out) {
        socket_clear_error();
        $t = hrtime(true);
        try {
            $r = $f();
        } catch (Throwable $e) {
            $r = get_class($e) . ': ' . $e->getMessage();
        }
        $waited = str_contains($what, 'timeout') ? (hrtime(true) - $t) / 1e6 >= 295 : null;
        $out[] = $what . ': ' . json_encode([$r, socket_last_error(), error_get_last()['message'] ?? null, $waited]);
        error_clear_last();
    };
    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
    socket_set_option($pair[0], SOL_SOCKET, SO_RCVTIMEO, ['sec' => 0, 'usec' => 300000]);
    $note('read timeout', fn () => socket_read($pair[0], 10));
    $note('recv timeout', fn () => [socket_recv($pair[0], $buf, 10, 0), $buf]);
    $note('recvfrom timeout', fn () => socket_recvfrom($pair[0], $buf, 10, 0, $from));
    // fill the send buffer, then a write that times out
    socket_set_option($pair[1], SOL_SOCKET, SO_SNDTIMEO, ['sec' => 0, 'usec' => 300000]);
    socket_set_nonblock($pair[1]);
    while (@socket_write($pair[1], str_repeat('x', 65536)) > 0);
    socket_set_block($pair[1]);
    $note('write timeout', fn () => socket_write($pair[1], 'y'));
    $note('send timeout', fn () => socket_send($pair[1], 'y', 1, 0));
    // non-blocking: EAGAIN at once, as PHP does
    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $nb);
    socket_set_nonblock($nb[0]);
    $note('non-blocking read', fn () => socket_read($nb[0], 10));
    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $blocking);
    $note('MSG_DONTWAIT recv', fn () => [socket_recv($blocking[0], $buf, 10, MSG_DONTWAIT), $buf]);
    $note('MSG_DONTWAIT recvfrom', fn () => socket_recvfrom($blocking[0], $buf, 10, MSG_DONTWAIT, $from));
    $note('non-blocking accept', function () {
        $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        socket_bind($s, '127.0.0.1', 0); socket_listen($s); socket_set_nonblock($s);
        return socket_accept($s);
    });
    // a refused connect: the warning and the error code
    $note('refused', function () {
        $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        socket_bind($s, '127.0.0.1', 0); socket_getsockname($s, $a, $port); socket_close($s);
        $c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        return socket_connect($c, '127.0.0.1', $port);
    });
    $note('bad address', fn () => socket_connect(socket_create(AF_INET, SOCK_STREAM, SOL_TCP), 'no such host.invalid', 80));
    $note('unix path missing', fn () => socket_connect(socket_create(AF_UNIX, SOCK_STREAM, 0), '/nonexistent/socket'));
    $note('connect ok', function () {
        $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        socket_bind($s, '127.0.0.1', 0); socket_listen($s); socket_getsockname($s, $a, $port);
        $c = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
        return socket_connect($c, '127.0.0.1', $port);
    });
    $note('closed', function () { $s = socket_create(AF_INET, SOCK_STREAM, SOL_TCP); socket_close($s); return socket_read($s, 1); });
    $note('not a socket', fn () => socket_read(STDIN, 1));
    $note('select bad element', function () { $r = [1]; $w = null; $e = null; return socket_select($r, $w, $e, 1); });
    $note('select nothing', function () { $r = []; $w = null; $e = null; return socket_select($r, $w, $e, 1); });
    $note('select negative', function () use ($pair) { $r = [$pair[0]]; $w = null; $e = null; return socket_select($r, $w, $e, -1); });
    $note('read peer closed', function () { socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); socket_close($p[1]); return socket_read($p[0], 5); });
    return $out;
}

$outside = scenarios();
$inside = await(spawn('scenarios'));
echo implode("\n", $outside), "\n";
var_dump($inside === $outside);
if ($inside !== $outside) var_dump($inside);

// The timeouts let other coroutines run meanwhile.
socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
socket_set_option($pair[0], SOL_SOCKET, SO_RCVTIMEO, ['sec' => 0, 'usec' => 200000]);
$ticks = 0;
spawn(function () use (&$ticks) { for ($i = 0; $i < 3; $i++) { delay(30); $ticks++; } });
var_dump(await(spawn(fn () => socket_read($pair[0], 1))), $ticks > 0);
?>
--EXPECTF--
read timeout: [false,11,null,true]
recv timeout: [[false,null],11,null,true]
recvfrom timeout: [false,11,null,true]
write timeout: [false,11,null,true]
send timeout: [false,11,null,true]
non-blocking read: [false,11,null,null]
MSG_DONTWAIT recv: [[false,null],11,null,null]
MSG_DONTWAIT recvfrom: [false,11,null,null]
non-blocking accept: [false,11,null,null]
refused: [false,111,"socket_connect(): unable to connect [111]: Connection refused",null]
bad address: [false,-10000,"socket_connect(): Host lookup failed [-10000]: Unknown error -10000",null]
unix path missing: [false,2,"socket_connect(): unable to connect [2]: No such file or directory",null]
connect ok: [true,0,null,null]
closed: ["Error: socket_read(): Argument #1 ($socket) has already been closed",0,null,null]
not a socket: ["TypeError: socket_read(): Argument #1 ($socket) must be of type Socket, resource given",0,null,null]
select bad element: ["TypeError: socket_select(): Argument #1 ($read) must only have elements of type Socket, int given",0,null,null]
select nothing: ["ValueError: socket_select(): At least one array argument must be passed",0,null,null]
select negative: [false,22,"socket_select(): Unable to select [22]: Invalid argument",null]
read peer closed: ["",0,null,null]
bool(true)
bool(false)
bool(true)
