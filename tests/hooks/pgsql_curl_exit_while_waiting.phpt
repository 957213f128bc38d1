--TEST--
Library hooks: exit() while coroutines wait inside curl_exec(), pg_query() and a PDO pgsql query ends them through their finally blocks, without a leak or a hang
--EXTENSIONS--
curl
pgsql
pdo
pdo_pgsql
--SKIPIF--
<?php require __DIR__ . '/pgsql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
require __DIR__ . '/pgsql_config.inc';
use function Async\{spawn, delay};

$url = curl_test_server();
$started = 0;
spawn(function () use ($url, &$started) {
    try {
        $h = curl_init("$url/sleep/5000");
        curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
        $started++;
        curl_exec($h);
    } finally {
        echo "curl finally\n";
    }
});
spawn(function () use (&$started) {
    try {
        $c = pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW);
        $started++;
        pg_query($c, 'SELECT pg_sleep(5)');
    } finally {
        echo "pg finally\n";
    }
});
spawn(function () use (&$started) {
    try {
        $p = pgsql_pdo();
        $started++;
        $p->query('SELECT pg_sleep(5)');
    } finally {
        echo "pdo finally\n";
    }
});
while ($started < 3) delay(10);
delay(100);
echo "exit\n";
exit(0);
?>
--EXPECT--
exit
curl finally
pg finally
pdo finally
