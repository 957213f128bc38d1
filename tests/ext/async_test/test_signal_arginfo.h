/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 8649898d3b917944e39209e30510b757c59f7819 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_signal_scenario, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, scenario, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_signal_watch, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, signum, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, hidden, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_signal_run, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, count, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, max_ms, IS_LONG, 0, "5000")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_signal_count, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_signal_start, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_async_test_signal_stop arginfo_async_test_signal_start

#define arginfo_async_test_signal_release arginfo_async_test_signal_start

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_signal_raise, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, signum, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_signal_action, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, signum, IS_LONG, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(async_test_signal_scenario);
ZEND_FUNCTION(async_test_signal_watch);
ZEND_FUNCTION(async_test_signal_run);
ZEND_FUNCTION(async_test_signal_count);
ZEND_FUNCTION(async_test_signal_start);
ZEND_FUNCTION(async_test_signal_stop);
ZEND_FUNCTION(async_test_signal_release);
ZEND_FUNCTION(async_test_signal_raise);
ZEND_FUNCTION(async_test_signal_action);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_signal_scenario, arginfo_async_test_signal_scenario)
	ZEND_FE(async_test_signal_watch, arginfo_async_test_signal_watch)
	ZEND_FE(async_test_signal_run, arginfo_async_test_signal_run)
	ZEND_FE(async_test_signal_count, arginfo_async_test_signal_count)
	ZEND_FE(async_test_signal_start, arginfo_async_test_signal_start)
	ZEND_FE(async_test_signal_stop, arginfo_async_test_signal_stop)
	ZEND_FE(async_test_signal_release, arginfo_async_test_signal_release)
	ZEND_FE(async_test_signal_raise, arginfo_async_test_signal_raise)
	ZEND_FE(async_test_signal_action, arginfo_async_test_signal_action)
	ZEND_FE_END
};
