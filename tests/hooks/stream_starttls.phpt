--TEST--
Stream hooks: stream_socket_enable_crypto() on a tcp:// stream inside a coroutine (STARTTLS) hands the stream back to PHP's own ops; data OpenSSL holds is read without waiting on the socket
--SKIPIF--
<?php if (!extension_loaded('openssl')) die('skip openssl'); ?>
--INI--
default_socket_timeout=20
--FILE--
<?php
$dir = sys_get_temp_dir() . '/async-starttls-' . getmypid();
@mkdir($dir);
$key = openssl_pkey_new(['private_key_bits' => 2048, 'private_key_type' => OPENSSL_KEYTYPE_RSA]);
$certificate = openssl_csr_sign(openssl_csr_new(['commonName' => 'localhost'], $key), null, $key, 1);
openssl_x509_export($certificate, $pem);
openssl_pkey_export($key, $keyPem);
file_put_contents("$dir/server.pem", $pem . $keyPem);

// a plain-PHP STARTTLS server in a child process: "STARTTLS" in clear, then one 16 KiB TLS record: after PHP's first 8 KiB read, the rest waits in OpenSSL, not in the socket
$serverCode = <<<'PHP'
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['ssl' => ['local_cert' => $argv[1]]]));
echo stream_socket_get_name($server, false), "\n";
$connection = stream_socket_accept($server, 20);
fgets($connection);
usleep(200000);
fwrite($connection, "GO\n");
stream_socket_enable_crypto($connection, true, STREAM_CRYPTO_METHOD_TLS_SERVER);
fwrite($connection, "first line\n" . str_repeat('p', 16372) . "\n"); // one TLS record of 16 KiB
fgets($connection);
PHP;
$process = proc_open([PHP_BINARY, '-n', '-r', $serverCode, "$dir/server.pem"], [1 => ['pipe', 'w']], $pipes);
$address = trim(fgets($pipes[1]));

$ticks = 0;
$ticker = Async\spawn(function () use (&$ticks) {
    while (true) {
        Async\delay(5);
        $ticks++;
    }
});
$client = Async\spawn(function () use ($address) {
    $stream = stream_socket_client("tcp://$address", $errno, $errstr, 10, STREAM_CLIENT_CONNECT,
        stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]));
    fwrite($stream, "STARTTLS\n");
    echo 'server said: ', fgets($stream);
    var_dump(stream_socket_enable_crypto($stream, true, STREAM_CRYPTO_METHOD_TLS_CLIENT));
    stream_set_timeout($stream, 5);
    $started = microtime(true);
    echo 'first: ', fgets($stream);
    echo 'then: ', strlen(fgets($stream)), " bytes\n";
    $elapsed = microtime(true) - $started;
    echo 'TLS reads did not wait for the timeout: ', $elapsed < 4 ? 'yes' : "no ($elapsed s)", "\n";
    fwrite($stream, "bye\n");
    fclose($stream);
});
Async\await($client);
$ticker->cancel();
echo 'other coroutines ran before TLS: ', $ticks > 0 ? 'yes' : 'no', "\n";

fclose($pipes[1]);
proc_close($process);
unlink("$dir/server.pem");
rmdir($dir);
?>
--EXPECT--
server said: GO
bool(true)
first: first line
then: 16373 bytes
TLS reads did not wait for the timeout: yes
other coroutines ran before TLS: yes
