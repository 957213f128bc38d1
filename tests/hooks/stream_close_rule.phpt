--TEST--
Hooks: one rule for a stream closed by one coroutine while another waits on it, the same for a pipe and a socket: the waiter fails as PHP's read on a closed descriptor does, the close returns once it has left, and a cancellation of the closing coroutine meanwhile does not stop the close (it is thrown afterwards)
--FILE--
<?php
use function Async\spawn;
use function Async\await;
use function Async\suspend;
// valgrind does not know pidfd_open(2): the process events poll with waitpid() instead there.
if (getenv('USE_ZEND_ALLOC') === '0') putenv('ASYNC_UV_NO_PIDFD=1');

$server = stream_socket_server('tcp://127.0.0.1:0');
$processes = [];

// A blocking stream nothing will be written to (until the test ends).
function quiet_stream(string $kind) {
    global $server, $processes;
    if ($kind === 'pipe') {
        $processes[] = proc_open('sleep 30', [1 => ['pipe', 'w']], $pipes);
        return $pipes[1];
    }
    $client = stream_socket_client('tcp://' . stream_socket_get_name($server, false));
    $processes[] = stream_socket_accept($server); // the peer, kept open
    return $client;
}

foreach (['pipe', 'socket'] as $kind) {
    echo "-- $kind\n";

    $stream = quiet_stream($kind);
    $log = [];
    $reader = spawn(function () use ($stream, &$log) {
        $got = fread($stream, 10);
        $log[] = 'the reader left';
        return $got;
    });
    $closer = spawn(function () use ($stream, &$log) {
        $closed = fclose($stream);
        $log[] = 'fclose returned';
        return $closed;
    });
    var_dump(await($reader), await($closer));
    echo implode(', ', $log), "\n";

    $stream = quiet_stream($kind);
    $reader = spawn(fn() => fread($stream, 10));
    $closer = spawn(fn() => fclose($stream));
    suspend(); // the reader waits; the closer wakes it and waits until it has left
    $closer->cancel();
    try {
        await($closer);
        echo "not cancelled\n";
    } catch (Async\AsyncCancellation $e) {
        echo "the closer ends with its cancellation\n";
    }
    var_dump(await($reader), get_resource_type($stream));
}

foreach ($processes as $process) {
    if (is_resource($process) && get_resource_type($process) === 'process') {
        proc_terminate($process);
        proc_close($process);
    }
}
echo "done\n";
?>
--EXPECTF--
-- pipe

Notice: fread(): Read of %d bytes failed with errno=9 Bad file descriptor in %s on line %d
bool(false)
bool(true)
the reader left, fclose returned

Notice: fread(): Read of %d bytes failed with errno=9 Bad file descriptor in %s on line %d
the closer ends with its cancellation
bool(false)
string(7) "Unknown"
-- socket
bool(false)
bool(true)
the reader left, fclose returned
the closer ends with its cancellation
bool(false)
string(7) "Unknown"
done
