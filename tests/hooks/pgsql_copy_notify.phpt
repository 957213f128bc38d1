--TEST--
Library hooks: ext/pgsql pg_copy_from/pg_copy_to and pg_pconnect inside coroutines give the same results as outside; LISTEN with stream_select() on pg_socket() + pg_get_notify() waits only its coroutine
--EXTENSIONS--
pgsql
--SKIPIF--
<?php require __DIR__ . '/pgsql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/pgsql_config.inc';
use function Async\{spawn, await, delay};

function copy_round_trip(): array {
    $c = pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW);
    pg_query($c, 'CREATE TEMPORARY TABLE t (i int, s text)');
    $rows = [];
    for ($i = 0; $i < 2000; $i++) $rows[] = "$i\trow $i";
    $copied = pg_copy_from($c, 't', $rows);
    $back = pg_copy_to($c, 't');
    return [$copied, count($back), $back[1999]];
}
$outside = copy_round_trip();
var_dump($outside, await(spawn(copy_round_trip(...))) === $outside);

$persistent = fn () => pg_fetch_row(pg_query(pg_pconnect(pgsql_conninfo()), 'SELECT 42'))[0];
var_dump(await(spawn($persistent)) === $persistent());

$listener = pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW);
pg_query($listener, 'LISTEN async_copy_notify');
$ticks = 0;
$waiter = spawn(function () use ($listener) {
    $read = [pg_socket($listener)];
    $write = $except = null;
    $ready = stream_select($read, $write, $except, 2);
    pg_consume_input($listener);
    return [$ready, pg_get_notify($listener, PGSQL_ASSOC)['payload'] ?? null];
});
spawn(function () use (&$ticks) {
    for ($i = 0; $i < 10; $i++) { delay(10); $ticks++; }
    pg_query(pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW), "NOTIFY async_copy_notify, 'hello'");
});
var_dump(await($waiter), $ticks);
?>
--EXPECT--
array(3) {
  [0]=>
  bool(true)
  [1]=>
  int(2000)
  [2]=>
  string(14) "1999	row 1999
"
}
bool(true)
bool(true)
array(2) {
  [0]=>
  int(1)
  [1]=>
  string(5) "hello"
}
int(10)
