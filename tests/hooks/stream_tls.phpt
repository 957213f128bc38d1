--TEST--
Stream hooks: ssl:// and tls:// inside coroutines (a TLS server coroutine and TLS clients in one script overlap, https:// through the http wrapper; refused connection, handshake timeout, certificate failure and read timeout as PHP gives them)
--SKIPIF--
<?php if (!extension_loaded('openssl')) die('skip openssl'); ?>
--INI--
default_socket_timeout=10
allow_url_fopen=1
pcre.jit=0
--FILE--
<?php
use function Async\spawn;
use function Async\await;
use function Async\await_all;
// valgrind does not know pidfd_open(2): the process events poll with waitpid() instead there.
if (getenv('USE_ZEND_ALLOC') === '0') putenv('ASYNC_UV_NO_PIDFD=1');

const CLIENTS = 3;
const PAUSE_MS = 2000;

$dir = sys_get_temp_dir() . '/async-tls-' . getmypid();
@mkdir($dir);
$key = openssl_pkey_new(['private_key_bits' => 2048, 'private_key_type' => OPENSSL_KEYTYPE_RSA]);
$certificate = openssl_csr_sign(openssl_csr_new(['commonName' => 'localhost'], $key), null, $key, 1);
openssl_x509_export($certificate, $pem);
openssl_pkey_export($key, $keyPem);
file_put_contents("$dir/server.pem", $pem . $keyPem);
$insecure = ['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]];

// a TLS server coroutine: one coroutine per connection, HTTP/1.0 answers after a pause
$server = stream_socket_server('ssl://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['ssl' => ['local_cert' => "$dir/server.pem"]]));
$address = stream_socket_get_name($server, false);
$serverCoroutine = spawn(function () use ($server) {
    $handlers = [];
    while ($connection = @stream_socket_accept($server)) {
        $handlers[] = spawn(function () use ($connection) {
            $request = fgets($connection);
            while (($line = fgets($connection)) !== false && rtrim($line) !== '');
            Async\delay(PAUSE_MS);
            $body = 'over TLS: ' . trim($request) . ' ' . str_repeat('.', 20000);
            fwrite($connection, "HTTP/1.0 200 OK\r\nContent-Length: " . strlen($body) . "\r\n\r\n$body");
            fclose($connection);
        });
    }
    await_all($handlers);
});

$started = microtime(true);
$clients = [];
for ($i = 0; $i < CLIENTS; $i++) {
    $clients[] = spawn(function () use ($i, $address, $insecure) {
        if ($i === CLIENTS - 1) {
            $body = file_get_contents("https://$address/via-https", false, stream_context_create($insecure));
            return substr($body, 0, 40) . ' (' . strlen($body) . ' bytes)';
        }
        $scheme = $i === 0 ? 'ssl' : 'tls';
        $stream = stream_socket_client("$scheme://$address", $errno, $errstr, 5, STREAM_CLIENT_CONNECT,
            stream_context_create($insecure));
        fwrite($stream, "GET /$scheme HTTP/1.0\r\n\r\n");
        $response = stream_get_contents($stream);
        fclose($stream);
        $body = substr($response, strpos($response, "\r\n\r\n") + 4);
        return substr($body, 0, 40) . ' (' . strlen($body) . ' bytes)';
    });
}
[$results] = await_all($clients);
$elapsed = microtime(true) - $started;
ksort($results);
echo implode("\n", $results), "\n";
echo $elapsed < 0.7 * CLIENTS * PAUSE_MS / 1000 ? "overlapped\n" : "serial: $elapsed s\n";
fclose($server);
await($serverCoroutine);

// failures, inside and outside a coroutine: a peer that never answers the handshake, a
// certificate that does not verify
function failures(string $silentAddress, string $tlsAddress): void {
    $closed = stream_socket_server('tcp://127.0.0.1:0');
    $closedPort = explode(':', stream_socket_get_name($closed, false))[1];
    fclose($closed);
    var_dump(stream_socket_client("ssl://localhost:$closedPort", $errno, $errstr, 2), $errno, $errstr);
    var_dump(stream_socket_client("ssl://$silentAddress", $errno, $errstr, 0.5), $errno, $errstr);
    var_dump(stream_socket_client("tls://$tlsAddress", $errno, $errstr, 5), $errno, $errstr);
    // a TLS read times out
    $quiet = stream_socket_client("tls://$tlsAddress", $errno, $errstr, 5, STREAM_CLIENT_CONNECT,
        stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]));
    stream_set_timeout($quiet, 0, 300000);
    var_dump(fread($quiet, 10), stream_get_meta_data($quiet)['timed_out']);
}
$silent = stream_socket_server('tcp://127.0.0.1:0'); // the kernel accepts; nobody speaks TLS
$tlsServerCode = <<<'PHP'
$server = stream_socket_server('tls://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['ssl' => ['local_cert' => $argv[1]]]));
echo stream_socket_get_name($server, false), "\n";
$kept = [];
for ($i = 0; $i < 4; $i++) {
    $kept[] = @stream_socket_accept($server, 10);
}
fgets(STDIN); // until the test ends
PHP;
$process = proc_open([PHP_BINARY, '-n', '-r', $tlsServerCode, "$dir/server.pem"], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
$tlsAddress = trim(fgets($pipes[1]));

ob_start();
failures(stream_socket_get_name($silent, false), $tlsAddress);
$stock = ob_get_clean();
// a coroutine's output buffers are its own: it buffers inside
$inCoroutine = await(spawn(function () use ($silent, $tlsAddress) {
	ob_start();
	failures(stream_socket_get_name($silent, false), $tlsAddress);
	return ob_get_clean();
}));
echo $inCoroutine;
$withoutPorts = fn(string $output) => preg_replace('/(127\.0\.0\.1|localhost):\d+/', '$1:PORT', $output);
echo $withoutPorts($stock) === $withoutPorts($inCoroutine) ? "same as outside coroutines\n" : "DIFFERENT, outside coroutines:\n$stock";

fclose($pipes[0]);
fclose($pipes[1]);
proc_close($process);
unlink("$dir/server.pem");
rmdir($dir);
?>
--EXPECTF--
over TLS: GET /ssl HTTP/1.0 ............ (20028 bytes)
over TLS: GET /tls HTTP/1.0 ............ (20028 bytes)
over TLS: GET /via-https HTTP/1.1 ...... (20034 bytes)
overlapped

Warning: stream_socket_client(): Unable to connect to ssl://localhost:%d (Connection refused) in %s on line %d
bool(false)
int(111)
string(18) "Connection refused"

Warning: stream_socket_client(): SSL: Handshake timed out in %s on line %d

Warning: stream_socket_client(): Failed to enable crypto in %s on line %d

Warning: stream_socket_client(): Unable to connect to ssl://127.0.0.1:%d (Unknown error) in %s on line %d
bool(false)
int(0)
string(0) ""

Warning: stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages:
error:%s:certificate verify failed in %s on line %d

Warning: stream_socket_client(): Failed to enable crypto in %s on line %d

Warning: stream_socket_client(): Unable to connect to tls://127.0.0.1:%d (Unknown error) in %s on line %d
bool(false)
int(0)
string(0) ""
bool(false)
bool(true)
same as outside coroutines
