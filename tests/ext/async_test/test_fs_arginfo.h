/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: efd12341a478d640d2e559b367a355ded40e5272 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_fs_scenario, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, scenario, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, directory, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(async_test_fs_scenario);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_fs_scenario, arginfo_async_test_fs_scenario)
	ZEND_FE_END
};
