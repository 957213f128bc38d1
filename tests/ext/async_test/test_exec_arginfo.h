/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 176a8e6ab963a2c46f09fe31afe8699d85a802d7 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_exec, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, mode, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, cmd, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, cwd, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, env, IS_ARRAY, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, timeout, IS_LONG, 0, "0")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, stderr, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_exec_scenario, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, scenario, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_has_children, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(async_test_exec);
ZEND_FUNCTION(async_test_exec_scenario);
ZEND_FUNCTION(async_test_has_children);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_exec, arginfo_async_test_exec)
	ZEND_FE(async_test_exec_scenario, arginfo_async_test_exec_scenario)
	ZEND_FE(async_test_has_children, arginfo_async_test_has_children)
	ZEND_FE_END
};
