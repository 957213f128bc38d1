--TEST--
Hooks: stream_select() in a coroutine waits through the reactor (others run meanwhile) over socket pairs, proc_open and popen pipes; the result arrays keep their keys
--FILE--
<?php
use function Async\{spawn, await, delay};
// valgrind does not know pidfd_open(2): the process events poll with waitpid() instead there.
if (getenv('USE_ZEND_ALLOC') === '0') putenv('ASYNC_UV_NO_PIDFD=1');

[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
[$c, $d] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$proc = proc_open(['sh', '-c', 'sleep 0.3; echo from-child'], [1 => ['pipe', 'w']], $pipes);

$ticks = 0;
$done = false;
$ticker = spawn(function () use (&$ticks, &$done) {
    while (!$done) { delay(20); $ticks++; }
});
$selector = spawn(function () use ($a, $c, $pipes, &$ticks) {
    $results = [];
    // 1. a socket pair, written by another coroutine after 100 ms
    $r = ['first' => $a, 7 => $c]; $w = null; $e = null;
    $n = stream_select($r, $w, $e, 5);
    $results[] = ['pair', $n, array_keys($r), fread($a, 10), $ticks > 0];
    // 2. a proc_open pipe, written by the child after 300 ms
    $r = ['child' => $pipes[1], 'other' => $c]; $w = []; $e = null;
    $n = stream_select($r, $w, $e, null);
    $results[] = ['pipe', $n, array_keys($r), trim(fgets($pipes[1])), $w];
    // 2b. a popen() pipe
    $p = popen('sleep 0.2; echo from-popen', 'r');
    $r = ['popen' => $p]; $w = null; $e = null;
    $n = stream_select($r, $w, $e, 5);
    $results[] = ['popen', $n, array_keys($r), trim(fgets($p))];
    pclose($p);
    // 3. writable at once, in the write set only
    $r = null; $w = [5 => $a]; $e = [];
    $results[] = ['writable', stream_select($r, $w, $e, 1), $r, array_keys($w), $e];
    // 4. a timeout: nothing becomes ready, others keep running
    $before = $ticks; $t = hrtime(true);
    $r = ['x' => $c]; $w = null; $e = [$c];
    $n = stream_select($r, $w, $e, 0, 200000);
    $ms = (hrtime(true) - $t) / 1e6;
    $results[] = ['timeout', $n, $r, $e, $ms >= 190, $ticks > $before];
    return $results;
});
spawn(function () use ($b) { delay(100); fwrite($b, "hello"); });

$results = await($selector);
$done = true;
foreach ($results as $line) echo json_encode($line), "\n";
await($ticker);
proc_close($proc);
?>
--EXPECT--
["pair",1,["first"],"hello",true]
["pipe",1,["child"],"from-child",[]]
["popen",1,["popen"],"from-popen"]
["writable",1,null,[5],[]]
["timeout",0,[],[],true,true]
