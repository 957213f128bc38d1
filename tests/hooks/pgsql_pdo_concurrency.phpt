--TEST--
Library hooks: PDO pgsql in coroutines: connect, query, prepare/execute and transactions of N coroutines overlap (N x SELECT pg_sleep(0.3) in about 0.3 s); results equal outside coroutines; PDO::pgsqlGetNotify() with a timeout waits only its coroutine
--EXTENSIONS--
pdo
pdo_pgsql
--SKIPIF--
<?php require __DIR__ . '/pgsql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/pgsql_config.inc';
use function Async\{spawn, await, delay};

$sleep = PGSQL_SLEEP;
$calls = [
    'query' => fn (PDO $p, $i) => $p->query("SELECT pg_sleep($sleep), $i AS i")->fetch(PDO::FETCH_ASSOC)['i'],
    'prepare/execute' => function (PDO $p, $i) use ($sleep) {
        $s = $p->prepare('SELECT pg_sleep(:s), CAST(:i AS int) AS i');
        $s->execute(['s' => $sleep, 'i' => $i]);
        return $s->fetch(PDO::FETCH_ASSOC)['i'];
    },
    'transaction' => function (PDO $p, $i) use ($sleep) {
        $p->beginTransaction();
        $p->exec("CREATE TEMPORARY TABLE t (i int)");
        $p->exec("INSERT INTO t SELECT $i FROM pg_sleep($sleep)");
        $i = $p->query('SELECT i FROM t')->fetchColumn();
        $p->commit();
        return $i;
    },
];
$n = pgsql_coroutines();
foreach ($calls as $name => $call) {
    $outside = $call(pgsql_pdo(), 7);
    $inside = await(spawn(fn () => $call(pgsql_pdo(), 7)));
    $overlapped = pgsql_overlapped($n, fn ($i) => $call(pgsql_pdo(), $i), $results);
    printf("%s: %s, same inside: %s, results: %s, %s\n", $name, var_export($outside, true), $outside === $inside ? 'yes' : 'no',
        $results === range(0, $n - 1) ? 'right' : 'wrong: ' . json_encode($results), $overlapped ? 'overlapped' : 'serial');
}

// LISTEN: one coroutine waits up to 2 s for a notification (pdo_pgsql polls for it itself);
// meanwhile another ticks and then sends the notification.
$listener = pgsql_pdo();
$listener->exec('LISTEN async_test');
$ticks = 0;
$t = hrtime(true);
$waiter = spawn(fn () => $listener->pgsqlGetNotify(PDO::FETCH_ASSOC, 2000));
$notifier = spawn(function () use (&$ticks) {
    for ($i = 0; $i < 10; $i++) { delay(10); $ticks++; }
    pgsql_pdo()->exec("NOTIFY async_test, 'hello'");
});
$notification = await($waiter);
await($notifier);
printf("notification: %s %s, ticks while waiting: %d, in time: %s\n", $notification['message'], $notification['payload'],
    $ticks, (hrtime(true) - $t) / 1e9 < 1.5 ? 'yes' : 'no');
// Nothing comes: the timeout ends the wait, as outside coroutines.
var_dump($listener->pgsqlGetNotify(PDO::FETCH_ASSOC, 50), await(spawn(fn () => $listener->pgsqlGetNotify(PDO::FETCH_ASSOC, 50))));
?>
--EXPECT--
query: 7, same inside: yes, results: right, overlapped
prepare/execute: 7, same inside: yes, results: right, overlapped
transaction: 7, same inside: yes, results: right, overlapped
notification: async_test hello, ticks while waiting: 10, in time: yes
bool(false)
bool(false)
