--TEST--
Reliability (cancellation): a coroutine cancelled in each kind of wait (sleep, usleep, delay, read, write to a full socket, connect, accept, DNS, exec, proc_open pipes, popen, stream_select, socket_read, Channel recv and send, await, signal) sees the cancellation itself at once; the resource is left usable (or, for a connect, never made) and nothing is half-used: no value lost, no byte interleaved, no descriptor left
--EXTENSIONS--
sockets
--INI--
pcre.jit=0
--FILE--
<?php
// valgrind 3.19 does not know pidfd_open(2): the reactor's process events use their fallback there.
if (getenv('USE_ZEND_ALLOC') === '0') putenv('ASYNC_UV_NO_PIDFD=1');
use Async\{Channel, FutureState, Future, Signal};
use function Async\{spawn, await, delay, suspend};

function fds(): int { return count(scandir('/proc/self/fd')); }
function pair(): array { return stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0); }

// Runs $wait in a coroutine, cancels it once it waits, and prints what the coroutine saw and
// what $after finds about the resource.
function probe(string $name, Closure $wait, ?Closure $after = null): void {
    $entered = false; $seen = 'nothing';
    $c = spawn(function () use ($wait, &$entered, &$seen) {
        $entered = true;
        try {
            $wait();
            $seen = 'returned';
        } catch (Async\AsyncCancellation $e) {
            $seen = 'the cancellation';
        } catch (Throwable $e) {
            $seen = get_class($e) . ': ' . $e->getMessage();
        }
    });
    while (!$entered) suspend();
    delay(20); // it waits now (it let the main script run)
    $t = hrtime(true);
    $c->cancel();
    await($c);
    $ms = (hrtime(true) - $t) / 1e6;
    echo "$name: saw $seen", $ms < 1000 ? '' : " after $ms ms", $after ? ', ' . $after() : '', "\n";
}

// What the reactor keeps for the whole request (its loop, signal pipes, a resolver socket) is
// made before the count starts.
delay(1); gethostbyname('localhost'); exec('true');
$fds = fds();

probe('sleep', fn() => sleep(30));
probe('usleep', fn() => usleep(30000000));
probe('time_nanosleep', fn() => time_nanosleep(30, 0));
probe('delay', fn() => delay(30000));

[$a, $b] = pair();
probe('fread', fn() => fread($a, 10), function () use ($a, $b) {
    fwrite($b, 'x');
    return 'then reads ' . var_export(fread($a, 10), true);
});
probe('fgets', fn() => fgets($a), function () use ($a, $b) {
    fwrite($b, "line\n");
    return 'then reads ' . var_export(fgets($a), true);
});
fclose($a); fclose($b);

[$a, $b] = pair();
probe('fwrite to a full socket', fn() => fwrite($a, str_repeat('x', 8 << 20)), function () use ($a, $b) {
    // What went before the cancellation stays sent (a socket cannot take it back); what is
    // written next follows it whole.
    $writer = spawn(fn() => fwrite($a, 'tail'));
    stream_set_blocking($b, false);
    $got = '';
    while (!str_ends_with($got, 'tail')) {
        $chunk = fread($b, 1 << 20);
        if ($chunk === '') delay(1);
        $got .= $chunk;
    }
    await($writer);
    return 'then the reader gets ' . (preg_match('/^x+tail$/', $got) ? 'x...x then tail, nothing mixed' : 'garbage');
});
fclose($a); fclose($b);

// A server that never accepts, its backlog full: the next connect waits (the kernel drops its SYN).
$full = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 0]]));
$full_address = stream_socket_get_name($full, false);
$queued = [];
for ($k = 0; $k < 4; $k++) $queued[] = @stream_socket_client("tcp://$full_address", $errno, $errstr, 0.2);
probe('connect', fn() => stream_socket_client("tcp://$full_address", $errno, $errstr, 30), function () use ($full, &$queued) {
    $queued = [];
    fclose($full);
    return 'no stream made';
});
$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
probe('stream_socket_accept', fn() => stream_socket_accept($server, 30), function () use ($server, $address) {
    $client = stream_socket_client("tcp://$address");
    $ok = stream_socket_accept($server, 5) !== false;
    fclose($client);
    return $ok ? 'then the server accepts' : 'then the server is broken';
});
probe('socket_read', function () {
    $s = socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
    try { socket_read($pair[0], 10); } finally { socket_close($pair[0]); socket_close($pair[1]); }
});
$i = 0;
probe('DNS (gethostbyname)', function () use (&$i) { while (true) gethostbyname('n' . $i++ . '.reliability.invalid'); },
    fn() => 'then localhost resolves to ' . gethostbyname('localhost'));
