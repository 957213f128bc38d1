/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The callbacks vector of an event: push, remove, notify, free.
 *
 * Removal swaps the last callback into the hole, so it is O(1) and does not keep order. While
 * a notify runs, `current_iterator` points at the index of the next callback to call; remove
 * keeps the invariant "everything below the index was called, everything from it on was not",
 * so a callback may remove itself or any other without one being skipped or called twice.
 */
#include "php.h"
#include "../zend_async_API.h"
#include "../async_array.h"

#define CALLBACKS_INITIAL_CAPACITY 4

static void callback_default_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	callback->ref_count = 0;
	efree(callback);
}

ZEND_ASYNC_EXPORT zend_async_event_callback_t *zend_async_event_callback_new(
	zend_async_event_callback_fn fn, size_t size)
{
	ZEND_ASSERT(size == 0 || size >= sizeof(zend_async_event_callback_t));
	if (size == 0) {
		size = sizeof(zend_async_event_callback_t);
	}
	zend_async_event_callback_t *callback = ecalloc(1, size);
	callback->callback = fn;
	callback->dispose = callback_default_dispose;
	return callback;
}

ZEND_ASYNC_EXPORT bool zend_async_callbacks_push(zend_async_event_t *event, zend_async_event_callback_t *callback)
{
	zend_async_callbacks_vector_t *vector = &event->callbacks;

	ASYNC_ARRAY_RESERVE(vector->data, vector->length, vector->capacity, CALLBACKS_INITIAL_CAPACITY);

	callback->ref_count++;
	vector->data[vector->length++] = callback;
	return true;
}

ZEND_ASYNC_EXPORT bool zend_async_callbacks_remove(zend_async_event_t *event, zend_async_event_callback_t *callback)
{
	zend_async_callbacks_vector_t *vector = &event->callbacks;
	uint32_t index;

	for (index = 0; index < vector->length; index++) {
		if (vector->data[index] == callback) {
			break;
		}
	}

	if (index == vector->length) {
		return false;
	}

	uint32_t last = vector->length - 1;
	uint32_t *next = vector->current_iterator;

	if (next != NULL && index < *next) {
		/* An already called callback goes: fill its hole with the last called one, and that
		 * one's slot with the last element, so the not-yet-called tail stays contiguous. */
		uint32_t last_called = *next - 1;
		vector->data[index] = vector->data[last_called];
		vector->data[last_called] = vector->data[last];
		(*next)--;
	} else {
		vector->data[index] = vector->data[last];
	}
	vector->data[last] = NULL;
	vector->length = last;

	if (callback->dispose != NULL) {
		callback->dispose(callback, event);
	}
	return true;
}

ZEND_ASYNC_EXPORT void zend_async_callbacks_notify(zend_async_event_t *event, void *result,
	zend_object *exception, bool from_handler)
{
	ZEND_ASYNC_EVENT_ADD_REF(event);
	ZEND_ASYNC_EVENT_CLR_EXCEPTION_HANDLED(event);

	if (!from_handler && event->notify_handler != NULL) {
		event->notify_handler(event, result, exception);
		ZEND_ASYNC_EVENT_RELEASE(event);
		return;
	}

	zend_async_callbacks_vector_t *vector = &event->callbacks;

	if (vector->length == 0) {
		ZEND_ASYNC_EVENT_RELEASE(event);
		return;
	}

	if (vector->current_iterator != NULL) {
		zend_error(E_CORE_WARNING, "Concurrent callback iteration detected - nested notify() calls are not allowed");
		ZEND_ASYNC_EVENT_RELEASE(event);
		return;
	}

	uint32_t next = 0;
	vector->current_iterator = &next;

	while (next < vector->length) {
		zend_async_event_callback_t *callback = vector->data[next];
		next++;
		callback->callback(event, callback, result, exception);
		if (UNEXPECTED(EG(exception) != NULL)) {
			break;
		}
	}

	vector->current_iterator = NULL;
	ZEND_ASYNC_EVENT_RELEASE(event);
}

ZEND_ASYNC_EXPORT void zend_async_callbacks_notify_and_close(zend_async_event_t *event, void *result,
	zend_object *exception)
{
	zend_async_event_close(event);
	zend_async_callbacks_notify(event, result, exception, false);
}

ZEND_ASYNC_EXPORT void zend_async_callbacks_free(zend_async_event_t *event)
{
	zend_async_callbacks_vector_t *vector = &event->callbacks;
	zend_async_event_callback_t **data = vector->data;
	uint32_t length = vector->length;

	/* Detach first: a dispose that looks at the vector sees it empty, and a notify in
	 * progress (if any) ends after the current callback. */
	if (vector->current_iterator != NULL) {
		*vector->current_iterator = 0;
	}
	vector->data = NULL;
	vector->length = 0;
	vector->capacity = 0;

	for (uint32_t i = 0; i < length; i++) {
		zend_async_event_callback_t *callback = data[i];
		if (callback->dispose != NULL) {
			callback->dispose(callback, event);
		}
	}

	if (data != NULL) {
		efree(data);
	}
}
