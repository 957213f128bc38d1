--TEST--
Engine API from C: a backend's MINIT registration with allow_override replaces libuv
--EXTENSIONS--
async_test
--INI--
async_test.register_at_startup=2
--FILE--
<?php
var_dump(async_test_startup_result());
var_dump(async_test_reactor_module(), Async\engine_info()['reactor']);
// Entries the test backend leaves out answer with a clear error, not libuv's.
try {
    async_test_call_entry('getaddrinfo');
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
string(10) "async_test"
string(10) "async_test"
Cannot call getaddrinfo(): the async reactor async_test does not provide it
