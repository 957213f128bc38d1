--TEST--
Library hooks: cancelling a coroutine in the middle of a PostgreSQL query (ext/pgsql or PDO) cancels the query on the server (PQcancel), ends the call with the cancellation itself (no pgsql warning, no PDOException, also with an error handler that throws), and the connection stays usable; a cancelled connect or notification wait ends at once
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

function cancel_after(int $ms, Closure $operation): string {
    $coroutine = spawn(function () use ($operation) {
        try {
            $operation();
            return 'not cancelled';
        } catch (PDOException|ErrorException $e) {
            return 'caught ' . get_class($e) . ': ' . $e->getMessage();
        }
    });
    delay($ms);
    $t = hrtime(true);
    $coroutine->cancel();
    try {
        $what = await($coroutine);
    } catch (Async\AsyncCancellation $e) {
        $what = get_class($e);
    }
    // A query the server did not cancel would hold the call for its 5 s.
    return $what . (((hrtime(true) - $t) / 1e9) < 1.0 ? ', at once' : ', late');
}

$c = pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW);
echo 'pg_query: ', cancel_after(100, fn () => pg_query($c, 'SELECT pg_sleep(5)')), "\n";
var_dump(pg_fetch_row(pg_query($c, 'SELECT 1'))[0], pg_connection_status($c) === PGSQL_CONNECTION_OK);
echo 'pg_query_params: ', cancel_after(100, fn () => pg_query_params($c, 'SELECT pg_sleep($1)', [5])), "\n";
echo 'pg_get_result: ', cancel_after(100, function () use ($c) {
    pg_send_query($c, 'SELECT pg_sleep(5)');
    return pg_get_result($c);
}), "\n";
while (pg_get_result($c) !== false); // what the cancelled call left: the server's answer to the cancel
var_dump(pg_fetch_row(pg_query($c, 'SELECT 2'))[0]);

// An error handler that turns warnings into exceptions does not replace the cancellation.
set_error_handler(function ($type, $message) { throw new ErrorException($message); });
echo 'pg_query with a throwing error handler: ', cancel_after(100, fn () => pg_query($c, 'SELECT pg_sleep(5)')), "\n";
restore_error_handler();
var_dump(pg_fetch_row(pg_query($c, 'SELECT 3'))[0]);

$p = pgsql_pdo();
echo 'PDO::query: ', cancel_after(100, fn () => $p->query('SELECT pg_sleep(5)')), "\n";
$s = $p->prepare('SELECT pg_sleep(:s)');
echo 'PDOStatement::execute: ', cancel_after(100, fn () => $s->execute(['s' => 5])), "\n";
var_dump($p->query('SELECT 4')->fetchColumn());
$p->exec('LISTEN async_cancel');
echo 'PDO::pgsqlGetNotify: ', cancel_after(100, fn () => $p->pgsqlGetNotify(PDO::FETCH_ASSOC, 5000)), "\n";
var_dump($p->query('SELECT 5')->fetchColumn());

// A server that accepts the connection and never answers: the connect is cancelled.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$port = substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
echo 'pg_connect: ', cancel_after(100, fn () => pg_connect(pgsql_conninfo(['port' => $port]), PGSQL_CONNECT_FORCE_NEW)), "\n";
echo 'new PDO: ', cancel_after(100, fn () => new PDO(pgsql_dsn(['port' => $port]), 'x')), "\n";
?>
--EXPECT--
pg_query: Async\AsyncCancellation, at once
string(1) "1"
bool(true)
pg_query_params: Async\AsyncCancellation, at once
pg_get_result: Async\AsyncCancellation, at once
string(1) "2"
pg_query with a throwing error handler: Async\AsyncCancellation, at once
string(1) "3"
PDO::query: Async\AsyncCancellation, at once
PDOStatement::execute: Async\AsyncCancellation, at once
int(4)
PDO::pgsqlGetNotify: Async\AsyncCancellation, at once
int(5)
pg_connect: Async\AsyncCancellation, at once
new PDO: Async\AsyncCancellation, at once
