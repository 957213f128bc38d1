--TEST--
Hooks: NAN, INF, negative and huge times given to the hooked functions give inside a coroutine what they give outside (stock PHP); none sleeps for ever or times out at once where stock does not
--EXTENSIONS--
sockets
--FILE--
<?php
use function Async\{spawn, await, delay};

function outcome(callable $call): string {
    try {
        $r = @$call();
        return 'returned ' . var_export($r, true) . (error_get_last() ? ' warning: ' . error_get_last()['message'] : '');
    } catch (Throwable $e) {
        return get_class($e) . ': ' . $e->getMessage();
    } finally {
        error_clear_last();
    }
}

$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
$cases = [
    'time_sleep_until(NAN)' => fn() => time_sleep_until(NAN),
    'time_sleep_until(INF)' => fn() => time_sleep_until(INF),
    'time_sleep_until(-INF)' => fn() => time_sleep_until(-INF),
    'time_sleep_until(-1.5)' => fn() => time_sleep_until(-1.5),
    'time_sleep_until(1e30)' => fn() => time_sleep_until(1e30),
    'time_sleep_until(past)' => fn() => time_sleep_until(microtime(true) - 10),
    'sleep(-1)' => fn() => sleep(-1),
    'usleep(-1)' => fn() => usleep(-1),
    'time_nanosleep(-1, 0)' => fn() => time_nanosleep(-1, 0),
    'time_nanosleep(0, -1)' => fn() => time_nanosleep(0, -1),
    'time_nanosleep(0, 1e9)' => fn() => time_nanosleep(0, 1000000000),
    'stream_socket_accept(NAN)' => fn() => stream_socket_accept($server, NAN),
    'stream_socket_accept(INF)' => fn() => stream_socket_accept($server, INF),
    'stream_socket_accept(-INF)' => fn() => stream_socket_accept($server, -INF),
    'stream_socket_accept(0.05)' => fn() => stream_socket_accept($server, 0.05),
    'stream_socket_client(NAN)' => fn() => stream_socket_client("tcp://$address", $errno, $errstr, NAN),
    'stream_socket_client(INF)' => fn() => stream_socket_client("tcp://$address", $errno, $errstr, INF),
    'stream_select(-1)' => function () { [$a] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0); $r = [$a]; $w = $e = null; return stream_select($r, $w, $e, -1); },
    'stream_select(0, -1)' => function () { [$a] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0); $r = [$a]; $w = $e = null; return stream_select($r, $w, $e, 0, -1); },
    'stream_select(NAN)' => function () { [$a] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0); $r = [$a]; $w = $e = null; return stream_select($r, $w, $e, NAN); },
    'socket_select(-1)' => function () { socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); $r = [$p[0]]; $w = $e = null; return socket_select($r, $w, $e, -1); },
    'socket_select(0, -1)' => function () { socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); $r = [$p[0]]; $w = $e = null; return socket_select($r, $w, $e, 0, -1); },
    'stream_set_timeout(0, -1) then fread' => function () { [$a] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0); stream_set_timeout($a, 0, -1); return [fread($a, 10), stream_get_meta_data($a)['timed_out']]; },
];

$outside = array_map('outcome', $cases);
$inside = await(spawn(fn() => array_map('outcome', $cases)));
foreach ($cases as $name => $_) {
    echo $outside[$name] === $inside[$name] ? "same" : "DIFFERENT", "  $name: $outside[$name]\n";
    if ($outside[$name] !== $inside[$name]) {
        echo "    in a coroutine: $inside[$name]\n";
    }
}

// A huge read timeout waits for the data (it timed out at once: the deadline overflowed); stock
// waits as good as for ever.
$client = stream_socket_client("tcp://$address");
$peer = stream_socket_accept($server);
stream_set_timeout($client, PHP_INT_MAX);
$writer = spawn(function () use ($peer) { delay(100); fwrite($peer, "late"); });
$t = hrtime(true);
var_dump(await(spawn(fn() => fread($client, 10))), stream_get_meta_data($client)['timed_out'], (hrtime(true) - $t) / 1e6 >= 90);
await($writer);
?>
--EXPECTF--
same  time_sleep_until(NAN): ValueError: time_sleep_until(): Argument #1 ($timestamp) must be between 0 and %d
same  time_sleep_until(INF): ValueError: time_sleep_until(): Argument #1 ($timestamp) must be between 0 and %d
same  time_sleep_until(-INF): ValueError: time_sleep_until(): Argument #1 ($timestamp) must be between 0 and %d
same  time_sleep_until(-1.5): ValueError: time_sleep_until(): Argument #1 ($timestamp) must be between 0 and %d
same  time_sleep_until(1e30): ValueError: time_sleep_until(): Argument #1 ($timestamp) must be between 0 and %d
same  time_sleep_until(past): returned false warning: time_sleep_until(): Argument #1 ($timestamp) must be greater than or equal to the current time
same  sleep(-1): ValueError: sleep(): Argument #1 ($seconds) must be greater than or equal to 0
same  usleep(-1): ValueError: usleep(): Argument #1 ($microseconds) must be greater than or equal to 0
same  time_nanosleep(-1, 0): ValueError: time_nanosleep(): Argument #1 ($seconds) must be greater than or equal to 0
same  time_nanosleep(0, -1): ValueError: time_nanosleep(): Argument #2 ($nanoseconds) must be greater than or equal to 0
same  time_nanosleep(0, 1e9): ValueError: Nanoseconds was not in the range 0 to 999 999 999 or seconds was negative
same  stream_socket_accept(NAN): ValueError: stream_socket_accept(): Argument #2 ($timeout) must be a finite value
same  stream_socket_accept(INF): ValueError: stream_socket_accept(): Argument #2 ($timeout) must be a finite value
same  stream_socket_accept(-INF): ValueError: stream_socket_accept(): Argument #2 ($timeout) must be a finite value
same  stream_socket_accept(0.05): returned false warning: stream_socket_accept(): Accept failed: Connection timed out
same  stream_socket_client(NAN): ValueError: stream_socket_client(): Argument #4 ($timeout) must be a finite value
same  stream_socket_client(INF): ValueError: stream_socket_client(): Argument #4 ($timeout) must be a finite value
same  stream_select(-1): ValueError: stream_select(): Argument #4 ($seconds) must be greater than or equal to 0
same  stream_select(0, -1): ValueError: stream_select(): Argument #5 ($microseconds) must be greater than or equal to 0
same  stream_select(NAN): TypeError: stream_select(): Argument #4 ($seconds) must be of type ?int, float given
same  socket_select(-1): returned false warning: socket_select(): Unable to select [22]: Invalid argument
same  socket_select(0, -1): returned false warning: socket_select(): Unable to select [22]: Invalid argument
same  stream_set_timeout(0, -1) then fread: returned array (
  0 => %s,
  1 => false,
)
string(4) "late"
bool(false)
bool(true)
