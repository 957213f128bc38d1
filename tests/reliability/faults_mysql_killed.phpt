--TEST--
Reliability (faults): a MariaDB connection killed in the middle of a query (KILL from another connection) fails in its coroutine with the same error as in stock PHP (mysqli and PDO: "server has gone away" / "Lost connection" codes), other coroutines' queries go on, and a new connection works
--EXTENSIONS--
mysqlnd
mysqli
pdo
pdo_mysql
--SKIPIF--
<?php require __DIR__ . '/../hooks/mysql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/../hooks/mysql_config.inc';
use function Async\{spawn, await, delay};

mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
function mysqli_connect_test(): mysqli {
    return new mysqli(mysql_env('HOST'), mysql_env('USER'), mysql_env('PASS'), mysql_env('DB'), (int) mysql_env('PORT'));
}
function pdo_connect_test(): PDO {
    return new PDO(mysql_dsn(), mysql_env('USER'), mysql_env('PASS'), [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
}
// The victim's query, killed by another connection after 200 ms.
function killed(string $api): array {
    $db = $api === 'mysqli' ? mysqli_connect_test() : pdo_connect_test();
    $id = $api === 'mysqli' ? $db->thread_id : (int) $db->query('SELECT CONNECTION_ID()')->fetchColumn();
    $killer = mysqli_connect_test();
    $killer_query = function () use ($killer, $id) { usleep(200000); $killer->query("KILL $id"); };
    return [$db, $killer_query];
}
function outcome(string $api, $db): string {
    try {
        $api === 'mysqli' ? $db->query('SELECT SLEEP(5)') : $db->query('SELECT SLEEP(5)')->fetchAll();
        return 'returned';
    } catch (Throwable $e) {
        return get_class($e) . ' ' . $e->getCode();
    }
}
foreach (['mysqli', 'PDO'] as $api) {
    // Stock: the kill comes from a child process while this one blocks.
    [$db, ] = killed($api);
    $id = $api === 'mysqli' ? $db->thread_id : (int) $db->query('SELECT CONNECTION_ID()')->fetchColumn();
    $cmd = sprintf('%s -n -d extension_dir=%s -d extension=mysqlnd -d extension=mysqli -r %s', PHP_BINARY,
        escapeshellarg(ini_get('extension_dir')), escapeshellarg(sprintf('usleep(200000); $k = new mysqli(%s, %s, %s, %s, %d); $k->query("KILL %d");',
        var_export(mysql_env('HOST'), true), var_export(mysql_env('USER'), true), var_export(mysql_env('PASS'), true),
        var_export(mysql_env('DB'), true), (int) mysql_env('PORT'), $id)));
    $child = proc_open($cmd, [], $pipes);
    $stock = outcome($api, $db);
    proc_close($child);

    // In coroutines: the victim, the killer and a bystander that runs a query meanwhile.
    [$victim, $kill] = killed($api);
    $bystander = spawn(function () { $db = mysqli_connect_test(); return (int) $db->query('SELECT SLEEP(0.5) + 7')->fetch_row()[0]; });
    $k = spawn($kill);
    $ours = await(spawn(fn() => outcome($api, $victim)));
    await($k);
    echo "$api: ", $ours === $stock ? "same as stock ($ours)" : "stock: $stock, in a coroutine: $ours", ", bystander got ", await($bystander), "\n";
    $again = $api === 'mysqli' ? mysqli_connect_test()->query('SELECT 1')->fetch_row()[0] : pdo_connect_test()->query('SELECT 1')->fetchColumn();
    echo "a new connection answers $again\n";
}
?>
--EXPECTF--
mysqli: same as stock (mysqli_sql_exception %d), bystander got 7
a new connection answers 1
PDO: same as stock (PDOException %s), bystander got 7
a new connection answers 1
