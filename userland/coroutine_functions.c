/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* spawn(), suspend(), await(), delay(), current_coroutine(). */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_closures.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"

PHP_FUNCTION(Async_spawn)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zval *args = NULL;
	uint32_t args_count = 0;
	HashTable *named_args = NULL;

	ZEND_PARSE_PARAMETERS_START(1, -1)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_VARIADIC_WITH_NAMED(args, args_count, named_args)
	ZEND_PARSE_PARAMETERS_END();

	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN();
	if (coroutine == NULL) {
		RETURN_THROWS();
	}
	async_coroutine_set_call(coroutine, &fci, &fcc, args, args_count, named_args);
	RETURN_OBJ_COPY(ASYNC_COROUTINE_OBJ(ASYNC_COROUTINE_OF(coroutine)));
}

PHP_FUNCTION(Async_suspend)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (UNEXPECTED(ZEND_ASYNC_CURRENT_COROUTINE == NULL) && async_current_or_launch() == NULL) {
		RETURN_THROWS();
	}
	ZEND_ASYNC_SUSPEND();
}

/* await() for any Completable: the result in return_value, or false with an exception thrown. */
bool async_await_object(zend_object *awaitable, zend_object *cancellation, zval *return_value)
{
	if (EXPECTED(awaitable->ce == async_ce_coroutine) && cancellation == NULL
			&& ZEND_COROUTINE_IS_FINISHED(&ASYNC_COROUTINE_FROM_OBJ(awaitable)->coroutine)) {
		/* The common case of a coroutine that already ended, without the generic checks below
		 * (an ended coroutine is not the caller). */
		if (UNEXPECTED(ZEND_ASYNC_CURRENT_COROUTINE == NULL) && async_current_or_launch() == NULL) {
			return false;
		}
		async_coroutine_t *target = ASYNC_COROUTINE_FROM_OBJ(awaitable);
		async_coroutine_mark_exception_taken(target);
		if (target->coroutine.exception != NULL) {
			GC_ADDREF(target->coroutine.exception);
			zend_throw_exception_internal(target->coroutine.exception);
			return false;
		}
		ZVAL_COPY(return_value, &target->coroutine.result);
		return true;
	}
	zend_async_event_t *event = async_awaitable_event(awaitable);
	if (event == NULL || (cancellation != NULL && async_awaitable_event(cancellation) == NULL)) {
		zend_type_error("Cannot await an instance of %s", ZSTR_VAL((event == NULL ? awaitable : cancellation)->ce->name));
		return false;
	}
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		return false;
	}
	if (event == &self->event) {
		zend_throw_error(NULL, "A coroutine cannot await itself");
		return false;
	}
	bool is_coroutine = instanceof_function(awaitable->ce, async_ce_coroutine);
	async_coroutine_t *target = is_coroutine ? ASYNC_COROUTINE_FROM_OBJ(awaitable) : NULL;

	if (async_awaitable_completed(awaitable)) {
		/* Already completed: no switch. */
		zval *result;
		zend_object *exception;
		async_awaitable_take_outcome(awaitable, &result, &exception);
		if (exception != NULL) {
			GC_ADDREF(exception);
			zend_throw_exception_internal(exception);
			return false;
		}
		ZVAL_COPY(return_value, result);
		return true;
	}
	if (async_awaitable_never_completes(awaitable)) {
		zend_throw_error(NULL, "Cannot await a Timeout that was cancelled: it never completes");
		return false;
	}
	if (target != NULL && ZEND_COROUTINE_IS_MAIN(&target->coroutine)) {
		zend_throw_error(NULL, "Cannot await the main script's coroutine: it ends last");
		return false;
	}

	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, event, false, zend_async_waker_callback_resolve, NULL)
			|| !async_await_add_token(self, cancellation)) {
		zend_async_waker_clean(self);
		return false;
	}
	ZEND_ASYNC_SUSPEND();
	if (EG(exception)) {
		if (target != NULL && ZEND_COROUTINE_IS_FINISHED(&target->coroutine) && target->coroutine.exception == EG(exception)) {
			async_coroutine_mark_exception_taken(target);
		}
		return false;
	}
	if (Z_TYPE(self->waker->result) == IS_UNDEF) {
		ZVAL_NULL(return_value); /* events without a value (a Timeout) */
	} else {
		ZVAL_COPY(return_value, &self->waker->result);
	}
	return true;
}

PHP_FUNCTION(Async_await)
{
	zend_object *awaitable, *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJ_OF_CLASS(awaitable, async_ce_completable)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_completable)
	ZEND_PARSE_PARAMETERS_END();

	if (!async_await_object(awaitable, cancellation, return_value)) {
		RETURN_THROWS();
	}
}

PHP_FUNCTION(Async_delay)
{
	zend_long ms;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(ms)
	ZEND_PARSE_PARAMETERS_END();

	if (ms < 0) {
		zend_argument_value_error(1, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		RETURN_THROWS();
	}
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT((zend_ulong) ms, false);
	if (timer == NULL) {
		RETURN_THROWS();
	}
	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, &timer->base, true, zend_async_waker_callback_resolve, NULL)) {
		RETURN_THROWS();
	}
	ZEND_ASYNC_SUSPEND();
}

PHP_FUNCTION(Async_current_coroutine)
{
	ZEND_PARSE_PARAMETERS_NONE();
	/* At the root before the scheduler started the script is no coroutine yet: upstream throws
	 * there, and asking does not start the scheduler. */
	if (ZEND_ASYNC_CURRENT_COROUTINE == NULL && !ZEND_ASYNC_IS_ACTIVE) {
		zend_throw_exception(async_ce_async_exception, "The current coroutine is not defined", 0);
		RETURN_THROWS();
	}
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(ASYNC_COROUTINE_OBJ(self));
}

PHP_FUNCTION(Async_protect)
{
	zend_object *closure;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(closure, zend_ce_closure)
	ZEND_PARSE_PARAMETERS_END();

	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		RETURN_THROWS();
	}
	bool outermost = !ZEND_COROUTINE_IS_PROTECTED(self);
	ZEND_COROUTINE_SET_PROTECTED(self);

	zval callable;
	ZVAL_OBJ(&callable, closure);
	call_user_function(NULL, NULL, &callable, return_value, 0, NULL);

	if (outermost) {
		ZEND_COROUTINE_CLR_PROTECTED(self);
		/* A cancellation that came meanwhile is delivered now. */
		if (!EG(exception) && async_scheduler_deliver_pending_cancel(ASYNC_COROUTINE_OF(self))) {
			zval_ptr_dtor(return_value);
			ZVAL_UNDEF(return_value);
			RETURN_THROWS();
		}
	}
}

PHP_FUNCTION(Async_get_coroutines)
{
	ZEND_PARSE_PARAMETERS_NONE();
	/* Before anything was spawned there are none, as upstream: the script becomes the main
	 * coroutine only when the scheduler starts, and asking does not start it. */
	if (ZEND_ASYNC_CURRENT_COROUTINE == NULL && !ZEND_ASYNC_IS_ACTIVE) {
		RETURN_EMPTY_ARRAY();
	}
	RETURN_ARR(ZEND_ASYNC_GET_COROUTINES());
}

PHP_FUNCTION(Async_graceful_shutdown)
{
	zend_object *error = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(error, async_ce_cancellation)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	if (async_current_or_launch() == NULL) {
		RETURN_THROWS();
	}
	async_scheduler_graceful_shutdown(error);
}
