--TEST--
Reliability (load): 10,000 concurrent connections to a coroutine server (one coroutine each, the fd limit raised in the test): all are open at once, each waits on one shared Future that releases them together, each gets its own answer; no descriptor is left
--EXTENSIONS--
posix
--SKIPIF--
<?php
if (getenv('USE_ZEND_ALLOC') === '0') die('skip load test: not under valgrind');
$hard = posix_getrlimit()['hard openfiles'];
if ($hard !== 'unlimited' && (int) $hard < 10200) die("skip the hard limit of open files is $hard, below 10,200");
?>
--FILE--
<?php
require __DIR__ . '/figures.inc';
use Async\FutureState;
use Async\Future;
use function Async\{spawn, await, await_all};

const CONNECTIONS = 10000, CLIENTS = 4;
$hard = posix_getrlimit()['hard openfiles'];
$limit = $hard === 'unlimited' ? 20000 : min(20000, (int) $hard);
var_dump(posix_setrlimit(POSIX_RLIMIT_NOFILE, $limit, $hard === 'unlimited' ? -1 : (int) $hard));
// The reactor's own descriptors (its loop, the child watcher's /dev/null) exist before the count.
Async\await(Async\spawn(fn() => exec('true')));
$fds = count(scandir('/proc/self/fd'));

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 4096]]));
$address = stream_socket_get_name($server, false);

$all_in = new FutureState();
$released = new Future($all_in);
$connected = 0; $max_open = 0; $open = 0;
$handlers = [];
$started = hrtime(true);
$acceptor = spawn(function () use ($server, $released, $all_in, &$connected, &$open, &$max_open, &$handlers) {
    for ($accepted = 0; $accepted < CONNECTIONS && ($client = stream_socket_accept($server, 60)) !== false; $accepted++) {
        $handlers[] = spawn(function () use ($client, $released, $all_in, &$connected, &$open, &$max_open) {
            $open++;
            $line = fgets($client);
            if (++$connected === CONNECTIONS) $all_in->complete(true);
            $max_open = max($max_open, $open);
            await($released);
            fwrite($client, "ok " . $line);
            fgets($client); // the client closes
            fclose($client);
            $open--;
        });
    }
});

// The clients: processes of their own (each would need as many descriptors again).
$script = <<<'PHP'
<?php
[$_, $address, $first, $count] = $argv;
$cs = [];
for ($i = $first; $i < $first + $count; $i++) {
    $cs[] = Async\spawn(function () use ($address, $i) {
        $c = stream_socket_client("tcp://$address", $errno, $errstr, 60);
        if ($c === false) return "connect $i: $errstr";
        fwrite($c, "$i\n");
        $answer = fgets($c);
        fclose($c);
        return $answer === "ok $i\n" ? null : "answer $i: " . var_export($answer, true);
    });
}
$wrong = array_filter(Async\await_all($cs)[0]);
echo count($wrong) === 0 ? "ok\n" : implode("\n", array_slice($wrong, 0, 3)) . "\n";
PHP;
$file = __DIR__ . '/load_connections.client.tmp.php';
file_put_contents($file, $script);
$per = CONNECTIONS / CLIENTS;
$children = [];
for ($k = 0; $k < CLIENTS; $k++) {
    $cmd = sprintf('ulimit -n %d && exec %s -n -d extension_dir=%s -d extension=async %s %s %d %d 2>&1',
        $per + 100, PHP_BINARY, escapeshellarg(ini_get('extension_dir')), escapeshellarg($file), $address, $k * $per, $per);
    $children[] = spawn(fn() => shell_exec($cmd));
}
$outputs = await_all($children)[0];
await($acceptor);
await_all($handlers);
figure("%d connections, %d open at once, %.2f s\n", $connected, $max_open, (hrtime(true) - $started) / 1e9);
echo implode('', $outputs);
var_dump($connected, $max_open);
fclose($server);
unset($handlers, $acceptor);
var_dump(count(scandir('/proc/self/fd')) === $fds);
?>
--CLEAN--
<?php @unlink(__DIR__ . '/load_connections.client.tmp.php'); ?>
--EXPECT--
bool(true)
ok
ok
ok
ok
int(10000)
int(10000)
bool(true)
