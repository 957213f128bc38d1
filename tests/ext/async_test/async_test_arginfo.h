/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 91539319146a7cdb97847e9604cd16d3d47673d8 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_register_reactor, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, module, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, allow_override, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_async_test_register_scheduler arginfo_async_test_register_reactor

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_startup_result, 0, 0, _IS_BOOL, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_reactor_module, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_is_enabled, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_call_entry, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, entry, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_async_test_refcount arginfo_async_test_is_enabled

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_extra, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, extra_size, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_notify, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, count, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, removals, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, rounds, IS_LONG, 0, "2")
ZEND_END_ARG_INFO()

#define arginfo_async_test_nested_notify arginfo_async_test_is_enabled

#define arginfo_async_test_notify_throws arginfo_async_test_is_enabled

#define arginfo_async_test_notify_handler arginfo_async_test_is_enabled

#define arginfo_async_test_start_stop arginfo_async_test_is_enabled

#define arginfo_async_test_flags arginfo_async_test_is_enabled

#define arginfo_async_test_callback_shared arginfo_async_test_is_enabled

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_timers, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, count, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, dispose_in_callback, _IS_BOOL, 0, "false")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_exception_class, 0, 1, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, type, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_new_exception, 0, 2, IS_OBJECT, 0)
	ZEND_ARG_TYPE_INFO(0, type, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_throw, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, type, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_throw_cancellation, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_throw_timeout, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, ms, IS_LONG, 0)
ZEND_END_ARG_INFO()

#define arginfo_async_test_api_version arginfo_async_test_is_enabled


ZEND_FUNCTION(async_test_register_reactor);
ZEND_FUNCTION(async_test_register_scheduler);
ZEND_FUNCTION(async_test_startup_result);
ZEND_FUNCTION(async_test_reactor_module);
ZEND_FUNCTION(async_test_is_enabled);
ZEND_FUNCTION(async_test_call_entry);
ZEND_FUNCTION(async_test_refcount);
ZEND_FUNCTION(async_test_extra);
ZEND_FUNCTION(async_test_notify);
ZEND_FUNCTION(async_test_nested_notify);
ZEND_FUNCTION(async_test_notify_throws);
ZEND_FUNCTION(async_test_notify_handler);
ZEND_FUNCTION(async_test_start_stop);
ZEND_FUNCTION(async_test_flags);
ZEND_FUNCTION(async_test_callback_shared);
ZEND_FUNCTION(async_test_timers);
ZEND_FUNCTION(async_test_exception_class);
ZEND_FUNCTION(async_test_new_exception);
ZEND_FUNCTION(async_test_throw);
ZEND_FUNCTION(async_test_throw_cancellation);
ZEND_FUNCTION(async_test_throw_timeout);
ZEND_FUNCTION(async_test_api_version);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_register_reactor, arginfo_async_test_register_reactor)
	ZEND_FE(async_test_register_scheduler, arginfo_async_test_register_scheduler)
	ZEND_FE(async_test_startup_result, arginfo_async_test_startup_result)
	ZEND_FE(async_test_reactor_module, arginfo_async_test_reactor_module)
	ZEND_FE(async_test_is_enabled, arginfo_async_test_is_enabled)
	ZEND_FE(async_test_call_entry, arginfo_async_test_call_entry)
	ZEND_FE(async_test_refcount, arginfo_async_test_refcount)
	ZEND_FE(async_test_extra, arginfo_async_test_extra)
	ZEND_FE(async_test_notify, arginfo_async_test_notify)
	ZEND_FE(async_test_nested_notify, arginfo_async_test_nested_notify)
	ZEND_FE(async_test_notify_throws, arginfo_async_test_notify_throws)
	ZEND_FE(async_test_notify_handler, arginfo_async_test_notify_handler)
	ZEND_FE(async_test_start_stop, arginfo_async_test_start_stop)
	ZEND_FE(async_test_flags, arginfo_async_test_flags)
	ZEND_FE(async_test_callback_shared, arginfo_async_test_callback_shared)
	ZEND_FE(async_test_timers, arginfo_async_test_timers)
	ZEND_FE(async_test_exception_class, arginfo_async_test_exception_class)
	ZEND_FE(async_test_new_exception, arginfo_async_test_new_exception)
	ZEND_FE(async_test_throw, arginfo_async_test_throw)
	ZEND_FE(async_test_throw_cancellation, arginfo_async_test_throw_cancellation)
	ZEND_FE(async_test_throw_timeout, arginfo_async_test_throw_timeout)
	ZEND_FE(async_test_api_version, arginfo_async_test_api_version)
	ZEND_FE_END
};
