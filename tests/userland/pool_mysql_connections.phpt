--TEST--
Pool: a pool of real MariaDB connections (PDO) with max 10 serves 200 coroutines (40 under valgrind): every query answered, never more than 10 connections open, the queries overlap
--EXTENSIONS--
pdo
mysqlnd
pdo_mysql
--SKIPIF--
<?php require __DIR__ . '/../hooks/mysql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/../hooks/mysql_config.inc';
use Async\Pool;
use function Async\{spawn, await_all_or_fail};

$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$coroutines = $valgrind ? 40 : 200;
$sleep = $valgrind ? 0.2 : 0.05;
$inFlight = $peak = 0;
$opened = 0;
$pool = new Pool(
    factory: function () use (&$opened) {
        $opened++;
        return new PDO(mysql_dsn(), mysql_env('USER'), mysql_env('PASS'), [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
    },
    destructor: function (PDO $pdo) { /* the last reference goes with it: the connection closes */ },
    beforeAcquire: fn(PDO $pdo) => $pdo->query('SELECT 1')->fetchColumn() == 1,
    max: 10,
);

$t = hrtime(true);
$tasks = [];
for ($i = 0; $i < $coroutines; $i++) {
    $tasks[] = spawn(function () use ($pool, $i, $sleep, &$inFlight, &$peak) {
        $pdo = $pool->acquire();
        $peak = max($peak, ++$inFlight);
        try {
            $row = $pdo->query(sprintf('SELECT SLEEP(%F) AS s, %d AS i, CONNECTION_ID() AS id', $sleep, $i))->fetch(PDO::FETCH_ASSOC);
        } finally {
            $inFlight--;
            $pool->release($pdo);
        }
        if ((int) $row['i'] !== $i) throw new LogicException("coroutine $i got row {$row['i']}");
        return (int) $row['id'];
    });
}
$ids = await_all_or_fail($tasks);
$elapsed = (hrtime(true) - $t) / 1e9;

echo "answered: ", count($ids) === $coroutines ? "all" : count($ids), "\n";
echo "connections used: ", count(array_unique($ids)), ", opened: $opened\n";
// Ten at a time: at least $coroutines / 10 rounds of $sleep, and far less than one after the other.
echo "limited to 10 at once: ", $elapsed >= $coroutines / 10 * $sleep * 0.9 ? "yes" : "no ($elapsed s)", "\n";
echo "queries in flight at once: ", $peak > 1 && $peak <= 10 ? "several, at most 10" : $peak, "\n";
echo "pool: count ", $pool->count(), ", idle ", $pool->idleCount(), "\n";
$pool->close();
echo "closed: count ", $pool->count(), "\n";
?>
--EXPECT--
answered: all
connections used: 10, opened: 10
limited to 10 at once: yes
queries in flight at once: several, at most 10
pool: count 10, idle 10
closed: count 0
