--TEST--
Hooks: the process's own stdio over a pipe inside coroutines: fwrite(STDOUT) and echo to a reader that does not read, and a read of php://stdin with nothing to read, suspend only the coroutine (the others run); everything arrives intact; a proc_open ['socket'] descriptor is read in a coroutine while others run; outside coroutines stock
--FILE--
<?php
use function Async\{spawn, await, delay};

// valgrind does not know pidfd_open(2): proc_close() in a coroutine polls with waitpid() there.
if (getenv('USE_ZEND_ALLOC') === '0') putenv('ASYNC_UV_NO_PIDFD=1');
$php = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async',
    __DIR__ . '/stdio_pipes_child.inc.php'];

foreach (['write-stream', 'write-echo'] as $mode) {
    $child = proc_open([...$php, $mode], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    usleep(500000); // the reader (this process, outside coroutines) does not read for a while
    $out = stream_get_contents($pipes[1]);
    echo $mode, ': ', strlen($out), ' bytes, intact: ', json_encode($out === str_repeat('0123456789abcdef', 65536)), ', ', stream_get_contents($pipes[2]);
    proc_close($child);
}
// A command run meanwhile inherits the same stdout: still a blocking descriptor for it.
$child = proc_open([...$php, 'write-shared'], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
usleep(500000);
$out = stream_get_contents($pipes[1]);
echo 'write-shared: ', strlen($out), ' bytes, intact: ',
    json_encode($out === str_repeat('0123456789abcdef', 32768) . str_repeat('z', 524288)), ', ', stream_get_contents($pipes[2]);
proc_close($child);

// A writer cancelled while the pipe is full leaves at once with the cancellation.
$child = proc_open([...$php, 'write-cancel'], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$err = stream_get_contents($pipes[2]); // the child ends without anyone reading its stdout
echo 'write-cancel: ', $err;
fclose($pipes[1]);
proc_close($child);
$child = proc_open([...$php, 'read-stdin'], [0 => ['pipe', 'r'], 2 => ['pipe', 'w']], $pipes);
usleep(500000);
fwrite($pipes[0], "hello\n");
fclose($pipes[0]);
echo 'read-stdin: ', stream_get_contents($pipes[2]);
proc_close($child);

// proc_open's ['socket'] descriptors: outside coroutines as stock, inside one the read waits only
// its coroutine.
$command = ['sh', '-c', 'sleep 0.3; echo from-socket'];
$p = proc_open($command, [1 => ['socket']], $pipes);
echo 'stock: ', fgets($pipes[1]);
proc_close($p);
$ticks = 0;
$ticker = spawn(function () use (&$ticks) { while (true) { delay(10); $ticks++; } });
$line = await(spawn(function () use ($command) {
    $p = proc_open($command, [1 => ['socket']], $pipes);
    $line = fgets($pipes[1]);
    $type = stream_get_meta_data($pipes[1])['stream_type'];
    proc_close($p);
    return "$line ($type)";
}));
$ticker->cancel();
echo 'in a coroutine: ', $line, "\n", 'ticks while waiting: ', $ticks >= 10 ? 'many' : $ticks, "\n";
?>
--EXPECT--
write-stream: 1048576 bytes, intact: true, wrote, ticks while waiting: many
write-echo: 1048576 bytes, intact: true, echoed, ticks while waiting: many
write-shared: 1048576 bytes, intact: true, wrote, the command exited with 0, ticks while waiting: many
write-cancel: writer: Async\AsyncCancellation, ticks while waiting: many
read-stdin: read hello from STDIO, ticks while waiting: many
stock: from-socket
in a coroutine: from-socket
 (generic_socket)
ticks while waiting: many
