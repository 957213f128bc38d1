--TEST--
examples/prefork_server.php: workers share one port (SO_REUSEPORT); SIGHUP starts new workers before the old ones retire; SIGTERM finishes a request in flight, stops every worker and exits 0; request bodies and bad requests get 400
--EXTENSIONS--
posix
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip forks worker processes and waits on their timing (not under valgrind)');
if (!function_exists('pcntl_fork')) die('skip needs pcntl');
?>
--FILE--
<?php
$php = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async', '-d', 'extension=posix'];
$master = proc_open([...$php, __DIR__ . '/../../examples/prefork_server.php', '0', '2', '3000'],
    [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$line = fn() => (string) fgets($pipes[1]);
preg_match('~listening on 127\.0\.0\.1:(\d+) with 2 workers: (\d+), (\d+)~', $line(), $m) or die("the master did not start\n");
$port = $m[1];
$first = [$m[2], $m[3]];
$second = [];
// Whatever happens, no process of the example outlives the test.
register_shutdown_function(function () use ($master, &$first, &$second) {
    $status = proc_get_status($master);
    if ($status['running']) {
        posix_kill($status['pid'], SIGTERM);
        for ($i = 0; $i < 200 && proc_get_status($master)['running']; $i++) {
            usleep(20_000);
        }
        posix_kill($status['pid'], SIGKILL);
    }
    foreach ([...$first, ...$second] as $pid) {
        posix_kill((int) $pid, SIGKILL);
    }
});

function get(string $path, string $extra = ''): string
{
    global $port;
    $c = stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 5);
    fwrite($c, "GET $path HTTP/1.1\r\nHost: x\r\n$extra\r\n");
    stream_set_timeout($c, 5);
    return (string) stream_get_contents($c);
}
function worker_of(string $answer): ?string
{
    return preg_match('/hello from worker (\d+)/', $answer, $m) ? $m[1] : null;
}

$served = [];
for ($i = 0; $i < 20; $i++) {
    $served[] = worker_of(get('/'));
}
echo "20 answers, each from a first worker: ", var_export(!array_diff($served, $first), true), "\n";
echo "a body: ", strtok(get('/', "Content-Length: 3\r\n\r\nabc"), "\r\n"), "\n";
echo "a bad request line: ", strtok(get('/ x y'), "\r\n"), "\n";

posix_kill(proc_get_status($master)['pid'], SIGHUP);
preg_match('~reloaded: workers (\d+), (\d+)~', $line(), $m) or die("no reload\n");
$second = [$m[1], $m[2]];
echo "new workers: ", var_export(!array_intersect($second, $first), true), "\n";
$retired = [$line(), $line()];
sort($retired);
$expected = array_map(fn($pid) => "retired: worker $pid\n", $first);
sort($expected);
echo "the first ones retired: ", var_export($retired === $expected, true), "\n";
$served = [];
for ($i = 0; $i < 20; $i++) {
    $served[] = worker_of(get('/'));
}
echo "20 answers, each from a new worker: ", var_export(!array_diff($served, $second), true), "\n";

// A request in flight when SIGTERM comes is finished, then everything stops.
$slow = stream_socket_client("tcp://127.0.0.1:$port", $errno, $error, 5);
fwrite($slow, "GET /sleep/600 HTTP/1.1\r\nHost: x\r\n\r\n");
usleep(200_000);
posix_kill(proc_get_status($master)['pid'], SIGTERM);
stream_set_timeout($slow, 5);
echo "the slow request: ", var_export(worker_of((string) stream_get_contents($slow)) !== null, true), "\n";
echo $line();
$deadline = microtime(true) + 5;
while (($status = proc_get_status($master))['running'] && microtime(true) < $deadline) {
    usleep(20_000);
}
echo "master exit status: ", $status['running'] ? 'still running' : $status['exitcode'], "\n";
$alive = array_filter([...$first, ...$second], fn($pid) => posix_kill((int) $pid, 0));
echo "workers left: ", count($alive), "\n";
echo stream_get_contents($pipes[2]);
?>
--EXPECT--
20 answers, each from a first worker: true
a body: HTTP/1.1 400 Bad Request
a bad request line: HTTP/1.1 400 Bad Request
new workers: true
the first ones retired: true
20 answers, each from a new worker: true
the slow request: true
stopped
master exit status: 0
workers left: 0
