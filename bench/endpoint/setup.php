<?php
// Makes the endpoint's table: items 1..100 ("item 1".."item 100").
require __DIR__ . '/query.inc.php';
$db = endpoint_connect();
$db->exec('DROP TABLE IF EXISTS items');
$db->exec('CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL)');
$insert = $db->prepare('INSERT INTO items VALUES (?, ?)');
for ($i = 1; $i <= 100; $i++) {
    $insert->execute([$i, "item $i"]);
}
