--TEST--
Reliability (load): 500 concurrent MariaDB queries (mysqli and PDO) over a pool of 20 connections kept in a Channel, three rounds: every result is its own, each round takes about 500/20 query times (the pool overlaps them), no connection is lost, memory does not grow between rounds
--EXTENSIONS--
mysqlnd
mysqli
pdo
pdo_mysql
--SKIPIF--
<?php
require __DIR__ . '/../hooks/mysql_skipif.inc';
if (getenv('USE_ZEND_ALLOC') === '0') die('skip load test: not under valgrind');
?>
--FILE--
<?php
require __DIR__ . '/figures.inc';
require __DIR__ . '/../hooks/mysql_config.inc';
use Async\Channel;
use function Async\{spawn, await_all_or_fail};

const POOL = 20, QUERIES = 500, SLEEP = 0.02;
$pool = new Channel(POOL);
for ($i = 0; $i < POOL; $i++) {
    $pool->send($i % 2
        ? new mysqli(mysql_env('HOST'), mysql_env('USER'), mysql_env('PASS'), mysql_env('DB'), (int) mysql_env('PORT'))
        : new PDO(mysql_dsn(), mysql_env('USER'), mysql_env('PASS'), [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]));
}
function query($db, int $i): int {
    $sql = sprintf('SELECT SLEEP(%F) AS s, %d AS i', SLEEP, $i);
    $row = $db instanceof PDO ? $db->query($sql)->fetch(PDO::FETCH_ASSOC) : $db->query($sql)->fetch_assoc();
    return (int) $row['i'];
}
$kept = [];
for ($round = 0; $round < 3; $round++) {
    $before = memory_get_usage();
    $started = hrtime(true);
    $cs = [];
    for ($i = 0; $i < QUERIES; $i++) {
        $cs[] = spawn(function () use ($pool, $i) {
            $db = $pool->recv();
            try { return query($db, $i); } finally { $pool->send($db); }
        });
    }
    $results = await_all_or_fail($cs);
    unset($cs);
    $took = (hrtime(true) - $started) / 1e9;
    $kept[] = memory_get_usage() - $before;
    figure("round %d: %.2f s (serial would be %.1f s)\n", $round, $took, QUERIES * SLEEP);
    echo "round $round: ", $results === range(0, QUERIES - 1) ? "each got its own row" : "rows mixed up", ", ",
        $took < QUERIES * SLEEP / 3 ? "overlapped" : "serial ($took s)", ", ", count($pool), " connections back\n";
}
var_dump($kept[1] <= 16 * 1024, $kept[2] <= 16 * 1024);
?>
--EXPECT--
round 0: each got its own row, overlapped, 20 connections back
round 1: each got its own row, overlapped, 20 connections back
round 2: each got its own row, overlapped, 20 connections back
bool(true)
bool(true)
