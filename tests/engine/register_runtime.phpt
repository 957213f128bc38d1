--TEST--
Engine API from C: a second reactor is refused without allow_override, replaces with it; the same module again is harmless
--EXTENSIONS--
async_test
--INI--
async.default_reactor=0
--FILE--
<?php
var_dump(async_test_reactor_module());
var_dump(async_test_register_reactor('async_test', false));
var_dump(async_test_reactor_module());
echo "same module again: ";
var_dump(async_test_register_reactor('async_test', false));

try {
    async_test_register_reactor('async_test_other', false);
    echo "not refused\n";
} catch (Error $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump(async_test_reactor_module());

var_dump(async_test_register_reactor('async_test_other', true));
var_dump(async_test_reactor_module());
var_dump(Async\engine_info()['reactor']);

try {
    async_test_register_reactor('bogus', true);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
NULL
bool(true)
string(10) "async_test"
same module again: bool(true)
Error: The module async_test_other is trying to override the reactor, which was registered by the module async_test
string(10) "async_test"
bool(true)
string(16) "async_test_other"
string(16) "async_test_other"
async_test_register_reactor(): Argument #1 ($module) must be "async_test" or "async_test_other"
