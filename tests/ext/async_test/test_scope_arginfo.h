/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 5712d6aad046b4c72c75e49e095bc4ab5264b90b */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_scope_spawn, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(async_test_scope_spawn);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_scope_spawn, arginfo_async_test_scope_spawn)
	ZEND_FE_END
};
