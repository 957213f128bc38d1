--TEST--
Hooks: PDO MySQL and mysqli in a coroutine give what PHP gives outside one (rows, prepared statements, a wrong password, bad SQL, a refused port)
--EXTENSIONS--
pdo
mysqlnd
pdo_mysql
mysqli
--SKIPIF--
<?php require __DIR__ . '/mysql_skipif.inc'; ?>
--INI--
display_errors=0
--FILE--
<?php
require __DIR__ . '/mysql_config.inc';
use function Async\{spawn, await};

function closed_port(): int {
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
    fclose($s);
    return $port;
}

function scenarios(int $closed_port): array {
    $out = [];
    $note = function (string $what, callable $f) use (&$out) {
        try {
            $r = $f();
        } catch (Throwable $e) {
            $r = [get_class($e), $e->getCode(), $e->getMessage()];
        }
        $out[] = $what . ': ' . json_encode($r);
    };
    $pdo_with = fn (array $o = []) => new PDO(mysql_dsn(), mysql_env('USER'), mysql_env('PASS'), $o + [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
    $note('pdo rows', fn () => $pdo_with()->query("SELECT 1 + 1 AS two, 'text' AS s, NULL AS n UNION SELECT 3, 'more', 4.5")->fetchAll(PDO::FETCH_ASSOC));
    $note('pdo prepared', function () use ($pdo_with) {
        $st = $pdo_with([PDO::ATTR_EMULATE_PREPARES => false])->prepare('SELECT ? * 2 AS doubled, CONCAT(?, "!") AS shout');
        $st->execute([21, 'hey']);
        return $st->fetchAll(PDO::FETCH_NUM);
    });
    $note('pdo wrong password', fn () => new PDO(mysql_dsn(), mysql_env('USER'), 'wrong-password'));
    $note('pdo bad sql', fn () => $pdo_with()->query('SELEKT 1'));
    $note('pdo bad sql, silent', function () use ($pdo_with) {
        $pdo = $pdo_with([PDO::ATTR_ERRMODE => PDO::ERRMODE_SILENT]);
        return [$pdo->query('SELECT * FROM no_such_table'), $pdo->errorCode(), $pdo->errorInfo()];
    });
    $note('pdo refused', fn () => new PDO(sprintf('mysql:host=127.0.0.1;port=%d', $closed_port), 'u', 'p'));

    $my = fn () => new mysqli(mysql_env('HOST'), mysql_env('USER'), mysql_env('PASS'), mysql_env('DB'), (int) mysql_env('PORT'));
    $note('mysqli rows', fn () => $my()->query("SELECT 1 + 1 AS two, 'text' AS s, NULL AS n")->fetch_all(MYSQLI_ASSOC));
    $note('mysqli prepared', function () use ($my) {
        $db = $my();
        $st = $db->prepare('SELECT ? * 2');
        $v = 21;
        $st->bind_param('i', $v);
        $st->execute();
        return $st->get_result()->fetch_row();
    });
    $note('mysqli wrong password', fn () => new mysqli(mysql_env('HOST'), mysql_env('USER'), 'wrong-password', mysql_env('DB'), (int) mysql_env('PORT')));
    $note('mysqli bad sql', fn () => $my()->query('SELEKT 1'));
    $note('mysqli bad sql, no exceptions', function () use ($my) {
        mysqli_report(MYSQLI_REPORT_OFF);
        try {
            $db = $my();
            return [$db->query('SELECT * FROM no_such_table'), $db->errno, $db->error, $db->sqlstate];
        } finally {
            mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
        }
    });
    $note('mysqli refused', fn () => new mysqli('127.0.0.1', 'u', 'p', '', $closed_port));
    return $out;
}

$port = closed_port();
$outside = scenarios($port);
$inside = await(spawn('scenarios', $port));
echo implode("\n", $outside), "\n";
var_dump($inside === $outside);
if ($inside !== $outside) echo implode("\n", $inside), "\n";
?>
--EXPECTF--
pdo rows: [{"two":2,"s":"text","n":null},{"two":3,"s":"more","n":"4.5"}]
pdo prepared: [[42,"hey!"]]
pdo wrong password: ["PDOException",1045,"SQLSTATE[HY000] [1045] Access denied for user 'asynctest'@'%s' (using password: YES)"]
pdo bad sql: ["PDOException","42000","SQLSTATE[42000]: Syntax error or access violation: 1064 You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'SELEKT 1' at line 1"]
pdo bad sql, silent: [false,"42S02",["42S02",1146,"Table 'asynctest.no_such_table' doesn't exist"]]
pdo refused: ["PDOException",2002,"SQLSTATE[HY000] [2002] Connection refused"]
mysqli rows: [{"two":"2","s":"text","n":null}]
mysqli prepared: [42]
mysqli wrong password: ["mysqli_sql_exception",1045,"Access denied for user 'asynctest'@'%s' (using password: YES)"]
mysqli bad sql: ["mysqli_sql_exception",1064,"You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'SELEKT 1' at line 1"]
mysqli bad sql, no exceptions: [false,1146,"Table 'asynctest.no_such_table' doesn't exist","42S02"]
mysqli refused: ["mysqli_sql_exception",2002,"Connection refused"]
bool(true)
