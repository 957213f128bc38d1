/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Finally handlers, of a coroutine and of a scope alike: called in order, and what they throw
 * collected into one exception for the scope's exception handler, else nobody can catch it. */
#include "scheduler.h"
#include "../engine/engine.h"
#include "zend_exceptions.h"

void async_report_handler_error(zend_object *error)
{
	if (ZEND_ASYNC_EXIT_EXCEPTION == NULL) {
		ZEND_ASYNC_EXIT_EXCEPTION = error;
	} else {
		zend_exception_set_previous(ZEND_ASYNC_EXIT_EXCEPTION, error);
	}
	ZEND_ASYNC_SHUTDOWN();
}

zend_object *async_call_finally_handlers_collect(zval *handlers, zend_object *subject, const char *several_message)
{
	zend_object *first = NULL;
	zval list, argument, retval, *handler;
	ZVAL_UNDEF(&list);
	ZVAL_OBJ(&argument, subject);
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(handlers), handler) {
		call_user_function(NULL, NULL, handler, &retval, 1, &argument);
		zval_ptr_dtor(&retval);
		if (EG(exception) == NULL) {
			continue;
		}
		zend_object *error = EG(exception);
		GC_ADDREF(error);
		zend_clear_exception();
		if (first == NULL) {
			first = error;
			continue;
		}
		if (Z_TYPE(list) == IS_UNDEF) {
			array_init(&list);
			add_next_index_object(&list, first);
		}
		add_next_index_object(&list, error);
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(handlers);

	if (Z_TYPE(list) == IS_ARRAY) {
		first = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_COMPOSITE, "%s", several_message);
		zend_update_property(async_ce_composite_exception, first, "exceptions", sizeof("exceptions") - 1, &list);
		zval_ptr_dtor(&list);
	}
	return first;
}

void async_call_finally_handlers(zval *handlers, zend_object *subject, const char *several_message)
{
	zend_object *error = async_call_finally_handlers_collect(handlers, subject, several_message);
	if (error != NULL) {
		if (!async_scope_take_finally_error(error)) {
			async_report_handler_error(error);
		}
	}
}
