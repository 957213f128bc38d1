--TEST--
Library hooks: memcached errors inside coroutines are stock PHP's (the same return values, result codes and messages): refused connection, unknown host, timeouts, a server that dies mid-reply, bad keys and values
--EXTENSIONS--
igbinary
msgpack
memcached
--SKIPIF--
<?php require __DIR__ . '/memcached_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/memcached_config.inc';
use function Async\{spawn, await};

[$slow] = delay_proxy(memcached_target(), 300);
$direct = (int) getenv('ASYNC_TEST_MEMCACHED_PORT');
$refused = refused_port();

// A server that reads a request, answers half a value and closes the connection.
$script = '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1), "\n";'
    . 'while ($c = stream_socket_accept($s, 30)) { fgets($c); fwrite($c, "VALUE k 0 10\r\nabc"); fclose($c); }';
$dying = proc_open([PHP_BINARY, '-n', '-r', $script], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
$dies = (int) fgets($pipes[1]);

function outcome(Memcached $m, Closure $call): array {
    try {
        $value = $call($m);
    } catch (Throwable $e) {
        $value = get_class($e) . ': ' . $e->getMessage();
    }
    return [$value, $m->getResultCode(), $m->getResultMessage()];
}

function probe(int $direct, int $slow, int $refused, int $dies): array {
    $r = [];
    $m = memcached_client($refused);
    $r['refused get'] = outcome($m, fn ($m) => $m->get('k'));
    $r['refused set, server now disabled'] = outcome($m, fn ($m) => $m->set('k', 1));
    $r['unknown host'] = outcome(memcached_client(11211, null, 'no-such-host.invalid'), fn ($m) => $m->get('k'));
    $m = memcached_client($slow);
    $m->setOption(Memcached::OPT_POLL_TIMEOUT, 100);
    $r['timeout'] = outcome($m, fn ($m) => $m->get('k'));
    $r['dies mid-reply'] = outcome(memcached_client($dies), fn ($m) => $m->get('k'));
    $m = memcached_client($direct);
    $r['empty key'] = outcome($m, fn ($m) => $m->get(''));
    $r['key with a space'] = outcome($m, fn ($m) => $m->set('a b', 1));
    $r['key too long'] = outcome($m, fn ($m) => $m->set(str_repeat('k', 251), 1));
    $r['missing key'] = outcome($m, fn ($m) => $m->get('no-such-key-' . getmypid()));
    $m->set('text', 'abc');
    $r['increment a string'] = outcome($m, fn ($m) => $m->increment('text'));
    $m->setOption(Memcached::OPT_COMPRESSION, false);
    $r['value too large'] = outcome($m, fn ($m) => $m->set('big', str_repeat('x', 2 * 1024 * 1024)));
    $r['bad argument'] = outcome($m, fn ($m) => $m->get([]));
    $r['add of an existing key'] = outcome($m, fn ($m) => $m->add('text', 'x'));
    return $r;
}

$stock = probe($direct, $slow, $refused, $dies);
$hooked = await(spawn(fn () => probe($direct, $slow, $refused, $dies)));
var_dump($stock === $hooked);
foreach ($hooked as $case => $outcome) echo "$case: ", json_encode($outcome), "\n";
fclose($pipes[0]);
proc_terminate($dying);
proc_close($dying);
?>
--EXPECT--
bool(true)
refused get: [false,3,"CONNECTION FAILURE"]
refused set, server now disabled: [false,47,"SERVER HAS FAILED AND IS DISABLED UNTIL TIMED RETRY"]
unknown host: [false,2,"getaddrinfo() or getnameinfo() HOSTNAME LOOKUP FAILURE"]
timeout: [false,31,"A TIMEOUT OCCURRED"]
dies mid-reply: [false,3,"CONNECTION FAILURE"]
empty key: [false,33,"A BAD KEY WAS PROVIDED\/CHARACTERS OUT OF RANGE"]
key with a space: [false,33,"A BAD KEY WAS PROVIDED\/CHARACTERS OUT OF RANGE"]
key too long: [false,33,"A BAD KEY WAS PROVIDED\/CHARACTERS OUT OF RANGE"]
missing key: [false,16,"NOT FOUND"]
increment a string: [false,9,"CLIENT ERROR"]
value too large: [false,37,"ITEM TOO BIG"]
bad argument: ["TypeError: Memcached::get(): Argument #1 ($key) must be of type string, array given",37,"ITEM TOO BIG"]
add of an existing key: [false,14,"NOT STORED"]
