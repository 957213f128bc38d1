/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: d44bb1e2c1387693798236d33e2c5c134b188a09 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_timer_scenario, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, scenario, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_timer_many, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, count, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, spread, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_timer_churn, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, count, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_async_test_timer_abandon arginfo_async_test_timer_churn


ZEND_FUNCTION(async_test_timer_scenario);
ZEND_FUNCTION(async_test_timer_many);
ZEND_FUNCTION(async_test_timer_churn);
ZEND_FUNCTION(async_test_timer_abandon);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_timer_scenario, arginfo_async_test_timer_scenario)
	ZEND_FE(async_test_timer_many, arginfo_async_test_timer_many)
	ZEND_FE(async_test_timer_churn, arginfo_async_test_timer_churn)
	ZEND_FE(async_test_timer_abandon, arginfo_async_test_timer_abandon)
	ZEND_FE_END
};
