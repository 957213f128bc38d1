--TEST--
ext/sockets hooks: socket_connect() that fails at once (a unix socket path nobody listens on) still goes through the scheduler, so a loop that retries it lets the other coroutines run; the warning and socket_last_error() are stock's
--EXTENSIONS--
sockets
--FILE--
<?php
use function Async\{spawn, await, delay};

$path = sys_get_temp_dir() . '/async-nobody-' . getmypid() . '.sock';
$ticks = 0;
$ticker = spawn(function () use (&$ticks) {
    for ($i = 0; $i < 10; $i++) {
        delay(5);
        $ticks++;
    }
});
$retrying = spawn(function () use ($path, &$ticks) {
    $warning = null;
    set_error_handler(function ($type, $message) use (&$warning) { $warning = $message; return true; });
    while ($ticks < 10) { // without a switch the other coroutine would never run
        $socket = socket_create(AF_UNIX, SOCK_STREAM, 0);
        $connected = socket_connect($socket, $path);
        $error = socket_last_error($socket);
        socket_close($socket);
        if ($connected) {
            return "connected?";
        }
    }
    restore_error_handler();
    return "$warning; error $error";
});
echo await($retrying), "\n";
await($ticker);
?>
--EXPECTF--
socket_connect(): unable to connect [2]: No such file or directory; error 2
