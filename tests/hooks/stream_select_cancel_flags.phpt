--TEST--
Hooks: stream_select() in a coroutine: cancelling it leaves the arrays as passed; a blocking pipe stays blocking after the wait
--FILE--
<?php
use function Async\{spawn, await, delay};

// cancelled while waiting forever
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$waiter = spawn(function () use ($a) {
    $r = ['key' => $a]; $w = null; $e = null;
    try {
        stream_select($r, $w, $e, null);
        echo "not reached\n";
    } catch (Async\AsyncCancellation $ex) {
        echo get_class($ex), "; arrays: ", json_encode([array_keys($r), $w, $e]), "\n";
    }
});
spawn(function () use ($waiter) { delay(50); $waiter->cancel(); });
await($waiter);
var_dump($waiter->isCompleted());

// the child writes "a" after 100 ms and "b" 300 ms later
$proc = proc_open(['sh', '-c', 'sleep 0.1; printf a; sleep 0.3; printf b'], [1 => ['pipe', 'w']], $pipes);
$got = await(spawn(function () use ($pipes) {
    $r = [$pipes[1]]; $w = null; $e = null;
    $n = stream_select($r, $w, $e, 5);
    return [$n, fread($pipes[1], 1)];
}));
echo json_encode($got), "\n";
// Outside any coroutine: a plain blocking read, which waits for "b" (an O_NONBLOCK fd would give "")
$t = hrtime(true);
var_dump(fread($pipes[1], 1), (hrtime(true) - $t) / 1e6 > 100);
proc_close($proc);
?>
--EXPECT--
Async\AsyncCancellation; arrays: [["key"],null,null]
bool(true)
[1,"a"]
string(1) "b"
bool(true)
