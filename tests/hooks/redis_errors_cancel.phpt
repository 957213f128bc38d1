--TEST--
Hooks: phpredis errors inside coroutines are stock PHP's (refused connection, unknown host, a read timeout, a server that dies mid-reply, wrong types, bad arguments); a coroutine cancelled in the middle of a BLPOP or a slow command ends with the cancellation itself, never a RedisException, and the Redis object works again after
--EXTENSIONS--
igbinary
msgpack
redis
--SKIPIF--
<?php require __DIR__ . '/redis_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis_config.inc';
use function Async\{spawn, await, delay};

[$slow] = delay_proxy(redis_target(), 300);
$refused = refused_port();

// A server that reads a request, answers half a bulk string and closes the connection.
$script = '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1), "\n";'
    . 'while ($c = stream_socket_accept($s, 30)) { fread($c, 1000); fwrite($c, "$10\r\nabc"); fclose($c); }';
$dying = proc_open([PHP_BINARY, '-n', '-r', $script], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
$dies = (int) fgets($pipes[1]);

function outcome(Closure $call): string {
    set_error_handler(function ($no, $message) use (&$warnings) { $warnings[] = "warning: $message"; return true; });
    try {
        $value = json_encode($call());
    } catch (Throwable $e) {
        $value = get_class($e) . ': ' . $e->getMessage();
    }
    restore_error_handler();
    return implode(' ', array_merge($warnings ?? [], [$value]));
}

function probe(int $slow, int $refused, int $dies): array {
    $r = [];
    $r['refused'] = outcome(fn () => redis_client($refused));
    $r['unknown host'] = outcome(fn () => (new Redis())->connect('no-such-host.invalid', 6379, 5));
    $r['read timeout'] = outcome(fn () => redis_client($slow, 0.1)->get('k'));
    $r['dies mid-reply'] = outcome(fn () => redis_client($dies)->get('k'));
    $c = redis_client();
    $c->set('text', 'abc');
    // phpredis 5 (Debian 12) keeps the reply's terminating NUL in the message, phpredis 6 (Debian 13) not.
    $r['wrong type'] = outcome(fn () => [$c->lPush('text', 'x'), rtrim((string) $c->getLastError(), "\0")]);
    $r['unknown command'] = outcome(fn () => $c->rawCommand('NO-SUCH-COMMAND'));
    $r['bad argument'] = outcome(fn () => $c->get([]));
    return $r;
}
$stock = probe($slow, $refused, $dies);
$hooked = await(spawn(fn () => probe($slow, $refused, $dies)));
var_dump($stock === $hooked);
foreach ($hooked as $case => $outcome) echo "$case: $outcome\n";

function cancel_after(int $ms, Closure $operation): string {
    $coroutine = spawn(function () use ($operation) {
        try {
            return 'not cancelled: ' . json_encode($operation());
        } catch (Exception $e) {
            return 'caught ' . get_class($e);
        }
    });
    delay($ms);
    $t = hrtime(true);
    $coroutine->cancel();
    try {
        $what = await($coroutine);
    } catch (Async\AsyncCancellation $e) {
        $what = get_class($e);
    }
    return $what . (((hrtime(true) - $t) / 1e9) < 1.0 ? ', at once' : ', late');
}
$c = redis_client();
echo 'BLPOP: ', cancel_after(200, fn () => $c->blPop(['never'], 5)), "\n";
var_dump($c->ping());
$s = redis_client($slow);
echo 'GET through a slow server: ', cancel_after(100, fn () => $s->get('text')), "\n";
var_dump(await(spawn(fn () => $s->get('text'))));
fclose($pipes[0]);
proc_terminate($dying);
proc_close($dying);
?>
--EXPECTF--
bool(true)
refused: RedisException: Connection refused
unknown host: warning: Redis::connect(): php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s RedisException: php_network_getaddresses: getaddrinfo for no-such-host.invalid failed: %s
read timeout: RedisException: read error on connection to 127.0.0.1:%d
dies mid-reply: RedisException: socket error on read socket
wrong type: [false,"WRONGTYPE Operation against a key holding the wrong kind of value"]
unknown command: false
bad argument: TypeError: Redis::get(): Argument #1 ($key) must be of type string, array given
BLPOP: Async\AsyncCancellation, at once
bool(true)
GET through a slow server: Async\AsyncCancellation, at once
string(3) "abc"
