--TEST--
Hooks: a stream_select() loop serving TCP clients (non-blocking streams, as event-loop libraries do) runs in one coroutine while the clients run in others
--FILE--
<?php
use function Async\{spawn, await};

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$address = stream_socket_get_name($server, false);
stream_set_blocking($server, false);

$loop = spawn(function () use ($server) {
    $clients = [];
    $served = 0;
    while ($served < 3) {
        $r = ['server' => $server] + $clients; $w = null; $e = null;
        if (stream_select($r, $w, $e, 5) === 0) {
            return 'timed out';
        }
        foreach ($r as $key => $stream) {
            if ($key === 'server') {
                $conn = stream_socket_accept($server, 0);
                stream_set_blocking($conn, false);
                $clients['c' . count($clients)] = $conn;
                continue;
            }
            $data = fread($stream, 1024);
            if ($data === '' && feof($stream)) {
                fclose($stream);
                unset($clients[$key]);
                $served++;
                continue;
            }
            fwrite($stream, strrev($data));
        }
    }
    return "served $served";
});

$clients = [];
foreach (['one', 'two', 'three'] as $word) {
    $clients[] = spawn(function () use ($address, $word) {
        $s = stream_socket_client("tcp://$address");
        fwrite($s, $word);
        $reply = fread($s, 1024);
        fclose($s);
        return $reply;
    });
}
foreach ($clients as $c) echo await($c), "\n";
echo await($loop), "\n";
?>
--EXPECT--
eno
owt
eerht
served 3
