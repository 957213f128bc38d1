--TEST--
Reliability (faults): a peer that resets the connection in the middle of a read and of a write, a half-closed connection (shutdown of one direction), a child killed by SIGKILL while its pipe is read, a TLS handshake against a peer that does not speak TLS (answering garbage, or silent until the timeout): inside a coroutine each gives what stock PHP gives
--EXTENSIONS--
sockets
--FILE--
<?php
require __DIR__ . '/stock.inc';
// The peer: a separate PHP process (with ext/sockets for SO_LINGER: closing with linger 0 resets).
$peer = php_child() . ' -d extension=sockets -r ';
$peer_literal = var_export($peer, true);
$common = <<<PHP
\$peer = $peer_literal;
\$start_peer = fn(string \$code) => proc_open(\$peer . escapeshellarg(\$code), [1 => ['file', '/dev/null', 'w']], \$pipes);
\$server = stream_socket_server('tcp://127.0.0.1:0');
\$port = parse_url('tcp://' . stream_socket_get_name(\$server, false), PHP_URL_PORT);
// Under valgrind this side is slow: the peers wait longer before they act.
\$pause = getenv('USE_ZEND_ALLOC') === '0' ? 1500000 : 300000;
PHP;

compare_with_stock('reset_mid_read', $common . <<<'PHP'
$p = $start_peer("\$s = socket_create(AF_INET, SOCK_STREAM, 0); socket_connect(\$s, '127.0.0.1', $port);
    socket_write(\$s, 'part'); usleep($pause);
    socket_set_option(\$s, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]); socket_close(\$s);");
$c = stream_socket_accept($server, 5);
var_dump(fread($c, 100));
var_dump(fread($c, 100)); // waits, then the reset
var_dump(feof($c), fread($c, 100));
proc_close($p);
PHP, ['sockets']);

compare_with_stock('reset_mid_write', $common . <<<'PHP'
$p = $start_peer("\$s = socket_create(AF_INET, SOCK_STREAM, 0); socket_connect(\$s, '127.0.0.1', $port);
    socket_set_option(\$s, SOL_SOCKET, SO_RCVBUF, 4096);
    socket_read(\$s, 10); usleep($pause);
    socket_set_option(\$s, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]); socket_close(\$s);");
$c = stream_socket_accept($server, 5);
$written = fwrite($c, str_repeat('x', 32 << 20)); // more than both buffers hold: waits, then the reset
var_dump($written === false || $written < (32 << 20));
var_dump(@fwrite($c, 'more'));
proc_close($p);
PHP, ['sockets']);

compare_with_stock('half_close', $common . <<<'PHP'
$p = $start_peer("\$c = stream_socket_client('tcp://127.0.0.1:$port'); fwrite(\$c, str_repeat('a', 100000));
    stream_socket_shutdown(\$c, STREAM_SHUT_WR); stream_get_contents(\$c);");
$c = stream_socket_accept($server, 5);
$got = stream_get_contents($c); // until the peer's end of writing
var_dump(strlen($got), feof($c));
var_dump(fwrite($c, "got " . strlen($got))); // the other direction still works
fclose($c);
proc_close($p);
PHP, ['sockets']);

compare_with_stock('child_killed_while_read', <<<'PHP'
$p = proc_open(['sh', '-c', 'echo before; exec sleep 30'], [1 => ['pipe', 'w']], $pipes);
var_dump(fgets($pipes[1]));
$pid = proc_get_status($p)['pid'];
$killer = proc_open(['sh', '-c', 'sleep ' . (getenv('USE_ZEND_ALLOC') === '0' ? 1.5 : 0.3) . " ; kill -9 $pid"], [], $unused);
var_dump(fgets($pipes[1])); // waits until the child dies
var_dump(feof($pipes[1]));
usleep(300000); // the kernel closes a dying process's pipes a moment before it becomes a zombie
$status = proc_get_status($p);
var_dump($status['signaled'] || !$status['running']);
fclose($pipes[1]);
var_dump(proc_close($p));
proc_close($killer);
PHP);

compare_with_stock('tls_against_plain_peer', $common . <<<'PHP'
$p = $start_peer("\$s = stream_socket_server('tcp://127.0.0.1:0'); \$q = parse_url('tcp://' . stream_socket_get_name(\$s, false), PHP_URL_PORT);
    \$c = stream_socket_client('tcp://127.0.0.1:$port'); fwrite(\$c, \"\$q\\n\");
    \$a = stream_socket_accept(\$s, 5); fwrite(\$a, \"HTTP/1.0 200 OK\\r\\n\\r\\nhello\\n\"); fread(\$a, 100); fclose(\$a);
    \$a = stream_socket_accept(\$s, 5); fread(\$a, 1);");
$c = stream_socket_accept($server, 5);
$q = (int) fgets($c);
$ctx = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]);
// garbage for an answer
var_dump(stream_socket_client("tls://127.0.0.1:$q", $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $ctx), $errno, $errstr);
// silence until the timeout
$t = microtime(true);
var_dump(stream_socket_client("tls://127.0.0.1:$q", $errno, $errstr, 0.5, STREAM_CLIENT_CONNECT, $ctx), $errno, $errstr);
var_dump(microtime(true) - $t < (getenv('USE_ZEND_ALLOC') === '0' ? 5 : 1.8));
proc_close($p);
PHP, ['sockets']);
?>
--EXPECT--
reset_mid_read: same as stock
reset_mid_write: same as stock
half_close: same as stock
child_killed_while_read: same as stock
tls_against_plain_peer: same as stock
