/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 56a6e860ae62abbda46bd6f448ad8e9e802a9862 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_timer_scenario, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, scenario, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_timer_many, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, count, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, spread, IS_LONG, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(async_test_timer_scenario);
ZEND_FUNCTION(async_test_timer_many);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_timer_scenario, arginfo_async_test_timer_scenario)
	ZEND_FE(async_test_timer_many, arginfo_async_test_timer_many)
	ZEND_FE_END
};
