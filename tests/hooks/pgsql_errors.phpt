--TEST--
Library hooks: PostgreSQL errors inside coroutines equal stock PHP's outside (ext/pgsql warnings and PDO exceptions): wrong password, refused connection, a server that ends the connection mid-reply, unknown host (libpq's own name look-up runs on the reactor's thread pool), SQL syntax error; the connection stays usable after an SQL error
--EXTENSIONS--
pgsql
pdo
pdo_pgsql
--SKIPIF--
<?php require __DIR__ . '/pgsql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/pgsql_config.inc';
use function Async\{spawn, await};

function refused_port(): int {
    $probe = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
    fclose($probe);
    return $port;
}

// What a call gives: its result and its warnings, or its exception.
function outcome(Closure $call): string {
    $warnings = [];
    set_error_handler(function ($type, $message) use (&$warnings) { $warnings[] = $message; return true; });
    try {
        $result = var_export($call(), true);
    } catch (Throwable $e) {
        $result = get_class($e) . ': ' . $e->getMessage() . ' (' . $e->getCode() . ')';
    } finally {
        restore_error_handler();
    }
    return trim($result . ' ' . implode(' | ', $warnings));
}

$port = refused_port();
$cases = [
    'pg wrong password' => fn () => pg_connect(pgsql_conninfo(['user' => 'asyncpw', 'password' => 'wrong', 'dbname' => 'postgres']), PGSQL_CONNECT_FORCE_NEW),
    'pg right password' => fn () => pg_connection_status(pg_connect(pgsql_conninfo(['user' => 'asyncpw', 'password' => 'asyncpw-pass', 'dbname' => 'postgres']), PGSQL_CONNECT_FORCE_NEW)),
    'pg refused' => fn () => pg_connect(pgsql_conninfo(['port' => $port]), PGSQL_CONNECT_FORCE_NEW),
    'pg unknown host' => fn () => pg_connect(pgsql_conninfo(['host' => 'no-such-host.invalid']), PGSQL_CONNECT_FORCE_NEW),
    'pg syntax error' => function () {
        $c = pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW);
        $r = pg_query($c, 'SELEC 1');
        return [$r, pg_last_error($c), pg_fetch_row(pg_query($c, 'SELECT 1'))];
    },
    'pg server ends the connection mid-reply' => function () {
        $c = pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW);
        return [pg_query($c, 'SELECT pg_terminate_backend(pg_backend_pid())'), pg_connection_status($c) === PGSQL_CONNECTION_BAD];
    },
    'pdo wrong password' => fn () => new PDO(pgsql_dsn(['dbname' => 'postgres']), 'asyncpw', 'wrong'),
    'pdo refused' => fn () => new PDO(pgsql_dsn(['port' => $port]), pgsql_env('USER')),
    'pdo unknown host' => fn () => new PDO(pgsql_dsn(['host' => 'no-such-host.invalid']), pgsql_env('USER')),
    'pdo syntax error' => function () {
        $p = pgsql_pdo();
        try {
            $p->query('SELEC 1');
        } catch (PDOException $e) {
            return [$e->getMessage(), $p->query('SELECT 1')->fetchColumn()];
        }
    },
    'pdo server ends the connection mid-reply' => fn () => pgsql_pdo()->query('SELECT pg_terminate_backend(pg_backend_pid())'),
];
foreach ($cases as $name => $call) {
    $outside = outcome($call);
    $inside = await(spawn(outcome(...), $call));
    echo "$name: ", $outside === $inside ? 'same inside' : "differs inside:\n  $outside\n  $inside", "\n";
    echo '  ', preg_replace('/\s+/', ' ', str_replace((string) $port, 'PORT', $outside)), "\n";
}
?>
--EXPECTF--
pg wrong password: same inside
  false pg_connect(): Unable to connect to PostgreSQL server: connection to server at "127.0.0.1", port %d failed: FATAL: password authentication failed for user "asyncpw"
pg right password: same inside
  0
pg refused: same inside
  false pg_connect(): Unable to connect to PostgreSQL server: connection to server at "127.0.0.1", port PORT failed: Connection refused Is the server running on that host and accepting TCP/IP connections?
pg unknown host: same inside
  false pg_connect(): Unable to connect to PostgreSQL server: could not translate host name "no-such-host.invalid" to address: %s
pg syntax error: same inside
  array ( 0 => false, 1 => 'ERROR: syntax error at or near "SELEC" LINE 1: SELEC 1 ^', 2 => array ( 0 => '1', ), ) pg_query(): Query failed: ERROR: syntax error at or near "SELEC" LINE 1: SELEC 1 ^
pg server ends the connection mid-reply: same inside
  array ( 0 => false, 1 => true, ) pg_query(): Query failed: FATAL: terminating connection due to administrator command server closed the connection unexpectedly This probably means the server terminated abnormally before or while processing the request.
pdo wrong password: same inside
  PDOException: SQLSTATE[08006] [7] connection to server at "127.0.0.1", port %d failed: FATAL: password authentication failed for user "asyncpw" (7)
pdo refused: same inside
  PDOException: SQLSTATE[08006] [7] connection to server at "127.0.0.1", port PORT failed: Connection refused Is the server running on that host and accepting TCP/IP connections? (7)
pdo unknown host: same inside
  PDOException: SQLSTATE[08006] [7] could not translate host name "no-such-host.invalid" to address: %s (7)
pdo syntax error: same inside
  array ( 0 => 'SQLSTATE[42601]: Syntax error: 7 ERROR: syntax error at or near "SELEC" LINE 1: SELEC 1 ^', 1 => 1, )
pdo server ends the connection mid-reply: same inside
  PDOException: SQLSTATE[HY000]: General error: 7 FATAL: terminating connection due to administrator command server closed the connection unexpectedly This probably means the server terminated abnormally before or while processing the request. (HY000)
