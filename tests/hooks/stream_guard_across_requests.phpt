--TEST--
Stream hooks: a fatal error while a coroutine waits on a persistent socket stream leaves nothing of that request's stream state for the next request (PHP's built-in web server runs several requests in one process)
--SKIPIF--
<?php
if (!function_exists('proc_open')) die('skip proc_open is disabled');
?>
--FILE--
<?php
$docroot = sys_get_temp_dir() . '/async-guard-' . getmypid();
@mkdir($docroot);
file_put_contents("$docroot/index.php", <<<'PHP'
<?php
use function Async\{spawn, await, delay};
if (($_GET['mode'] ?? '') === 'fatal') {
    $server = stream_socket_server('tcp://127.0.0.1:0');
    $address = stream_socket_get_name($server, false);
    $c = stream_socket_client("tcp://$address", $e, $s, 1, STREAM_CLIENT_CONNECT | STREAM_CLIENT_PERSISTENT);
    spawn(function () use ($c) { fgets($c); }); // waits on the persistent stream for ever
    spawn(function () { delay(10); trigger_error("fatal while a coroutine waits", E_USER_ERROR); });
    delay(1000);
    echo "not reached\n";
    return;
}
$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
$answers = [];
for ($i = 0; $i < 10; $i++) {
    $r = spawn(function () use ($server) { $a = stream_socket_accept($server); fwrite($a, strtoupper(fgets($a))); fclose($a); });
    $w = spawn(function () use ($address, $i) { $c = stream_socket_client("tcp://$address"); delay(1); fwrite($c, "hello $i\n"); return trim(fgets($c)); });
    await($r);
    $answers[] = await($w);
}
echo $answers[9], "\n";
PHP);

// A free port for the server.
$probe = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
fclose($probe);

$command = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async',
    '-d', 'display_errors=1', '-d', 'html_errors=0', '-S', "127.0.0.1:$port", '-t', $docroot];
$server = proc_open($command, [0 => ['pipe', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
for ($i = 0; $i < 100 && !@fsockopen('127.0.0.1', $port); $i++) usleep(50000);

foreach (['plain', 'fatal', 'plain', 'fatal', 'plain', 'plain'] as $mode) {
    $body = @file_get_contents("http://127.0.0.1:$port/?mode=$mode");
    $text = $body === false ? "no answer" : (str_contains($body, 'Fatal error') ? "fatal error reported" : trim($body));
    echo "$mode: $text\n";
}
echo "server still running: ", proc_get_status($server)['running'] ? "yes" : "no", "\n";
proc_terminate($server);
proc_close($server);
unlink("$docroot/index.php");
rmdir($docroot);
?>
--EXPECT--
plain: HELLO 9
fatal: fatal error reported
plain: HELLO 9
fatal: fatal error reported
plain: HELLO 9
plain: HELLO 9
server still running: yes
