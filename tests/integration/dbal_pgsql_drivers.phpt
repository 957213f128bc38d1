--TEST--
Integration: Doctrine DBAL on PostgreSQL (pdo_pgsql and pgsql drivers) in coroutines: a connection per coroutine, N x pg_sleep(0.3) overlap; transactions (transactional(), commit and rollback) of N coroutines overlap and keep their own rows; a connection shared by two coroutines at once is refused with an Error
--EXTENSIONS--
pdo
pdo_pgsql
pgsql
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; require __DIR__ . '/../hooks/pgsql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
require __DIR__ . '/dbal.inc';
require __DIR__ . '/../hooks/pgsql_config.inc';

foreach (['pdo_pgsql', 'pgsql'] as $driver) {
    dbal_scenarios($driver, ['driver' => $driver, 'host' => pgsql_env('HOST'), 'port' => (int) pgsql_env('PORT'),
        'user' => pgsql_env('USER'), 'dbname' => pgsql_env('DB')], 'SELECT pg_sleep(' . DBAL_SLEEP . ')');
}
?>
--EXPECTF--
pdo_pgsql, a connection each: own results, overlap
pdo_pgsql, transactions: committed, saw its row 1 time(s), rolled back; rows 0,2%s, overlap
pdo_pgsql, shared: first / Error: Another coroutine is using this PostgreSQL connection; use one connection per coroutine / then again
pgsql, a connection each: own results, overlap
pgsql, transactions: committed, saw its row 1 time(s), rolled back; rows 0,2%s, overlap
pgsql, shared: first / Error: Another coroutine is using this PostgreSQL connection; use one connection per coroutine / then again
