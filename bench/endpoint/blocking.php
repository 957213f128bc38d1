<?php
// The endpoint as PHP serves it without coroutines (PHP's built-in server: php -S ADDR blocking.php;
// PHP-FPM: SCRIPT_FILENAME): one request per process at a time, a connection per request
// (ENDPOINT_PERSISTENT=1: a persistent one per process).
require __DIR__ . '/query.inc.php';
$db = endpoint_connect(getenv('ENDPOINT_PERSISTENT') === '1');
header('Content-Type: application/json');
echo endpoint_body($db, (int) ($_GET['id'] ?? 1), (float) ($_GET['sleep'] ?? 0));
