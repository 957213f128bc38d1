--TEST--
Engine API: the version macros and the runtime version query agree
--EXTENSIONS--
async_test
--FILE--
<?php
$v = async_test_api_version();
var_dump($v['header'] === $v['runtime'], $v['header_number'] === $v['runtime_number']);
printf("%d.%d.%d\n", $v['runtime_number'] >> 16, ($v['runtime_number'] >> 8) & 0xff, $v['runtime_number'] & 0xff);
$info = Async\engine_info();
var_dump($info['api_version'] === $v['runtime'], $info['api_version_number'] === $v['runtime_number']);
var_dump($info['extension_version'] === phpversion('async'));
?>
--EXPECT--
bool(true)
bool(true)
0.4.0
bool(true)
bool(true)
bool(true)
