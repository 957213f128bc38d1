--TEST--
Hooks: with pcntl_async_signals(true), a pcntl_signal() handler runs at once when a signal from another process arrives while a coroutine waits for a MariaDB query and the main script waits for it; the handler cancels the query's coroutine, which sees the cancellation
--EXTENSIONS--
mysqlnd
mysqli
pcntl
--SKIPIF--
<?php require __DIR__ . '/mysql_skipif.inc'; if (!is_executable('/bin/sh')) die('skip needs /bin/sh'); ?>
--FILE--
<?php
require __DIR__ . '/mysql_config.inc';
use function Async\{spawn, await};

pcntl_async_signals(true);
$query = spawn(function () {
    $db = new mysqli(mysql_env('HOST'), mysql_env('USER'), mysql_env('PASS'), mysql_env('DB'), (int) mysql_env('PORT'));
    $db->query('SELECT SLEEP(5)');
    echo "query returned\n";
});
$handled = null;
pcntl_signal(SIGTERM, function () use ($query, &$handled) {
    $handled = microtime(true);
    $query->cancel();
});
$sent = microtime(true);
exec(sprintf('(sleep 0.3; kill -TERM %d) >/dev/null 2>&1 &', getmypid()));
try {
    await($query);
} catch (Async\AsyncCancellation $e) {
    echo "query coroutine: ", get_class($e), "\n";
}
echo "handler ran within 2 s: ", $handled !== null && $handled - $sent < 2 ? 'yes' : 'no', "\n";
?>
--EXPECT--
query coroutine: Async\AsyncCancellation
handler ran within 2 s: yes
