/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 08f7bfcb7df2211929d376e43a0a705289d7193a */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_process_scenario, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, scenario, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_process_fork, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, exit_code, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, delay_ms, IS_LONG, 0, "0")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_process_wait, 0, 1, IS_LONG, 1)
	ZEND_ARG_TYPE_INFO(0, pid, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, max_ms, IS_LONG, 0, "5000")
ZEND_END_ARG_INFO()


ZEND_FUNCTION(async_test_process_scenario);
ZEND_FUNCTION(async_test_process_fork);
ZEND_FUNCTION(async_test_process_wait);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_process_scenario, arginfo_async_test_process_scenario)
	ZEND_FE(async_test_process_fork, arginfo_async_test_process_fork)
	ZEND_FE(async_test_process_wait, arginfo_async_test_process_wait)
	ZEND_FE_END
};
