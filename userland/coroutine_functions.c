/* spawn(), suspend(), await(), delay(), current_coroutine(). */
#include "php.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"

/* The running coroutine; the first use starts the scheduler and makes the script the main one. */
static zend_coroutine_t *current_or_launch(void)
{
	if (ZEND_ASYNC_CURRENT_COROUTINE == NULL && !async_scheduler_launch()) {
		return NULL;
	}
	return ZEND_ASYNC_CURRENT_COROUTINE;
}

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
	async_coroutine_t *co = ASYNC_COROUTINE_OF(coroutine);
	zend_fcall_t *fcall = &co->fcall_storage;
	fcall->fci = fci;
	fcall->fci_cache = fcc;
	Z_TRY_ADDREF(fcall->fci.function_name);
	fcall->fci.param_count = args_count;
	fcall->fci.params = NULL;
	if (args_count > 0) {
		fcall->fci.params = safe_emalloc(args_count, sizeof(zval), 0);
		for (uint32_t i = 0; i < args_count; i++) {
			ZVAL_COPY(&fcall->fci.params[i], &args[i]);
		}
	}
	fcall->fci.named_params = NULL;
	if (named_args != NULL) {
		GC_ADDREF(named_args);
		fcall->fci.named_params = named_args;
	}
	coroutine->fcall = fcall;
	RETURN_OBJ_COPY(ASYNC_COROUTINE_OBJ(co));
}

PHP_FUNCTION(Async_suspend)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (current_or_launch() == NULL) {
		RETURN_THROWS();
	}
	ZEND_ASYNC_SUSPEND();
}

/* The event a Completable completes with. Only coroutines are Completable so far. */
static zend_async_event_t *event_of(zend_object *object)
{
	if (instanceof_function(object->ce, async_ce_coroutine)) {
		return &ASYNC_COROUTINE_FROM_OBJ(object)->coroutine.event;
	}
	return NULL;
}

PHP_FUNCTION(Async_await)
{
	zend_object *awaitable, *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJ_OF_CLASS(awaitable, async_ce_completable)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_completable)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_event_t *event = event_of(awaitable);
	zend_async_event_t *cancel_event = cancellation ? event_of(cancellation) : NULL;
	if (event == NULL || (cancellation != NULL && cancel_event == NULL)) {
		zend_type_error("Cannot await an instance of %s", ZSTR_VAL((event == NULL ? awaitable : cancellation)->ce->name));
		RETURN_THROWS();
	}
	zend_coroutine_t *self = current_or_launch();
	if (self == NULL) {
		RETURN_THROWS();
	}
	if (event == &self->event) {
		zend_throw_error(NULL, "A coroutine cannot await itself");
		RETURN_THROWS();
	}
	async_coroutine_t *target = ASYNC_COROUTINE_FROM_OBJ(awaitable);

	if (ZEND_ASYNC_EVENT_IS_CLOSED(event)) {
		/* Already completed: no switch. */
		target->exception_handled = true;
		if (target->coroutine.exception != NULL) {
			zend_throw_exception_object(&(zval){ .value.obj = target->coroutine.exception, .u1.type_info = IS_OBJECT_EX });
			GC_ADDREF(target->coroutine.exception);
			RETURN_THROWS();
		}
		RETURN_COPY(&target->coroutine.result);
	}
	if (ZEND_COROUTINE_IS_MAIN(&target->coroutine)) {
		zend_throw_error(NULL, "Cannot await the main script's coroutine: it ends last");
		RETURN_THROWS();
	}

	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, event, false, zend_async_waker_callback_resolve, NULL)
			|| (cancel_event != NULL && !ZEND_ASYNC_EVENT_IS_CLOSED(cancel_event)
				&& !zend_async_resume_when(self, cancel_event, false, zend_async_waker_callback_cancel, NULL))) {
		zend_async_waker_clean(self);
		RETURN_THROWS();
	}
	if (cancel_event != NULL && ZEND_ASYNC_EVENT_IS_CLOSED(cancel_event)) {
		zend_async_waker_clean(self);
		zend_throw_exception(async_ce_operation_canceled_exception, "Operation has been cancelled", 0);
		RETURN_THROWS();
	}
	ZEND_ASYNC_SUSPEND();
	if (EG(exception)) {
		if (ZEND_COROUTINE_IS_FINISHED(&target->coroutine) && target->coroutine.exception == EG(exception)) {
			target->exception_handled = true;
		}
		RETURN_THROWS();
	}
	RETURN_COPY(&self->waker->result);
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
	zend_coroutine_t *self = current_or_launch();
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
	zend_coroutine_t *self = current_or_launch();
	if (self == NULL) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(ASYNC_COROUTINE_OBJ(self));
}
