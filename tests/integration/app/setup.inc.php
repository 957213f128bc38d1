<?php
// Makes the app's table: items 1..10 ("item 1".."item 10"), in the database of ASYNC_TEST_PGSQL_*.
require __DIR__ . '/../vendor/autoload.php';
require __DIR__ . '/Kernel.inc.php';
$db = App\Kernel::connection();
$db->executeStatement('DROP TABLE IF EXISTS items');
$db->executeStatement('CREATE TABLE items (id INT PRIMARY KEY, name TEXT NOT NULL)');
for ($i = 1; $i <= 10; $i++) {
    $db->insert('items', ['id' => $i, 'name' => "item $i"]);
}
