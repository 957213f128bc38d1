--TEST--
Async\engine_info(): the API version and the registered backends; phpinfo shows the same
--FILE--
<?php
$info = Async\engine_info();
var_dump($info['api_version'], $info['reactor'], $info['scheduler']);
try {
    Async\engine_info(1);
} catch (ArgumentCountError $e) {
    echo $e->getMessage(), "\n";
}
ob_start();
phpinfo(INFO_MODULES);
$text = ob_get_clean();
var_dump(str_contains($text, 'Reactor => libuv'), str_contains($text, 'async.timer_pool_size => 1024'));
?>
--EXPECT--
string(32) "TrueAsync API v0.4.0 (stock PHP)"
string(5) "libuv"
string(5) "async"
Async\engine_info() expects exactly 0 arguments, 1 given
bool(true)
bool(true)
