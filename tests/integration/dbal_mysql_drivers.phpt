--TEST--
Integration: Doctrine DBAL on MariaDB (pdo_mysql and mysqli drivers) in coroutines: a connection per coroutine, N x SLEEP(0.3) overlap; transactions (transactional(), commit and rollback) of N coroutines overlap and keep their own rows; a connection shared by two coroutines at once: mysqlnd refuses the second query with its own error (2014, or Commands out of sync), the first gets its answer and the connection stays usable
--EXTENSIONS--
pdo
mysqlnd
pdo_mysql
mysqli
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; require __DIR__ . '/../hooks/mysql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
require __DIR__ . '/dbal.inc';
require __DIR__ . '/../hooks/mysql_config.inc';

foreach (['pdo_mysql', 'mysqli'] as $driver) {
    dbal_scenarios($driver, ['driver' => $driver, 'host' => mysql_env('HOST'), 'port' => (int) mysql_env('PORT'),
        'user' => mysql_env('USER'), 'password' => mysql_env('PASS'), 'dbname' => mysql_env('DB')], 'SELECT SLEEP(' . DBAL_SLEEP . ')');
}
?>
--EXPECTF--
pdo_mysql, a connection each: own results, overlap
pdo_mysql, transactions: committed, saw its row 1 time(s), rolled back; rows 0,2%s, overlap
pdo_mysql, shared: first / Doctrine\DBAL\Exception\DriverException: An exception occurred while executing a query: SQLSTATE[HY000]: General error: 2014 %s / then again
mysqli, a connection each: own results, overlap
mysqli, transactions: committed, saw its row 1 time(s), rolled back; rows 0,2%s, overlap
mysqli, shared: first / Doctrine\DBAL\Exception\DriverException: An exception occurred while executing a query: Commands out of sync; you can't run this command now / then again
