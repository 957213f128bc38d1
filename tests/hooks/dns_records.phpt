--TEST--
Hooks: dns_get_record(), checkdnsrr() and getmxrr() inside coroutines query on the thread pool (PHP's res_nsearch redirected): N slow queries overlap, results and warnings as stock PHP (records, NXDOMAIN, SERVFAIL, no answer, bad arguments), a cancelled query ends at once with the cancellation; against a small DNS server the test starts in a network namespace of its own
--SKIPIF--
<?php
if (function_exists('posix_geteuid') ? posix_geteuid() !== 0 : trim((string) shell_exec('id -u')) !== '0') die('skip needs root (a mount and network namespace)');
if (trim((string) shell_exec("unshare -mn sh -c 'ip link set lo up && echo ok' 2>/dev/null")) !== 'ok') die('skip unshare -mn or ip not available');
?>
--FILE--
<?php
// A namespace of our own: 127.0.0.1:53 is free there, and /etc/resolv.conf (bind-mounted over)
// names it; nothing outside changes. Under valgrind the body runs under valgrind as well.
$conf = tempnam(sys_get_temp_dir(), 'resolv');
file_put_contents($conf, "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
$php = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async', __DIR__ . '/dns_records.inc.php'];
if (getenv('USE_ZEND_ALLOC') === '0') {
    putenv('ASYNC_UV_NO_PIDFD=1'); // valgrind does not know pidfd_open(2)
    $php = array_merge(['valgrind', '-q', '--error-exitcode=97'], $php);
}
$command = array_merge(['unshare', '-mn', 'sh', '-c', 'ip link set lo up && mount --bind "$0" /etc/resolv.conf && exec "$@"', $conf], $php);
$child = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo stream_get_contents($pipes[1]);
$errors = stream_get_contents($pipes[2]);
echo "exit ", proc_close($child), "\n", $errors;
unlink($conf);
?>
--EXPECT--
bool(true)
[{"host":"fast.test","class":"IN","ttl":300,"type":"A","ip":"192.0.2.1"},{"host":"fast.test","class":"IN","ttl":300,"type":"MX","pri":10,"target":"mail.fast.test"},{"host":"fast.test","class":"IN","ttl":300,"type":"TXT","txt":"fast","entries":["fast"]}]
[{"host":"slow.test","class":"IN","ttl":300,"type":"A","ip":"192.0.2.2"},{"host":"slow.test","class":"IN","ttl":300,"type":"MX","pri":10,"target":"mail.slow.test"},{"host":"slow.test","class":"IN","ttl":300,"type":"TXT","txt":"slow","entries":["slow"]}]
[true,["mail.fast.test"],[10]]
[true,false,true]
["nxdomain",[],false,false,[]]
"warning: dns_get_record(): A temporary server error occurred."
["servfail",false,false]
"warning: dns_get_record(): A temporary server error occurred."
["no answer",false,false]
"ValueError: checkdnsrr(): Argument #1 ($hostname) cannot be empty"
"warning: dns_get_record(): An unexpected server failure occurred."
false
"ValueError: checkdnsrr(): Argument #2 ($type) must be a valid DNS record type"
"ValueError: dns_get_record(): Argument #2 ($type) must be a DNS_* constant"
"ValueError: dns_get_record(): Argument #1 ($hostname) must not contain any null bytes"
"TypeError: getmxrr(): Argument #1 ($hostname) must be of type string, array given"
["[\"192.0.2.2\",true]"]
bool(true)
bool(true)
array(1) {
  [0]=>
  string(14) "mail.slow.test"
}
dns_get_record: Async\AsyncCancellation, at once
getmxrr: Async\AsyncCancellation, at once
checkdnsrr: Async\AsyncCancellation, at once
exit 0