--TEST--
Library hooks: a PostgreSQL connection serves one coroutine at a time: while a query runs on it in one coroutine, another coroutine's pg_query(), pg_query_params(), PDO::query(), PDOStatement::execute() or fetch() on the same connection throws an Error and the running query gets its own answer; connections of their own work side by side
--EXTENSIONS--
pgsql
pdo
pdo_pgsql
--SKIPIF--
<?php require __DIR__ . '/pgsql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/pgsql_config.inc';
use function Async\{spawn, await, delay};

function attempt(string $name, Closure $call): Async\Coroutine {
    return spawn(function () use ($name, $call) {
        delay(50);
        try {
            $call();
            return "$name: allowed";
        } catch (Error $e) {
            return "$name: " . get_class($e) . ': ' . $e->getMessage();
        }
    });
}

$c = pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW);
$running = spawn(fn () => pg_fetch_row(pg_query($c, 'SELECT pg_sleep(0.3), 1'))[1]);
$others = [
    attempt('pg_query', fn () => pg_query($c, 'SELECT 2')),
    attempt('pg_query_params', fn () => pg_query_params($c, 'SELECT $1::int', [3])),
];
foreach ($others as $other) echo await($other), "\n";
var_dump(await($running), pg_fetch_row(pg_query($c, 'SELECT 4'))[0]);

$p = pgsql_pdo();
$statement = $p->prepare('SELECT 5');
$statement->execute();
$running = spawn(fn () => $p->query('SELECT pg_sleep(0.3), 6 AS i')->fetch(PDO::FETCH_ASSOC)['i']);
$others = [
    attempt('PDO::query', fn () => $p->query('SELECT 7')),
    attempt('PDOStatement::execute', fn () => $statement->execute()),
    attempt('PDOStatement::fetch', fn () => $statement->fetch()),
];
foreach ($others as $other) echo await($other), "\n";
var_dump(await($running), $statement->fetchColumn());

// Each with its own connection: side by side.
$own = [spawn(fn () => pgsql_pdo()->query('SELECT pg_sleep(0.1), 8')->fetchColumn(1)),
    spawn(fn () => pg_fetch_row(pg_query(pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW), 'SELECT pg_sleep(0.1), 9'))[1])];
var_dump(await($own[0]), await($own[1]));
?>
--EXPECT--
pg_query: Error: Another coroutine is using this PostgreSQL connection; use one connection per coroutine
pg_query_params: Error: Another coroutine is using this PostgreSQL connection; use one connection per coroutine
string(1) "1"
string(1) "4"
PDO::query: Error: Another coroutine is using this PostgreSQL connection; use one connection per coroutine
PDOStatement::execute: Error: Another coroutine is using this PostgreSQL connection; use one connection per coroutine
PDOStatement::fetch: Error: Another coroutine is using this PostgreSQL connection; use one connection per coroutine
int(6)
int(5)
int(8)
string(1) "9"
