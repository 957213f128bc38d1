<?php
// The endpoint's work, the same in every server of bench/endpoint.sh: one MariaDB query for the
// item of ?id= (1..100), waiting ?sleep= seconds inside the server (0: a plain primary-key look-up),
// answered as a small JSON document.

/** A connection to the database of ASYNC_TEST_MYSQL_* (scripts/mariadb.sh's env). */
function endpoint_connect(bool $persistent = false): PDO
{
    $dsn = sprintf('mysql:host=%s;port=%s;dbname=%s', getenv('ASYNC_TEST_MYSQL_HOST'),
        getenv('ASYNC_TEST_MYSQL_PORT'), getenv('ASYNC_TEST_MYSQL_DB'));
    return new PDO($dsn, getenv('ASYNC_TEST_MYSQL_USER'), getenv('ASYNC_TEST_MYSQL_PASS'), [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_EMULATE_PREPARES => false,
        PDO::ATTR_PERSISTENT => $persistent,
    ]);
}

/** The response body for item $id: its row, read with one query (SLEEP($sleep) seconds in the server). */
function endpoint_body(PDO $db, int $id, float $sleep): string
{
    $statement = $db->prepare('SELECT id, name FROM items WHERE id = ? AND SLEEP(?) = 0');
    $statement->execute([$id, $sleep]);
    $row = $statement->fetch(PDO::FETCH_ASSOC);
    if ($row === false) {
        throw new RuntimeException("no item $id");
    }
    return json_encode(['id' => (int) $row['id'], 'name' => $row['name']]) . "\n";
}
