/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Waiting for one engine API event from a hook (DNS look-ups, process exits, exec runs): the
 * running coroutine suspends until the event notifies. The caller keeps its own reference, so
 * it can read the event's result afterwards and then releases it.
 */
#include "hooks.h"
#include "zend_exceptions.h"

bool async_hook_wait_event(zend_async_event_t *event)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;

	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, event, false, zend_async_waker_callback_resolve, NULL)) {
		zend_async_waker_clean(self);
		return false;
	}
	ZEND_ASYNC_SUSPEND();
	return EG(exception) == NULL;
}

bool async_hook_exception_is(zend_async_class exception_type)
{
	zend_class_entry *ce = ZEND_ASYNC_GET_EXCEPTION_CE(exception_type);
	return EG(exception) != NULL && ce != NULL && instanceof_function(EG(exception)->ce, ce);
}

/* The cancellation in `failure`'s previous chain, or NULL. */
static zend_object *cancellation_in_chain(zend_object *failure)
{
	zend_class_entry *cancellation = ZEND_ASYNC_GET_EXCEPTION_CE(ZEND_ASYNC_EXCEPTION_CANCELLATION);
	for (zend_object *e = failure; e != NULL && cancellation != NULL;) {
		if (instanceof_function(e->ce, cancellation)) {
			return e;
		}
		zend_class_entry *base = instanceof_function(e->ce, zend_ce_exception) ? zend_ce_exception : zend_ce_error;
		zval rv;
		zval *previous = zend_read_property_ex(base, e, ZSTR_KNOWN(ZEND_STR_PREVIOUS), 1, &rv);
		e = previous != NULL && Z_TYPE_P(previous) == IS_OBJECT ? Z_OBJ_P(previous) : NULL;
	}
	return NULL;
}

bool async_hook_clear_failure(void)
{
	zend_object *cancellation = EG(exception) != NULL ? cancellation_in_chain(EG(exception)) : NULL;
	if (cancellation == NULL || cancellation == EG(exception)) {
		if (cancellation == NULL) {
			zend_clear_exception();
		}
		return cancellation == NULL;
	}
	GC_ADDREF(cancellation);
	zend_clear_exception();
	zend_throw_exception_internal(cancellation);
	return false;
}
