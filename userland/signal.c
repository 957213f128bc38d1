/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Async\signal() and the Async\Signal enum: a Future that completes with the enum case when the
 * process next receives the signal, or fails when a cancellation token completes first.
 *
 * A wait holds a reactor signal event (one delivery is enough: it is stopped after it) and, with
 * a token, a callback on the token's event. The Future's state owns the wait: when the state goes
 * (the Future dropped, awaited or not), the event is disposed and the token let go of, so an
 * unused signal Future does not keep the loop alive. The signal event coexists with pcntl_signal()
 * handlers on the same signal (the reactor passes each delivery on to them).
 */
#include "php.h"
#include "zend_enum.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "signal_arginfo.h"

zend_class_entry *async_ce_signal;

typedef struct {
	zend_async_event_callback_t base;
	struct signal_wait_s *wait;
} wait_callback_t;

typedef struct signal_wait_s {
	zend_object *state;                  /* borrowed: the state owns the wait */
	zend_object *signal_case;            /* the enum case the Future completes with */
	zend_async_signal_event_t *event;
	wait_callback_t *on_signal;
	zend_object *token;                  /* owned, or NULL */
	zend_async_event_t *token_event;
	wait_callback_t *on_token;
	bool event_started;
	bool token_started;
	bool done;
} signal_wait_t;

/* Stops what the wait started and takes its callbacks off (the events stay until release). */
static void wait_finish(signal_wait_t *wait)
{
	wait->done = true;
	if (wait->event_started) {
		wait->event_started = false;
		wait->event->base.stop(&wait->event->base);
	}
	if (wait->on_signal != NULL) {
		wait_callback_t *cb = wait->on_signal;
		wait->on_signal = NULL;
		wait->event->base.del_callback(&wait->event->base, &cb->base);
	}
	if (wait->token_started) {
		wait->token_started = false;
		wait->token_event->stop(wait->token_event);
	}
	if (wait->on_token != NULL) {
		wait_callback_t *cb = wait->on_token;
		wait->on_token = NULL;
		wait->token_event->del_callback(wait->token_event, &cb->base);
	}
}

static void wait_release(void *producer)
{
	signal_wait_t *wait = producer;
	wait_finish(wait);
	ZEND_ASYNC_EVENT_RELEASE(&wait->event->base);
	if (wait->token != NULL) {
		OBJ_RELEASE(wait->token);
	}
	OBJ_RELEASE(wait->signal_case);
	efree(wait);
}

/* What a completed token turns into: a Timeout's TimeoutException, else a cancellation. It is
 * made in a reactor callback, inside whatever frame waits: its trace keeps no arguments, which
 * would hold the Future itself (await($future)), a cycle through the state that only the GC frees. */
static zend_object *token_error(zend_object *token)
{
	bool ignore_args = EG(exception_ignore_args);
	EG(exception_ignore_args) = true;
	zend_object *error = instanceof_function(token->ce, async_ce_timeout)
		? zend_async_new_exception(ZEND_ASYNC_EXCEPTION_TIMEOUT, "Signal wait timed out")
		: zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "Signal wait cancelled");
	EG(exception_ignore_args) = ignore_args;
	if (instanceof_function(token->ce, async_ce_timeout)) {
		return error;
	}
	zval *ignored;
	zend_object *previous = NULL;
	async_awaitable_take_outcome(token, &ignored, &previous);
	if (previous != NULL) {
		GC_ADDREF(previous);
		zend_exception_set_previous(error, previous);
	}
	return error;
}

static void on_signal(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) result; (void) exception;
	signal_wait_t *wait = ((wait_callback_t *) callback)->wait;
	if (wait->done) {
		return;
	}
	zend_object *state = wait->state;
	zval value;
	ZVAL_OBJ_COPY(&value, wait->signal_case);
	wait_finish(wait);
	GC_ADDREF(state); /* settling may run code that drops the Future */
	async_future_state_settle(state, &value, NULL);
	zval_ptr_dtor(&value);
	OBJ_RELEASE(state);
}

static void on_token(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) result; (void) exception;
	signal_wait_t *wait = ((wait_callback_t *) callback)->wait;
	if (wait->done) {
		return;
	}
	zend_object *state = wait->state;
	zend_object *error = token_error(wait->token);
	wait_finish(wait);
	GC_ADDREF(state);
	async_future_state_settle(state, NULL, error);
	OBJ_RELEASE(error);
	OBJ_RELEASE(state);
}

static wait_callback_t *new_callback(zend_async_event_callback_fn fn, signal_wait_t *wait)
{
	wait_callback_t *cb = (wait_callback_t *) zend_async_event_callback_new(fn, sizeof(wait_callback_t));
	cb->wait = wait;
	return cb;
}

PHP_FUNCTION(Async_signal)
{
	zend_object *signal_case;
	zend_object *token = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJ_OF_CLASS(signal_case, async_ce_signal)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(token, async_ce_completable)
	ZEND_PARSE_PARAMETERS_END();

	if (token != NULL && async_awaitable_never_completes(token)) {
		token = NULL; /* a cancelled Timeout: waits without a limit */
	}
	if (token != NULL && async_awaitable_completed(token)) {
		zend_object *error = token_error(token);
		async_future_new_failed(return_value, error);
		OBJ_RELEASE(error);
		return;
	}
	zend_long signum = Z_LVAL_P(zend_enum_fetch_case_value(signal_case));
	zend_async_signal_event_t *event = ZEND_ASYNC_NEW_SIGNAL_EVENT((int) signum);
	if (event == NULL) {
		RETURN_THROWS();
	}

	signal_wait_t *wait = ecalloc(1, sizeof(*wait));
	wait->event = event;
	wait->signal_case = signal_case;
	GC_ADDREF(signal_case);
	zend_object *state;
	zend_object *future = async_future_new_pending(&state, wait_release, wait);
	wait->state = state;
	RETVAL_OBJ(future);

	wait->on_signal = new_callback(on_signal, wait);
	event->base.add_callback(&event->base, &wait->on_signal->base);
	if (!event->base.start(&event->base)) {
		zval_ptr_dtor(return_value);
		ZVAL_UNDEF(return_value);
		RETURN_THROWS();
	}
	wait->event_started = true;

	if (token != NULL) {
		zend_async_event_t *token_event = async_awaitable_event(token);
		if (token_event != NULL) {
			GC_ADDREF(token);
			wait->token = token;
			wait->token_event = token_event;
			wait->on_token = new_callback(on_token, wait);
			token_event->add_callback(token_event, &wait->on_token->base);
			if (token_event->start(token_event)) {
				wait->token_started = true;
			}
		}
	}
}

void async_userland_register_signal(void)
{
	async_ce_signal = register_class_Async_Signal();
	zend_register_functions(NULL, ext_functions, NULL, MODULE_PERSISTENT);
}
