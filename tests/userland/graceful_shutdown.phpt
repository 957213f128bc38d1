--TEST--
Graceful shutdown (examples/graceful_server.php, docs/signals.md): on SIGTERM a coroutine server stops accepting, the requests in flight finish within the grace period, those still running at the deadline (or at a second SIGTERM) are cancelled with their finally blocks run, and the process exits 0
--EXTENSIONS--
posix
--INI--
pcre.jit=0
--FILE--
<?php
function run_server(array $work_ms, int $grace_ms, array $signal_delays, float $bound): void
{
    $extensions = ini_get('extension_dir');
    $args = [PHP_BINARY, '-n', '-d', "extension_dir=$extensions", '-d', 'extension=async',
        __DIR__ . '/../../examples/graceful_server.php', '0', (string) $grace_ms];
    // Its output goes to a file (the test reads it once the server has ended).
    $log = tempnam(sys_get_temp_dir(), 'graceful');
    $server = proc_open($args, [1 => ['file', $log, 'w'], 2 => ['redirect', 1]], $pipes);
    $deadline = microtime(true) + 10;
    while (!preg_match('/127\.0\.0\.1:\d+/', (string) file_get_contents($log), $m) && microtime(true) < $deadline) {
        usleep(20000);
    }
    $address = "tcp://$m[0]";

    $clients = [];
    foreach ($work_ms as $ms) {
        $clients[] = $client = stream_socket_client($address);
        fwrite($client, "work $ms\n");
    }
    usleep(150000);                                   // the requests are in flight
    $t = microtime(true);
    foreach ($signal_delays as $delay) {
        usleep($delay * 1000);
        posix_kill(proc_get_status($server)['pid'], SIGTERM);
    }
    foreach ($clients as $i => $client) {
        echo "  work {$work_ms[$i]}: ", var_export(fgets($client), true), "\n";
    }
    usleep(100000);
    echo "  new connection after SIGTERM: ", @stream_socket_client($address, $e, $s, 1) ? 'accepted' : 'refused', "\n";
    do {
        $status = proc_get_status($server);
    } while ($status['running'] && usleep(10000) === null);
    $elapsed = microtime(true) - $t;
    proc_close($server);
    $output = preg_replace('/^listening on .*\n/', '', file_get_contents($log));
    unlink($log);
    echo preg_replace('/^/m', '  server: ', trim($output)), "\n";
    echo "  exit status: ", $status['signaled'] ? "killed by signal {$status['termsig']}" : $status['exitcode'], "\n";
    printf("  ended within %.1f s of the first SIGTERM: %s\n", $bound, $elapsed < $bound ? 'yes' : "no ($elapsed)");
}

echo "everything finishes in time:\n";
run_server([200, 400], 5000, [0], 2.0);
echo "deadline:\n";
run_server([200, 400, 10000], 1000, [0], 2.5);
echo "second SIGTERM:\n";
run_server([10000, 10000], 10000, [0, 300], 2.0);
?>
--EXPECT--
everything finishes in time:
  work 200: 'done 200
'
  work 400: 'done 400
'
  new connection after SIGTERM: refused
  server: SIGTERM: not accepting any more
  server: request closed
  server: request closed
  server: all requests finished
  server: bye
  exit status: 0
  ended within 2.0 s of the first SIGTERM: yes
deadline:
  work 200: 'done 200
'
  work 400: 'done 400
'
  work 10000: false
  new connection after SIGTERM: refused
  server: SIGTERM: not accepting any more
  server: request closed
  server: request closed
  server: deadline reached: cancelling the rest
  server: request closed
  server: bye
  exit status: 0
  ended within 2.5 s of the first SIGTERM: yes
second SIGTERM:
  work 10000: false
  work 10000: false
  new connection after SIGTERM: refused
  server: SIGTERM: not accepting any more
  server: second SIGTERM: cancelling the rest
  server: request closed
  server: request closed
  server: bye
  exit status: 0
  ended within 2.0 s of the first SIGTERM: yes
