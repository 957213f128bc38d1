/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Wakers: the events a suspended coroutine waits for, the callbacks that wake it, and the
 * cleanup when it runs again. The waker lives inside the coroutine (the scheduler embeds it);
 * the first two triggers and callbacks of a wait are inline, so a wait on one or two events
 * allocates nothing.
 */
#include "php.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "../async_array.h"
#include "engine.h"

static zend_async_waker_trigger_t *trigger_at(zend_async_waker_t *waker, uint32_t i)
{
	return i < ZEND_ASYNC_WAKER_INLINE_SLOTS ? &waker->inline_triggers[i] : &waker->more[i - ZEND_ASYNC_WAKER_INLINE_SLOTS];
}

/* Code the scheduler runs for itself (a destructor, a callback) runs inside whichever coroutine
 * is switching, perhaps in the middle of its own wait: preparing a wait there would replace that
 * coroutine's. */
bool async_refuse_wait_in_scheduler(void)
{
	if (EXPECTED(!ZEND_ASYNC_IS_SCHEDULER_CONTEXT)) {
		return false;
	}
	if (EG(exception) == NULL) {
		zend_throw_error(NULL, "Cannot wait: this code runs inside the scheduler (a destructor or a callback it called)");
	}
	return true;
}

ZEND_ASYNC_EXPORT zend_async_waker_t *zend_async_waker_new(zend_coroutine_t *coroutine)
{
	zend_async_waker_t *waker = coroutine->waker;
	ZEND_ASSERT(waker != NULL && "the scheduler gives every coroutine a waker");
	if (UNEXPECTED(async_refuse_wait_in_scheduler())) {
		return NULL;
	}

	if (waker->count > 0) {
		zend_async_waker_clean(coroutine);
	}
	zval_ptr_dtor(&waker->result);
	ZVAL_UNDEF(&waker->result);
	if (waker->error != NULL) {
		OBJ_RELEASE(waker->error);
		waker->error = NULL;
	}
	waker->status = ZEND_ASYNC_WAKER_WAITING;
	waker->events_started = false;

	async_waker_note_location(waker);
	return waker;
}

void async_waker_resolve_location(zend_async_waker_t *waker)
{
	const zend_execute_data *frame = waker->suspend_frame;
	while (frame != NULL && (frame->func == NULL || !ZEND_USER_CODE(frame->func->type))) {
		frame = frame->prev_execute_data;
	}
	zend_string *filename = frame != NULL ? frame->func->op_array.filename : NULL;
	if (waker->filename != filename) {
		if (waker->filename != NULL) {
			zend_string_release(waker->filename);
		}
		waker->filename = filename != NULL ? zend_string_copy(filename) : NULL;
	}
	waker->lineno = frame == NULL ? 0 : frame->opline != NULL ? frame->opline->lineno : frame->func->op_array.line_start;
}

static void callback_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	zend_coroutine_event_callback_t *cb = (zend_coroutine_event_callback_t *) callback;
	zend_async_waker_t *waker = cb->coroutine->waker;
	if (waker != NULL && cb >= waker->inline_callbacks && cb < waker->inline_callbacks + ZEND_ASYNC_WAKER_INLINE_SLOTS) {
		waker->inline_callbacks_used &= (uint8_t) ~(1u << (cb - waker->inline_callbacks));
		callback->ref_count = 0;
		return;
	}
	efree(callback);
}

ZEND_ASYNC_EXPORT bool zend_async_resume_when(zend_coroutine_t *coroutine, zend_async_event_t *event,
	bool trans_event, zend_async_event_callback_fn callback, zend_coroutine_event_callback_t *cb)
{
	zend_async_waker_t *waker = coroutine->waker;

	if (UNEXPECTED(async_refuse_wait_in_scheduler())) {
		if (trans_event) {
			ZEND_ASYNC_EVENT_RELEASE(event);
		}
		return false;
	}
	if (UNEXPECTED(ZEND_ASYNC_EVENT_IS_CLOSED(event))) {
		zend_throw_error(NULL, "The event cannot be used after it has been terminated");
		if (trans_event) {
			ZEND_ASYNC_EVENT_RELEASE(event);
		}
		return false;
	}

	if (cb == NULL) {
		if (UNEXPECTED(callback == NULL)) {
			zend_error(E_WARNING, "Callback cannot be NULL");
			if (trans_event) {
				ZEND_ASYNC_EVENT_RELEASE(event);
			}
			return false;
		}
		for (uint32_t i = 0; i < ZEND_ASYNC_WAKER_INLINE_SLOTS; i++) {
			if (!(waker->inline_callbacks_used & (1u << i))) {
				waker->inline_callbacks_used |= (uint8_t) (1u << i);
				cb = &waker->inline_callbacks[i];
				memset(cb, 0, sizeof(*cb));
				break;
			}
		}
		if (cb == NULL) {
			cb = ecalloc(1, sizeof(*cb));
		}
		cb->base.callback = callback;
		cb->base.dispose = callback_dispose;
	} else if (cb->base.dispose == NULL) {
		cb->base.dispose = callback_dispose;
	}
	cb->coroutine = coroutine;
	cb->event = event;

	if (waker->count >= ZEND_ASYNC_WAKER_INLINE_SLOTS) {
		ASYNC_ARRAY_RESERVE(waker->more, waker->count - ZEND_ASYNC_WAKER_INLINE_SLOTS, waker->capacity, 4);
	}
	zend_async_waker_trigger_t *trigger = trigger_at(waker, waker->count++);
	trigger->event = event;
	trigger->callback = cb;

	if (!trans_event) {
		ZEND_ASYNC_EVENT_ADD_REF(event);
	}
	event->add_callback(event, &cb->base);
	if (waker->events_started) {
		event->start(event);
	}
	return true;
}

