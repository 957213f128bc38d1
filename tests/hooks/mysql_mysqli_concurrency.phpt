--TEST--
Hooks: mysqli (mysqlnd) in coroutines: SELECT SLEEP(0.2) in 50 coroutines (10 under valgrind) overlap; the same loop outside coroutines is serial
--EXTENSIONS--
mysqlnd
mysqli
--SKIPIF--
<?php require __DIR__ . '/mysql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/mysql_config.inc';
use function Async\{spawn, await_all_or_fail};

function sleep_query(int $i): array {
    $db = new mysqli(mysql_env('HOST'), mysql_env('USER'), mysql_env('PASS'), mysql_env('DB'), (int) mysql_env('PORT'));
    $row = $db->query(sprintf('SELECT SLEEP(%F) AS slept, %d AS i', MYSQL_SLEEP, $i))->fetch_assoc();
    $db->close();
    return [(int) $row['slept'], (int) $row['i']];
}

$n = mysql_coroutines();
$serial = $n * MYSQL_SLEEP;

// Outside coroutines: stock PHP, one query after the other (two of them, to keep it short).
$t = hrtime(true);
$outside = [sleep_query(1), sleep_query(2)];
$outside_s = (hrtime(true) - $t) / 1e9;
var_dump($outside, $outside_s >= 2 * MYSQL_SLEEP);

$t = hrtime(true);
$coroutines = [];
for ($i = 0; $i < $n; $i++) {
    $coroutines[] = spawn('sleep_query', $i);
}
$results = await_all_or_fail($coroutines);
$elapsed = (hrtime(true) - $t) / 1e9;
var_dump(count($results) === $n, $results === array_map(fn ($i) => [0, $i], range(0, $n - 1)));
// Serial would take $n * 0.2 s; overlapping queries take about one of them.
if ($elapsed < 0.9 * $serial) {
    echo "overlapped\n";
} else {
    printf("serial: %.2f s for %d queries of %.1f s\n", $elapsed, $n, MYSQL_SLEEP);
}
?>
--EXPECT--
array(2) {
  [0]=>
  array(2) {
    [0]=>
    int(0)
    [1]=>
    int(1)
  }
  [1]=>
  array(2) {
    [0]=>
    int(0)
    [1]=>
    int(2)
  }
}
bool(true)
bool(true)
bool(true)
overlapped
