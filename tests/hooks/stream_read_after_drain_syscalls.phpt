--TEST--
Stream hooks: after a read that drained the socket, the next read makes no recv that fails with "would block" (seen with strace)
--SKIPIF--
<?php
if (!is_executable('/usr/bin/strace')) die('skip strace is not installed');
if (getenv('USE_ZEND_ALLOC') === '0') die('skip not under valgrind: counts system calls of a child');
?>
--FILE--
<?php
// The child: a reader that waits for each of five lines a peer sends one at a time.
$child = <<<'PHP'
use function Async\{spawn, await, delay};
$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
$reader = spawn(function () use ($server) {
    $c = stream_socket_accept($server);
    $n = 0;
    while (fgets($c) !== false) $n++;
    echo "lines: $n\n";
});
$peer = spawn(function () use ($address) {
    $c = stream_socket_client("tcp://$address");
    for ($i = 0; $i < 5; $i++) { delay(5); fwrite($c, "line $i\n"); }
    delay(5);
    fclose($c);
});
await($peer);
await($reader);
PHP;
$file = tempnam(sys_get_temp_dir(), 'drain');
file_put_contents($file, "<?php\n$child");
$trace = tempnam(sys_get_temp_dir(), 'strace');
$php = implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async', $file]));
echo shell_exec("/usr/bin/strace -f -e trace=recvfrom -o " . escapeshellarg($trace) . " $php");
$calls = file($trace);
$would_block = count(array_filter($calls, fn($l) => str_contains($l, 'EAGAIN')));
$with_data = count(array_filter($calls, fn($l) => preg_match('/recvfrom\(.*\) = [1-9]/', $l)));
// The first read finds nothing (the peer has not written yet) and waits; every later one waits first.
echo "recv with data: $with_data, recv that would block: $would_block\n";
unlink($file);
unlink($trace);
?>
--EXPECT--
lines: 5
recv with data: 5, recv that would block: 1
