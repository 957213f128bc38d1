--TEST--
Stress: coroutines doing random socket reads and writes, closes of streams others use, accepts, DNS, sleeps, shell_exec, stream_select and cancellations: no crash, hang, leak or fatal error
--FILE--
<?php
use function Async\{spawn, await, delay, suspend, timeout, await_all};
mt_srand(1);
// Random operations (seeded); what is checked is that it ends, and cleanly (valgrind run).
$server = stream_socket_server('tcp://127.0.0.1:0');
$addr = stream_socket_get_name($server, false);
$conns = [];
$all = [];
$acceptor = spawn(function () use ($server, &$conns) {
    while (true) { $c = @stream_socket_accept($server, 5); if ($c === false) break; $conns[] = $c;
        spawn(function () use ($c) { while (is_resource($c) && ($l = @fgets($c)) !== false) { @fwrite($c, $l); } }); }
});
function op() {
    global $addr, $conns, $all;
    for ($k = 0, $n = mt_rand(1, 5); $k < $n; $k++) {
        try {
            switch (mt_rand(0, 9)) {
                case 0: usleep(mt_rand(0, 2000)); break;
                case 1: $c = @stream_socket_client("tcp://$addr", $e, $s, 1); if ($c) { fwrite($c, "x\n"); fgets($c); if (mt_rand(0,1)) fclose($c); } break;
                case 2: if ($conns) { $c = $conns[array_rand($conns)]; if (is_resource($c)) @fclose($c); } break;
                case 3: gethostbyname('localhost'); break;
                case 4: if (mt_rand(0, 3) == 0) shell_exec('true'); break;
                case 5: if ($all) $all[array_rand($all)]->cancel(); break;
                case 6: if (count($all) < 60) $all[] = spawn('op'); break;
                case 7: $r = [$GLOBALS['server']]; $w = null; $x = null; @stream_select($r, $w, $x, 0, 1000); break;
                case 8: delay(mt_rand(0, 3)); break;
                case 9: $c = @stream_socket_client("tcp://$addr", $e, $s, 1); if ($c) { stream_set_timeout($c, 0, 2000); fgets($c); fclose($c); } break;
            }
        } catch (Async\AsyncCancellation $e) { throw $e; } catch (Throwable $e) { }
    }
}
for ($i = 0; $i < 30; $i++) $all[] = spawn('op');
try { await_all($all, timeout(3000)); } catch (Throwable $e) { echo "await_all: ", get_class($e), "\n"; }
foreach ($conns as $c) if (is_resource($c)) fclose($c);
fclose($server);
$acceptor->cancel();
echo "done: ", count($all) >= 30 ? "ok" : "too few", "\n";
?>
--EXPECTF--
%Adone: ok
