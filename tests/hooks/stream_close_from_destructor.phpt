--TEST--
Stream hooks: a destructor that runs as a coroutine ends cannot close a socket or pipe stream another coroutine waits on (an Error: it cannot wait until that coroutine has left the stream, which PHP would free under it; before, an endless loop); a coroutine can; PHP's blocking functions block in such a destructor
--INI--
default_socket_timeout=5
--FILE--
<?php
use function Async\{spawn, await, delay};

class Closer {
    function __construct(public $stream) {}
    function __destruct() {
        $t = hrtime(true);
        usleep(1000);
        echo "destructor: usleep blocked: ", (hrtime(true) - $t) >= 1e6 ? "yes" : "no", "\n";
        try { fclose($this->stream); } catch (Error $e) { echo "destructor: ", $e->getMessage(), "\n"; }
    }
}

$server = stream_socket_server('tcp://127.0.0.1:0');
$client = stream_socket_client('tcp://' . stream_socket_get_name($server, false));
$peer = stream_socket_accept($server);

$reader = spawn(function () use ($client) {
    $line = fgets($client);
    echo "reader got: ", var_export($line, true), "\n";
    $line = fgets($client);
    echo "reader got: ", var_export($line, true), "\n";
});
delay(5); // the reader waits

spawn(fn() => new Closer($client)); // its result goes as it ends: the destructor runs then
delay(5);
echo "stream still open: ", json_encode(is_resource($client) && !feof($peer)), "\n";
fwrite($peer, "still readable\n");
delay(5);
spawn(function () use ($client) { fclose($client); echo "a coroutine closed it\n"; });
await($reader);

// The same for a pipe of proc_open().
$process = proc_open(['sh', '-c', 'sleep 0.2; echo done'], [1 => ['pipe', 'w']], $pipes);
$out = $pipes[1];
$pipe_reader = spawn(function () use ($out) { $got = fread($out, 100); echo "pipe reader got: ", var_export($got, true), "\n"; });
delay(20);
spawn(fn() => new Closer($out));
await($pipe_reader);
fclose($out);
proc_close($process);
echo "end\n";
?>
--EXPECT--
destructor: usleep blocked: yes
destructor: Cannot close this stream here: another coroutine is waiting on it and this code (a destructor run as a coroutine ends, or by the scheduler) cannot wait until it has left; close it from a coroutine
stream still open: true
reader got: 'still readable
'
reader got: false
a coroutine closed it
destructor: usleep blocked: yes
destructor: Cannot close this stream here: another coroutine is waiting on it and this code (a destructor run as a coroutine ends, or by the scheduler) cannot wait until it has left; close it from a coroutine
pipe reader got: 'done
'
end