probe('exec', fn() => exec('sleep 30'));
probe('shell_exec', fn() => shell_exec('sleep 30'));
$p = proc_open(['sleep', '30'], [1 => ['pipe', 'w']], $pipes);
probe('proc_open pipe read', fn() => fread($pipes[1], 10), function () use ($p, $pipes) {
    proc_terminate($p, SIGKILL);
    $eof = stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    return 'then the pipe ends ' . var_export($eof, true) . ', the child is reaped ' . (proc_close($p) !== false ? 'yes' : 'no');
});
$h = popen('sleep 2', 'r'); // pclose() waits for it at the end
probe('popen read', fn() => fread($h, 10));
[$a, $b] = pair();
probe('stream_select', function () use ($a) { $r = [$a]; $w = $e = null; stream_select($r, $w, $e, 30); },
    function () use ($a, $b) {
        fwrite($b, 'x');
        $r = [$a]; $w = $e = null;
        return 'then select finds ' . stream_select($r, $w, $e, 5);
    });
fclose($a); fclose($b);

$ch = new Channel(0);
probe('Channel::recv', fn() => $ch->recv(), function () use ($ch) {
    $sender = spawn(fn() => $ch->send('v'));
    $got = $ch->recv();
    await($sender);
    return "then the next recv gets '$got'";
});
$ch = new Channel(1);
$ch->send('first');
probe('Channel::send to a full channel', fn() => $ch->send('cancelled one'), function () use ($ch) {
    return "then the channel holds " . count($ch) . ": '" . $ch->recv() . "'";
});
$state = new FutureState();
$future = new Future($state);
probe('await', fn() => await($future), function () use ($state, $future) {
    $state->complete('later');
    return 'then the Future still completes: ' . await($future);
});
probe('Async\signal', fn() => await(Async\signal(Signal::SIGUSR1)));

pclose($h);
fclose($server);
// A lookup the cancelled DNS probe left running in libuv's thread pool holds the resolver's UDP
// socket until the DNS server answers (or the resolver gives up: 5 s a try): wait for that, no
// longer; a descriptor still open after 15 s is left behind.
for ($waited = 0; $waited < 150 && fds() !== $fds; $waited++) delay(100);
var_dump(fds() === $fds);
?>
--EXPECTF--
sleep: saw the cancellation
usleep: saw the cancellation
time_nanosleep: saw the cancellation
delay: saw the cancellation
fread: saw the cancellation, then reads 'x'
fgets: saw the cancellation, then reads 'line
'
fwrite to a full socket: saw the cancellation, then the reader gets x...x then tail, nothing mixed

Warning: stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Operation canceled) in %s on line %d
connect: saw the cancellation, no stream made

Warning: stream_socket_accept(): Accept failed: Operation canceled in %s on line %d
stream_socket_accept: saw the cancellation, then the server accepts
socket_read: saw the cancellation
DNS (gethostbyname): saw the cancellation, then localhost resolves to 127.0.0.1
exec: saw the cancellation
shell_exec: saw the cancellation
proc_open pipe read: saw the cancellation, then the pipe ends '', the child is reaped yes
popen read: saw the cancellation
stream_select: saw the cancellation, then select finds 1
Channel::recv: saw the cancellation, then the next recv gets 'v'
Channel::send to a full channel: saw the cancellation, then the channel holds 1: 'first'
await: saw the cancellation, then the Future still completes: later
Async\signal: saw the cancellation
bool(true)
