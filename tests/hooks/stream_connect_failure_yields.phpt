--TEST--
Stream hooks: a connect that fails at once (refused on loopback, a unix socket path nobody listens on) still goes through the scheduler, so a loop that retries it lets the other coroutines run; the failure and its warning are stock's
--FILE--
<?php
use function Async\{spawn, await, delay};

// a port nobody listens on: bind one, then close it
$probe = stream_socket_server('tcp://127.0.0.1:0');
$refused = 'tcp://' . stream_socket_get_name($probe, false);
fclose($probe);
$nobody = 'unix://' . sys_get_temp_dir() . '/async-nobody-' . getmypid() . '.sock';

foreach ([$refused, $nobody] as $i => $address) {
    $ticks = 0;
    $ticker = spawn(function () use (&$ticks) {
        for ($i = 0; $i < 10; $i++) {
            delay(5);
            $ticks++;
        }
    });
    $retrying = spawn(function () use ($address, &$ticks) {
        $tries = 0;
        // until the other coroutine has run ten times: without a switch it never would
        while ($ticks < 10) {
            $tries++;
            $client = @stream_socket_client($address, $errno, $errstr, 1);
            if ($client !== false) {
                return "connected?";
            }
        }
        return $errstr;
    });
    echo $i === 0 ? "refused: " : "unix path: ", await($retrying), "\n";
    await($ticker);
}
$client = @stream_socket_client($refused, $errno, $errstr, 1);
echo "from the main script: $errstr\n";
?>
--EXPECT--
refused: Connection refused
unix path: No such file or directory
from the main script: Connection refused
