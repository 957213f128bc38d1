--TEST--
Hooks: a coroutine cancelled while it waits in a mysqli or PDO MySQL call sees the cancellation itself (not a mysqli_sql_exception/PDOException "server has gone away" chained to it, which catch blocks for DB errors swallowed); DB errors of coroutines that are not cancelled, and exceptions user code chains on purpose, are unchanged
--EXTENSIONS--
mysqlnd
mysqli
pdo
pdo_mysql
--SKIPIF--
<?php require __DIR__ . '/mysql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/mysql_config.inc';
use function Async\{spawn, await, delay};

function connect_mysqli(): mysqli {
    return new mysqli(mysql_env('HOST'), mysql_env('USER'), mysql_env('PASS'), mysql_env('DB'), (int) mysql_env('PORT'));
}
function connect_pdo(): PDO {
    return new PDO(mysql_dsn(), mysql_env('USER'), mysql_env('PASS'), [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
}

$calls = [
    'mysqli query'        => fn() => connect_mysqli()->query('SELECT SLEEP(3)'),
    'mysqli_query()'      => fn() => mysqli_query(connect_mysqli(), 'SELECT SLEEP(3)'),
    'mysqli stmt execute' => function () { $db = connect_mysqli(); $s = $db->prepare('SELECT SLEEP(?)'); $t = 3; $s->bind_param('i', $t); $s->execute(); },
    'PDO query'           => fn() => connect_pdo()->query('SELECT SLEEP(3)'),
    'PDOStatement execute'=> function () { $db = connect_pdo(); $s = $db->prepare('SELECT SLEEP(?)'); $s->execute([3]); },
];
foreach ($calls as $name => $call) {
    $log = [];
    $co = spawn(function () use ($call, &$log) {
        try {
            $call();
            $log[] = 'returned';
        } catch (mysqli_sql_exception | PDOException $e) {
            $log[] = 'swallowed as ' . get_class($e);
        } finally {
            $log[] = 'finally';
        }
        $log[] = 'ran on';
    });
    delay(300);                    // connected, and waiting for the result
    $t = microtime(true);
    $co->cancel();
    try {
        await($co);
        $log[] = 'await: no exception';
    } catch (Async\AsyncCancellation $e) {
        $log[] = 'await: ' . get_class($e);
    }
    printf("%s: %s (%s)\n", $name, implode(', ', $log), microtime(true) - $t < 1 ? 'at once' : 'late');
}

// Not cancelled: a DB error stays the driver's exception.
await(spawn(function () {
    try {
        connect_mysqli()->query('SELECT * FROM no_such_table');
    } catch (mysqli_sql_exception $e) {
        echo "bad SQL: ", get_class($e), "\n";
    }
    try {
        connect_pdo()->query('SELECT * FROM no_such_table');
    } catch (PDOException $e) {
        echo "bad SQL: ", get_class($e), "\n";
    }
}));

// A cancellation user code chains on purpose stays chained.
$co = spawn(function () {
    try {
        try {
            delay(3000);
        } catch (Async\AsyncCancellation $c) {
            throw new RuntimeException('wrapped', 0, $c);
        }
    } catch (RuntimeException $e) {
        echo "user wrap: ", get_class($e), " / ", get_class($e->getPrevious()), "\n";
    }
});
delay(10);
$co->cancel();
await($co);

// The server is still usable.
echo "after: ", connect_mysqli()->query('SELECT 1 AS one')->fetch_assoc()['one'], "\n";
?>
--EXPECT--
mysqli query: finally, await: Async\AsyncCancellation (at once)
mysqli_query(): finally, await: Async\AsyncCancellation (at once)
mysqli stmt execute: finally, await: Async\AsyncCancellation (at once)
PDO query: finally, await: Async\AsyncCancellation (at once)
PDOStatement execute: finally, await: Async\AsyncCancellation (at once)
bad SQL: mysqli_sql_exception
bad SQL: PDOException
user wrap: RuntimeException / Async\AsyncCancellation
after: 1
