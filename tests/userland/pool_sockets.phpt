--TEST--
Pool: a pool of real TCP connections to a loopback server: 30 coroutines share at most 3 connections, every request is answered on its own connection, a connection the server dropped is refused by beforeRelease and replaced
--FILE--
<?php
use Async\Pool;
use function Async\{spawn, await_all_or_fail};

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$address = stream_socket_get_name($server, false);
$accepted = 0;
$serverTask = spawn(function () use ($server, &$accepted) {
    $handlers = [];
    while ($conn = @stream_socket_accept($server, 5)) {
        $id = ++$accepted;
        $handlers[] = spawn(function () use ($conn, $id) {
            $served = 0;
            while (($line = fgets($conn)) !== false) {
                fwrite($conn, "conn$id:" . trim($line) . "\n");
                if (++$served === 4 && $id === 1) break;   // the server drops connection 1 after 4 requests
            }
            fclose($conn);
        });
    }
    return $handlers;
});

$opened = $closed = 0;
$pool = new Pool(
    factory: function () use ($address, &$opened) {
        $opened++;
        $c = stream_socket_client("tcp://$address", $errno, $errstr, 5);
        if (!$c) throw new RuntimeException("connect: $errstr");
        return $c;
    },
    destructor: function ($c) use (&$closed) { $closed++; fclose($c); },
    beforeRelease: fn($c) => !feof($c),
    max: 3,
);

$inUse = $peak = 0;
// One request on a pooled connection: the connection id that answered, or null when the server
// had dropped the connection (then released: beforeRelease sees feof() and the pool destroys it).
$request = function (int $i) use ($pool, &$inUse, &$peak) {
    $c = $pool->acquire();
    $peak = max($peak, ++$inUse);
    fwrite($c, "$i\n");
    $reply = fgets($c);
    --$inUse;
    $pool->release($c);
    if ($reply === false) {
        return null;
    }
    [$conn, $echo] = explode(':', trim($reply));
    if ((int) $echo !== $i) throw new LogicException("request $i got the answer to $echo");
    return $conn;
};
$tasks = [];
for ($i = 0; $i < 30; $i++) {
    $tasks[] = spawn(function () use ($request, $i) {
        while (($conn = $request($i)) === null) {}
        return $conn;
    });
}
$conns = await_all_or_fail($tasks);
$pool->close();
fclose($server);
await_all_or_fail(Async\await($serverTask));

echo "answered: ", count($conns), "\n";
echo "at most 3 in use at once: ", $peak <= 3 ? "yes" : "no ($peak)", "\n";
echo "connections the server accepted: $accepted (one replaced)\n";
echo "opened $opened, closed $closed\n";
?>
--EXPECT--
answered: 30
at most 3 in use at once: yes
connections the server accepted: 4 (one replaced)
opened 4, closed 4
