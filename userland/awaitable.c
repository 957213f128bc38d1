/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * What a Completable object completes with, for await() and its friends: a coroutine's event, or
 * a Timeout's timer; and the error a cancellation token turns into when it completes first.
 */
#include "php.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"

/* A Future asked for here is being handed to an API (awaited, waited on, a cancellation token),
 * which counts as using it even when the API is done at once without attaching to it. */
zend_async_event_t *async_awaitable_event(zend_object *object)
{
	if (instanceof_function(object->ce, async_ce_coroutine)) {
		return &ASYNC_COROUTINE_FROM_OBJ(object)->coroutine.event;
	}
	if (instanceof_function(object->ce, async_ce_timeout)) {
		return async_timeout_event(object);
	}
	if (instanceof_function(object->ce, async_ce_future) && async_future_has_state(object)) {
		async_future_mark_used(object);
		return async_future_event(object);
	}
	return NULL;
}

void async_awaitable_take_outcome(zend_object *object, zval **result, zend_object **exception)
{
	static zval null_result;
	ZVAL_NULL(&null_result);
	*result = &null_result;
	*exception = NULL;
	if (instanceof_function(object->ce, async_ce_coroutine)) {
		async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(object);
		async_coroutine_mark_exception_taken(co);
		*result = &co->coroutine.result;
		*exception = co->coroutine.exception;
	} else if (instanceof_function(object->ce, async_ce_future)) {
		async_future_outcome(object, result, exception);
	}
}

bool async_awaitable_never_completes(zend_object *object)
{
	return instanceof_function(object->ce, async_ce_timeout) && async_timeout_is_cancelled(object);
}

bool async_awaitable_completed(zend_object *object)
{
	zend_async_event_t *event = async_awaitable_event(object);
	return event != NULL && ZEND_ASYNC_EVENT_IS_CLOSED(event) && !async_awaitable_never_completes(object);
}

/* OperationCanceledException; its previous is a TimeoutException for a Timeout, or the error the
 * token completed with. */
zend_object *async_token_error(zend_object *token)
{
	zend_object *error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_OPERATION_CANCELLED, "Operation has been cancelled");
	zend_object *previous = NULL;
	if (instanceof_function(token->ce, async_ce_timeout)) {
		previous = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_TIMEOUT, "Operation has been cancelled by timeout");
	} else {
		zval *ignored;
		async_awaitable_take_outcome(token, &ignored, &previous);
		if (previous != NULL) {
			GC_ADDREF(previous);
		}
	}
	if (previous != NULL) {
		zend_exception_set_previous(error, previous);
	}
	return error;
}

/* A token callback: the extra field of the callback is the token object. */
typedef struct {
	zend_coroutine_event_callback_t base;
	zend_object *token;
} token_callback_t;

static void on_token(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) result; (void) exception;
	token_callback_t *cb = (token_callback_t *) callback;
	zend_coroutine_t *coroutine = cb->base.coroutine;
	if (coroutine->waker == NULL || coroutine->waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	zend_async_waker_apply_error(coroutine->waker, async_token_error(cb->token), true);
	ZEND_ASYNC_RESUME(coroutine);
}

static void token_callback_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	token_callback_t *cb = (token_callback_t *) callback;
	OBJ_RELEASE(cb->token);
	efree(cb);
}

bool async_await_add_token(zend_coroutine_t *self, zend_object *token)
{
	if (token == NULL || async_awaitable_never_completes(token)) {
		return true;
	}
	if (async_awaitable_completed(token)) {
		zend_throw_exception_internal(async_token_error(token));
		return false;
	}
	token_callback_t *cb = ecalloc(1, sizeof(*cb));
	cb->base.base.callback = on_token;
	cb->base.base.dispose = token_callback_dispose;
	cb->token = token;
	GC_ADDREF(token);
	return zend_async_resume_when(self, async_awaitable_event(token), false, NULL, &cb->base);
}
