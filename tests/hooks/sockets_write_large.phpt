--TEST--
Hooks: ext/sockets socket_write()/socket_send() of more than the socket buffer holds, in a coroutine, while the reader is another coroutine of the same thread; SO_SNDTIMEO with part of the data sent
--EXTENSIONS--
sockets
--FILE--
<?php
use function Async\{spawn, await};

$size = 4 * 1024 * 1024;
$payload = random_bytes($size);

foreach (['socket_write', 'socket_send'] as $fn) {
    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
    $writer = spawn(function () use ($fn, $pair, $payload, $size) {
        // socket_send with a length shorter than the string: only that much goes
        return $fn === 'socket_write' ? socket_write($pair[0], $payload) : socket_send($pair[0], $payload . 'extra', $size, 0);
    });
    $reader = spawn(function () use ($pair, $size) {
        $got = '';
        while (strlen($got) < $size && ($chunk = socket_read($pair[1], 65536)) !== false && $chunk !== '') {
            $got .= $chunk;
        }
        return $got;
    });
    $written = await($writer);
    $got = await($reader);
    var_dump($fn, $written === $size, $got === $payload, socket_last_error($pair[0]));
}

// Nobody reads: SO_SNDTIMEO passes with part of the data sent. PHP returns what went, as outside.
function timed_write(): array {
    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
    socket_set_option($pair[0], SOL_SOCKET, SO_SNDTIMEO, ['sec' => 0, 'usec' => 200000]);
    $t = hrtime(true);
    $n = socket_write($pair[0], str_repeat('z', 4 * 1024 * 1024));
    return [is_int($n) && $n > 0 && $n < 4 * 1024 * 1024, socket_last_error($pair[0]), (hrtime(true) - $t) / 1e6 >= 195];
}
var_dump(timed_write() === await(spawn('timed_write')), timed_write());
?>
--EXPECT--
string(12) "socket_write"
bool(true)
bool(true)
int(0)
string(11) "socket_send"
bool(true)
bool(true)
int(0)
bool(true)
array(3) {
  [0]=>
  bool(true)
  [1]=>
  int(0)
  [2]=>
  bool(true)
}
