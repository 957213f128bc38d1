--TEST--
Engine API from C: the scheduler registers by the same rules
--EXTENSIONS--
async_test
--INI--
async.default_reactor=0
async.default_scheduler=0
--FILE--
<?php
var_dump(async_test_is_enabled()['scheduler']);
var_dump(async_test_register_scheduler('async_test', false));
var_dump(async_test_register_scheduler('async_test', false));
try {
    async_test_register_scheduler('async_test_other', false);
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
var_dump(async_test_register_scheduler('async_test_other', true));
var_dump(Async\engine_info()['scheduler']);
// A scheduler and a reactor: the API is enabled.
var_dump(async_test_is_enabled()['async']);
async_test_register_reactor('async_test', false);
var_dump(async_test_is_enabled()['async']);
// The engine's defaults still give the exception classes by kind.
var_dump(async_test_exception_class(32));
?>
--EXPECT--
bool(false)
bool(true)
bool(true)
The module async_test_other is trying to override the scheduler, which was registered by the module async_test
bool(true)
string(16) "async_test_other"
bool(false)
bool(true)
string(22) "Async\TimeoutException"
