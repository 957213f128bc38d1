/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The base event: release and close, shared by every event kind. */
#include "php.h"
#include "../zend_async_API.h"
#include "engine.h"

ZEND_ASYNC_EXPORT void zend_async_event_release(zend_async_event_t *event)
{
	if (ZEND_ASYNC_EVENT_IS_ZEND_OBJ(event)) {
		zend_object *object = ZEND_ASYNC_EVENT_TO_OBJECT(event);
		if (GC_REFCOUNT(object) == 1) {
			OBJ_RELEASE(object);
		} else {
			GC_DELREF(object);
		}
		return;
	}

	if (event->ref_count > 1) {
		event->ref_count--;
		return;
	}

	/* The last reference: dispose sees a count of one, the convention for "free now". */
	event->ref_count = 1;
	event->dispose(event);
}

bool async_event_start_nothing(zend_async_event_t *event)
{
	(void) event;
	return true;
}

bool async_event_stop_nothing(zend_async_event_t *event)
{
	(void) event;
	return true;
}

void async_event_stop_all(zend_async_event_t *event)
{
	if (event->loop_ref_count > 0) {
		event->loop_ref_count = 1; /* only the last of nested starts disarms */
		event->stop(event);
	}
}

ZEND_ASYNC_EXPORT void zend_async_event_close(zend_async_event_t *event)
{
	if (ZEND_ASYNC_EVENT_IS_CLOSED(event)) {
		return;
	}
	async_event_stop_all(event);
	ZEND_ASYNC_EVENT_SET_CLOSED(event);
}
