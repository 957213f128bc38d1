--TEST--
Hooks: PDO MySQL: while two coroutines wait inside new PDO() (which turns warnings into PDOException around its work), a third one's @file_get_contents() is quiet and throws nothing; afterwards warnings are warnings again
--EXTENSIONS--
pdo
mysqlnd
pdo_mysql
--SKIPIF--
<?php require __DIR__ . '/mysql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/mysql_config.inc';
use function Async\{spawn, await_all, suspend};

// A relay in front of the server that holds each connection 50 ms before passing bytes on: the
// constructors surely wait inside new PDO() (a local server may answer before the first read).
$relay = stream_socket_server('tcp://127.0.0.1:0');
$relay_port = (int) substr(strrchr(stream_socket_get_name($relay, false), ':'), 1);
function pipe($from, $to): void {
    while (($data = fread($from, 65536)) !== false && $data !== '') {
        fwrite($to, $data);
    }
    fclose($to);
}
$relaying = spawn(function () use ($relay) {
    $pipes = [];
    for ($i = 0; $i < 2; $i++) {
        $client = stream_socket_accept($relay);
        $server = stream_socket_client(sprintf('tcp://%s:%s', mysql_env('HOST'), mysql_env('PORT')));
        Async\delay(50);
        $pipes[] = spawn('pipe', $client, $server);
        $pipes[] = spawn('pipe', $server, $client);
    }
    return $pipes;
});
$dsn = sprintf('mysql:host=127.0.0.1;port=%d;dbname=%s', $relay_port, mysql_env('DB'));

$connected = 0;
$connect = function () use (&$connected, $dsn) {
    $pdo = new PDO($dsn, mysql_env('USER'), mysql_env('PASS'));
    $connected++;
    return (int) $pdo->query('SELECT 1')->fetchColumn();
};
// Runs between the connectors' waits until both have connected.
$warner = spawn(function () use (&$connected) {
    $tries = 0;
    $thrown = [];
    while ($connected < 2 && $tries < 100000) {
        $tries++;
        try {
            if (@file_get_contents('/nonexistent') !== false) {
                echo "read /nonexistent?\n";
            }
        } catch (Throwable $e) {
            $thrown[] = get_class($e);
        }
        suspend();
    }
    return [$tries, array_count_values($thrown)];
});
[$results, $errors] = await_all([spawn($connect), spawn($connect), $warner]);
await_all(Async\await($relaying)); // the connections are closed: the relay's pipes end
var_dump($results[0], $results[1], $errors);
[$tries, $thrown] = $results[2];
var_dump($tries > 1, $thrown);

function warn(string $who): void {
    try {
        var_dump(@file_get_contents('/nonexistent'));
        var_dump(file_get_contents('/nonexistent'));
    } catch (Throwable $e) {
        echo "$who: ", get_class($e), "\n";
    }
}
warn('main');
await_all([spawn('warn', 'coroutine')]);
?>
--EXPECTF--
int(1)
int(1)
array(0) {
}
bool(true)
array(0) {
}
bool(false)

Warning: file_get_contents(/nonexistent): Failed to open stream: No such file or directory in %s on line %d
bool(false)
bool(false)

Warning: file_get_contents(/nonexistent): Failed to open stream: No such file or directory in %s on line %d
bool(false)