ZEND_ASYNC_EXPORT void zend_async_waker_apply_error(zend_async_waker_t *waker, zend_object *error, bool transfer)
{
	if (!transfer) {
		GC_ADDREF(error);
	}
	if (waker->error == NULL) {
		waker->error = error;
		return;
	}
	if (waker->error == error) {
		OBJ_RELEASE(error);
		return;
	}
	/* The first error stays the one thrown; this one becomes the end of its previous chain. */
	zend_exception_set_previous(waker->error, error);
}

ZEND_ASYNC_EXPORT void zend_async_waker_callback_resolve(zend_async_event_t *event,
	zend_async_event_callback_t *callback, void *result, zend_object *exception)
{
	zend_coroutine_t *coroutine = ((zend_coroutine_event_callback_t *) callback)->coroutine;
	zend_async_waker_t *waker = coroutine->waker;

	if (waker == NULL || waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return; /* already woken by another event of the same wait */
	}
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
		zend_async_waker_apply_error(waker, exception, false);
	} else if (result != NULL && ZEND_ASYNC_EVENT_WILL_ZVAL_RESULT(event)) {
		zval_ptr_dtor(&waker->result);
		ZVAL_COPY(&waker->result, (zval *) result);
	}
	ZEND_ASYNC_RESUME(coroutine);
}

ZEND_ASYNC_EXPORT void zend_async_waker_callback_cancel(zend_async_event_t *event,
	zend_async_event_callback_t *callback, void *result, zend_object *exception)
{
	(void) result;
	zend_coroutine_t *coroutine = ((zend_coroutine_event_callback_t *) callback)->coroutine;
	zend_async_waker_t *waker = coroutine->waker;

	if (waker == NULL || waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	zend_object *error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_OPERATION_CANCELLED, "Operation has been cancelled");
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
		GC_ADDREF(exception);
		zend_exception_set_previous(error, exception);
	}
	zend_async_waker_apply_error(waker, error, true);
	ZEND_ASYNC_RESUME(coroutine);
}

ZEND_ASYNC_EXPORT void zend_async_waker_callback_timeout(zend_async_event_t *event,
	zend_async_event_callback_t *callback, void *result, zend_object *exception)
{
	(void) result;
	zend_coroutine_t *coroutine = ((zend_coroutine_event_callback_t *) callback)->coroutine;
	zend_async_waker_t *waker = coroutine->waker;

	if (waker == NULL || waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
		zend_async_waker_apply_error(waker, exception, false);
	} else {
		zend_async_waker_apply_error(waker,
			zend_async_new_exception(ZEND_ASYNC_EXCEPTION_TIMEOUT, "Operation has been cancelled by timeout"), true);
	}
	ZEND_ASYNC_RESUME(coroutine);
}

ZEND_ASYNC_EXPORT void zend_async_waker_start_events(zend_coroutine_t *coroutine)
{
	zend_async_waker_t *waker = coroutine->waker;
	waker->events_started = true;
	for (uint32_t i = 0; i < waker->count && waker->status == ZEND_ASYNC_WAKER_WAITING; i++) {
		zend_async_event_t *event = trigger_at(waker, i)->event;
		if (!event->start(event) || EG(exception)) {
			break;
		}
	}
}

/* Called by the scheduler when it queues a waiting coroutine. Until that coroutine runs, its
 * events would go on watching for it: a level-triggered socket poll would report its socket on
 * every loop turn, as its data is still unread (waking N readers at once cost N * N reports).
 * Stopped now, the clean when it runs has nothing left to stop; the events stay attached, and
 * the coroutine's next wait starts what it waits for again. */
void async_waker_stop_events(zend_async_waker_t *waker)
{
	if (!waker->events_started) {
		return;
	}
	waker->events_started = false;
	for (uint32_t i = 0; i < waker->count; i++) {
		zend_async_event_t *event = trigger_at(waker, i)->event;
		event->stop(event);
	}
}

ZEND_ASYNC_EXPORT void zend_async_waker_clean(zend_coroutine_t *coroutine)
{
	zend_async_waker_t *waker = coroutine->waker;
	if (waker == NULL) {
		return;
	}
	/* Detach first (a release may run arbitrary dispose code), from the last to the first. */
	uint32_t count = waker->count;
	waker->count = 0;
	for (uint32_t i = count; i-- > 0;) {
		zend_async_waker_trigger_t *trigger = trigger_at(waker, i);
		zend_async_event_t *event = trigger->event;
		if (waker->events_started) {
			event->stop(event);
		}
		event->del_callback(event, &trigger->callback->base);
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
	waker->events_started = false;
	if (waker->status != ZEND_ASYNC_WAKER_NO_STATUS) {
		waker->status = ZEND_ASYNC_WAKER_RESULT;
	}
}

ZEND_ASYNC_EXPORT void zend_async_waker_destroy(zend_coroutine_t *coroutine)
{
	zend_async_waker_t *waker = coroutine->waker;
	if (waker == NULL) {
		return;
	}
	zend_async_waker_clean(coroutine);
	zval_ptr_dtor(&waker->result);
	ZVAL_UNDEF(&waker->result);
	if (waker->error != NULL) {
		OBJ_RELEASE(waker->error);
		waker->error = NULL;
	}
	if (waker->filename != NULL) {
		zend_string_release(waker->filename);
		waker->filename = NULL;
	}
	waker->suspend_frame = NULL;
	if (waker->more != NULL) {
		efree(waker->more);
		waker->more = NULL;
		waker->capacity = 0;
	}
	waker->status = ZEND_ASYNC_WAKER_NO_STATUS;
}
