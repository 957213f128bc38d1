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
