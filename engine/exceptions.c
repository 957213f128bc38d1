/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The Async\ exception classes and the helpers that create and throw them by kind. */
#include "php.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "engine.h"
#include "exceptions_arginfo.h"

zend_class_entry *async_ce_async_exception;
zend_class_entry *async_ce_cancellation;
zend_class_entry *async_ce_operation_canceled_exception;
zend_class_entry *async_ce_timeout_exception;
zend_class_entry *async_ce_input_output_exception;
zend_class_entry *async_ce_poll_exception;
zend_class_entry *async_ce_dns_exception;
zend_class_entry *async_ce_deadlock_error;
zend_class_entry *async_ce_composite_exception;

void async_register_exception_classes(void)
{
	async_ce_async_exception = register_class_Async_AsyncException(zend_ce_exception);
	async_ce_cancellation = register_class_Async_AsyncCancellation(zend_ce_error);
	async_ce_operation_canceled_exception = register_class_Async_OperationCanceledException(async_ce_cancellation);
	async_ce_timeout_exception = register_class_Async_TimeoutException(async_ce_async_exception);
	async_ce_input_output_exception = register_class_Async_InputOutputException(async_ce_async_exception);
	async_ce_poll_exception = register_class_Async_PollException(async_ce_async_exception);
	async_ce_dns_exception = register_class_Async_DnsException(async_ce_async_exception);
	async_ce_deadlock_error = register_class_Async_DeadlockError(zend_ce_error);
	async_ce_composite_exception = register_class_Async_CompositeException(async_ce_async_exception);
}

zend_class_entry *async_exception_class_of(zend_async_class type)
{
	switch (type) {
		case ZEND_ASYNC_CLASS_NO:
		case ZEND_ASYNC_EXCEPTION_DEFAULT: return async_ce_async_exception;
		case ZEND_ASYNC_EXCEPTION_CANCELLATION: return async_ce_cancellation;
		case ZEND_ASYNC_EXCEPTION_OPERATION_CANCELLED: return async_ce_operation_canceled_exception;
		case ZEND_ASYNC_EXCEPTION_TIMEOUT: return async_ce_timeout_exception;
		case ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT: return async_ce_input_output_exception;
		case ZEND_ASYNC_EXCEPTION_POLL: return async_ce_poll_exception;
		case ZEND_ASYNC_EXCEPTION_DNS: return async_ce_dns_exception;
		case ZEND_ASYNC_EXCEPTION_DEADLOCK: return async_ce_deadlock_error;
		case ZEND_ASYNC_EXCEPTION_COMPOSITE: return async_ce_composite_exception;
		default: return NULL;
	}
}

/* The registered scheduler may map kinds to its own classes; fall back to ours. */
static zend_class_entry *class_of(zend_async_class type)
{
	if (type == ZEND_ASYNC_CLASS_NO) {
		type = ZEND_ASYNC_EXCEPTION_DEFAULT;
	}
	zend_class_entry *ce = ZEND_ASYNC_GET_EXCEPTION_CE(type);
	if (ce == NULL) {
		ce = async_exception_class_of(type);
	}
	return ce != NULL ? ce : async_ce_async_exception;
}

static zend_object *new_exception_v(zend_async_class type, const char *format, va_list args)
{
	zval exception, message;
	ZVAL_STR(&message, zend_vstrpprintf(0, format, args));
	object_init_ex(&exception, class_of(type));
	zend_update_property_ex(zend_get_exception_base(Z_OBJ(exception)), Z_OBJ(exception),
		ZSTR_KNOWN(ZEND_STR_MESSAGE), &message);
	zval_ptr_dtor(&message);
	return Z_OBJ(exception);
}

ZEND_ASYNC_EXPORT zend_object *zend_async_new_exception(zend_async_class type, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	zend_object *exception = new_exception_v(type, format, args);
	va_end(args);
	return exception;
}

ZEND_ASYNC_EXPORT zend_object *zend_async_throw(zend_async_class type, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	zend_object *exception = new_exception_v(type, format, args);
	va_end(args);
	zend_throw_exception_internal(exception);
	return exception;
}

ZEND_ASYNC_EXPORT zend_object *zend_async_throw_cancellation(const char *format, ...)
{
	if (format == NULL) {
		if (EG(exception) != NULL && instanceof_function(EG(exception)->ce, class_of(ZEND_ASYNC_EXCEPTION_TIMEOUT))) {
			return zend_async_throw(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The operation was canceled by timeout");
		}
		return zend_async_throw(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The operation was canceled");
	}

	va_list args;
	va_start(args, format);
	zend_object *exception = new_exception_v(ZEND_ASYNC_EXCEPTION_CANCELLATION, format, args);
	va_end(args);
	zend_throw_exception_internal(exception);
	return exception;
}

ZEND_ASYNC_EXPORT zend_object *zend_async_throw_timeout(const char *format, zend_long timeout)
{
	if (format == NULL) {
		return zend_async_throw(ZEND_ASYNC_EXCEPTION_TIMEOUT, "Operation has been cancelled by timeout (" ZEND_LONG_FMT " ms)", timeout);
	}
	return zend_async_throw(ZEND_ASYNC_EXCEPTION_TIMEOUT, format, timeout);
}

/* CompositeException keeps its exceptions in the private $exceptions array. */
static zval *composite_exceptions(zend_object *object)
{
	zend_property_info *info = zend_hash_str_find_ptr(&async_ce_composite_exception->properties_info,
		"exceptions", sizeof("exceptions") - 1);
	ZEND_ASSERT(info != NULL);
	return OBJ_PROP(object, info->offset);
}

ZEND_METHOD(Async_CompositeException, addException)
{
	zend_object *exception;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(exception, zend_ce_throwable)
	ZEND_PARSE_PARAMETERS_END();

	if (exception == Z_OBJ_P(ZEND_THIS)) {
		zend_argument_value_error(1, "cannot be the CompositeException itself");
		RETURN_THROWS();
	}

	zval *list = composite_exceptions(Z_OBJ_P(ZEND_THIS));
	ZVAL_DEREF(list);
	if (Z_TYPE_P(list) != IS_ARRAY) {
		zval_ptr_dtor(list);
		array_init(list);
	}
	SEPARATE_ARRAY(list);
	GC_ADDREF(exception);
	add_next_index_object(list, exception);
}

ZEND_METHOD(Async_CompositeException, getExceptions)
{
	ZEND_PARSE_PARAMETERS_NONE();

	zval *list = composite_exceptions(Z_OBJ_P(ZEND_THIS));
	ZVAL_DEREF(list);
	if (Z_TYPE_P(list) != IS_ARRAY) {
		RETURN_EMPTY_ARRAY();
	}
	RETURN_COPY(list);
}
