--TEST--
Reliability (bad input): hooked functions given empty commands, closed streams and sockets, empty or unknown hosts, bad modes, bad descriptor specs, bad lock operations and bad timeouts give inside a coroutine exactly what stock PHP gives (warnings, errors, results), one snippet per family; those not repeated here are in tests/hooks/*_stock.phpt, bad_timeouts_same_as_stock.phpt and stream_errors_same_as_stock.phpt
--EXTENSIONS--
sockets
--FILE--
<?php
require __DIR__ . '/stock.inc';
$try = <<<'PHP'
if (!function_exists('t')) {
    function t(string $what, Closure $f) {
        echo "$what: ";
        try { var_dump($f()); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
    }
}
PHP;

compare_with_stock('commands', $try . <<<'PHP'
t('exec empty', fn() => exec('', $out, $code));
t('exec code of empty', function () { exec('', $out, $code); return [$out, $code]; });
t('system empty', fn() => system(''));
t('passthru empty', fn() => passthru(''));
t('shell_exec empty', fn() => shell_exec(''));
t('exec NUL', fn() => exec("echo a\0b"));
t('exec unknown command', function () { exec('/nonexistent/command 2>/dev/null', $out, $code); return $code; });
t('popen empty', fn() => popen('', 'r'));
t('popen bad mode', fn() => popen('true', 'x'));
t('proc_open empty array', fn() => proc_open([], [], $pipes));
t('proc_open bad spec', fn() => proc_open('true', [1 => ['nonsense']], $pipes));
t('proc_open bad pipe mode', fn() => proc_open('true', [1 => ['pipe', 'q']], $pipes));
t('proc_close closed', function () { $p = proc_open('true', [], $pipes); proc_close($p); return proc_close($p); });
t('pclose closed', function () { $h = popen('true', 'r'); pclose($h); return pclose($h); });
PHP);

compare_with_stock('closed_streams', $try . <<<'PHP'
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
fclose($a);
t('fread', fn() => fread($a, 10));
t('fwrite', fn() => fwrite($a, 'x'));
t('fgets', fn() => fgets($a));
t('feof', fn() => feof($a));
t('stream_get_contents', fn() => stream_get_contents($a));
t('stream_select', function () use ($a) { $r = [$a]; $w = $e = null; return stream_select($r, $w, $e, 0); });
t('stream_socket_accept', fn() => stream_socket_accept($a, 1));
t('stream_socket_recvfrom', fn() => stream_socket_recvfrom($a, 10));
t('stream_socket_sendto', fn() => stream_socket_sendto($a, 'x'));
t('stream_set_timeout', fn() => stream_set_timeout($a, 1));
t('flock', fn() => flock($a, LOCK_EX));
t('read from the peer of a closed end', fn() => fread($b, 10));
t('write to the peer of a closed end', fn() => @fwrite($b, 'x'));
fclose($b);
$s = socket_create(AF_INET, SOCK_STREAM, 0);
socket_close($s);
t('socket_read', fn() => socket_read($s, 10));
t('socket_write', fn() => socket_write($s, 'x'));
t('socket_connect', fn() => socket_connect($s, '127.0.0.1', 1));
t('socket_accept', fn() => socket_accept($s));
$r = [$s]; $w = $e = null;
t('socket_select', fn() => socket_select($r, $w, $e, 0));
PHP, ['sockets']);

compare_with_stock('hosts_and_addresses', $try . <<<'PHP'
t('gethostbyname empty', fn() => gethostbyname(''));
t('gethostbyname unknown', fn() => gethostbyname('no-such-host.invalid'));
t('gethostbyname too long', fn() => gethostbyname(str_repeat('a', 300)));
t('gethostbynamel empty', fn() => gethostbynamel(''));
t('gethostbynamel unknown', fn() => gethostbynamel('no-such-host.invalid'));
t('gethostbyaddr empty', fn() => gethostbyaddr(''));
t('gethostbyaddr bad', fn() => gethostbyaddr('not an address'));
t('stream_socket_client empty', fn() => stream_socket_client('', $errno, $errstr, 1));
t('stream_socket_client no port', fn() => stream_socket_client('tcp://127.0.0.1', $errno, $errstr, 1));
t('stream_socket_client unknown transport', fn() => stream_socket_client('bogus://127.0.0.1:1', $errno, $errstr, 1));
t('stream_socket_client unknown host', function () { $r = stream_socket_client('tcp://no-such-host.invalid:80', $errno, $errstr, 2); return [$r, $errno]; });
t('fsockopen empty', fn() => fsockopen('', 80, $errno, $errstr, 1));
t('fsockopen bad port', fn() => fsockopen('127.0.0.1', -1, $errno, $errstr, 1));
t('stream_socket_server empty', fn() => stream_socket_server(''));
t('stream_socket_server port in use', function () {
    $s = stream_socket_server('tcp://127.0.0.1:0');
    return stream_socket_server('tcp://' . stream_socket_get_name($s, false), $errno, $errstr);
});
t('socket_connect unknown host', function () { $s = socket_create(AF_INET, SOCK_STREAM, 0); return @socket_connect($s, 'no-such-host.invalid', 80); });
t('file_get_contents unknown host', fn() => file_get_contents('http://no-such-host.invalid/'));
PHP, ['sockets']);

compare_with_stock('timeouts_and_modes', $try . <<<'PHP'
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
$server = stream_socket_server('tcp://127.0.0.1:0');
t('accept NAN', fn() => stream_socket_accept($server, NAN));
t('accept -1 with a pending client', function () use ($server) {
    $c = stream_socket_client('tcp://' . stream_socket_get_name($server, false));
    return is_resource(stream_socket_accept($server, -1));
});
t('accept 0', fn() => stream_socket_accept($server, 0));
t('client INF timeout to a closed port', fn() => @stream_socket_client('tcp://127.0.0.1:1', $errno, $errstr, INF));
t('stream_set_timeout negative', fn() => stream_set_timeout($a, -1));
t('read after negative timeout', function () use ($a, $b) { fwrite($b, 'x'); return fread($a, 10); });
t('stream_select negative', function () use ($a) { $r = [$a]; $w = $e = null; return stream_select($r, $w, $e, -1); });
t('stream_select huge usec, data there', function () use ($a, $b) { fwrite($b, 'y'); $r = [$a]; $w = $e = null; return stream_select($r, $w, $e, 0, PHP_INT_MAX); });
t('stream_select empty arrays', function () { $r = []; $w = $e = null; return stream_select($r, $w, $e, 0); });
t('stream_select no arrays', function () { $r = $w = $e = null; return stream_select($r, $w, $e, 0); });
t('fread 0 bytes', fn() => fread($a, 0));
t('fread negative', fn() => fread($a, -1));
t('flock bad operation', fn() => flock($a, 99));
t('socket_select negative', function () { $p = []; socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); $r = [$p[0]]; $w = $e = null; return socket_select($r, $w, $e, -1); });
t('socket_read negative', function () { $p = []; socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $p); return socket_read($p[0], -1); });
t('time_nanosleep negative ns', fn() => time_nanosleep(0, -1));
t('time_nanosleep huge ns', fn() => time_nanosleep(0, 2000000000));
t('time_sleep_until past', fn() => time_sleep_until(microtime(true) - 10));
t('usleep negative', fn() => usleep(-1));
t('sleep negative', fn() => sleep(-1));
PHP, ['sockets']);
?>
--EXPECT--
commands: same as stock
closed_streams: same as stock
hosts_and_addresses: same as stock
timeouts_and_modes: same as stock
