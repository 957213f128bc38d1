--TEST--
php --ri async: upstream's "LibUv Reactor" row, the libuv version and each hook family, active or why not (extension not loaded, functions disabled)
--FILE--
<?php
$php = escapeshellarg(getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY);
$base = "$php -n -d extension_dir=" . escapeshellarg(ini_get('extension_dir')) . ' -d extension=async';
$ri = fn(string $args) => shell_exec("$base $args --ri async 2>&1");
$row = function (string $info, string $name): string {
    return preg_match('/^' . preg_quote($name, '/') . ' => (.*)$/m', $info, $m) ? $m[1] : "(no row $name)";
};
$sockets = 'ext/sockets (socket_*)';
$mysql = 'PDO MySQL, mysqli (mysqlnd over the tcp stream)';
$sleep = 'sleep, usleep, time_nanosleep, time_sleep_until';

$info = $ri('');
var_dump(preg_match('/^libuv version => (\d+)\.(\d+)\.(\d+)$/m', $info, $v) === 1 && ($v[1] > 1 || $v[2] >= 44));
echo "LibUv Reactor: ", $row($info, 'LibUv Reactor'), "\n";
echo $row($info, 'Hooked inside coroutines'), "\n";
foreach ([$sleep, 'stream_select', 'gethostbyname, gethostbynamel, gethostbyaddr', 'exec, system, passthru, shell_exec',
        'proc_open, proc_close, popen', 'socket streams: tcp, udp, unix, udg (fsockopen, stream_socket_*, http://)', $sockets, $mysql] as $family) {
    echo "$family: ", $row($info, $family), "\n";
}
echo "-- with sockets and mysqlnd\n";
$info = $ri('-d extension=sockets -d extension=mysqlnd');
echo "$sockets: ", $row($info, $sockets), "\n", "$mysql: ", $row($info, $mysql), "\n";
$curl = "curl (libcurl's waits: curl_exec, curl_multi_*)";
$pg = "PostgreSQL (libpq's waits: ext/pgsql, PDO pgsql)";
echo "$curl: ", $row($info, $curl), "\n", "$pg: ", $row($info, $pg), "\n";
echo "-- with curl and pgsql\n";
$info = $ri('-d extension=curl -d extension=pgsql');
echo "$curl: ", $row($info, $curl), "\n", "$pg: ", $row($info, $pg), "\n";
$mc = "memcached (libmemcached's waits: ext/memcached)";
echo "$mc: ", $row($ri(''), $mc), "\n";
echo "$mc: ", $row($ri('-d extension=igbinary -d extension=msgpack -d extension=memcached'), $mc), "\n";
$dns = "dns_get_record, checkdnsrr, getmxrr (PHP's res_nsearch)";
echo "$dns: ", $row($info, $dns), "\n";
echo "-- with the sleep family disabled\n";
echo "$sleep: ", $row($ri('-d disable_functions=sleep,usleep,time_nanosleep,time_sleep_until'), $sleep), "\n";
?>
--EXPECT--
bool(true)
LibUv Reactor: Enabled
State
sleep, usleep, time_nanosleep, time_sleep_until: active
stream_select: active
gethostbyname, gethostbynamel, gethostbyaddr: active
exec, system, passthru, shell_exec: active
proc_open, proc_close, popen: active
socket streams: tcp, udp, unix, udg (fsockopen, stream_socket_*, http://): active
ext/sockets (socket_*): not active: extension sockets not loaded
PDO MySQL, mysqli (mysqlnd over the tcp stream): not active: extension mysqlnd not loaded
-- with sockets and mysqlnd
ext/sockets (socket_*): active
PDO MySQL, mysqli (mysqlnd over the tcp stream): active
curl (libcurl's waits: curl_exec, curl_multi_*): not active: library not loaded
PostgreSQL (libpq's waits: ext/pgsql, PDO pgsql): not active: library not loaded
-- with curl and pgsql
curl (libcurl's waits: curl_exec, curl_multi_*): active
PostgreSQL (libpq's waits: ext/pgsql, PDO pgsql): active
memcached (libmemcached's waits: ext/memcached): not active: library not loaded
memcached (libmemcached's waits: ext/memcached): active
dns_get_record, checkdnsrr, getmxrr (PHP's res_nsearch): active
-- with the sleep family disabled
sleep, usleep, time_nanosleep, time_sleep_until: not active: its functions are disabled
