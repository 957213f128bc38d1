/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: fc6dbb60a3779a629b572de2df706ca7f1d2aa66 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_poll_scenario, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, scenario, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_poll_many, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, count, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_poll_churn, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, count, IS_LONG, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(async_test_poll_scenario);
ZEND_FUNCTION(async_test_poll_many);
ZEND_FUNCTION(async_test_poll_churn);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_poll_scenario, arginfo_async_test_poll_scenario)
	ZEND_FE(async_test_poll_many, arginfo_async_test_poll_many)
	ZEND_FE(async_test_poll_churn, arginfo_async_test_poll_churn)
	ZEND_FE_END
};
