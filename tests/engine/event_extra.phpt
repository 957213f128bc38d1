--TEST--
Engine API from C: extra_size is reserved behind the backend's struct and found through extra_offset
--EXTENSIONS--
async_test
--FILE--
<?php
foreach ([0, 1, 8, 64, 4096] as $size) {
    $r = async_test_extra($size);
    echo $size, ': ', json_encode($r), "\n";
}
try {
    async_test_extra(-1);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
0: {"offset_is_backend_size":true,"offset_after_abi_struct":true,"extra_intact":true,"backend_fields_intact":true}
1: {"offset_is_backend_size":true,"offset_after_abi_struct":true,"extra_intact":true,"backend_fields_intact":true}
8: {"offset_is_backend_size":true,"offset_after_abi_struct":true,"extra_intact":true,"backend_fields_intact":true}
64: {"offset_is_backend_size":true,"offset_after_abi_struct":true,"extra_intact":true,"backend_fields_intact":true}
4096: {"offset_is_backend_size":true,"offset_after_abi_struct":true,"extra_intact":true,"backend_fields_intact":true}
async_test_extra(): Argument #1 ($extra_size) must be between 0 and 1048576
