/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Async\Awaitable, Async\Completable and the methods of Async\Coroutine. */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_closures.h"
#include "zend_builtin_functions.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "coroutine_arginfo.h"

zend_class_entry *async_ce_awaitable;
zend_class_entry *async_ce_completable;

#define THIS_COROUTINE() ASYNC_COROUTINE_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

static bool is_running(async_coroutine_t *co)
{
	return &co->coroutine == ZEND_ASYNC_CURRENT_COROUTINE;
}

ZEND_METHOD(Async_Coroutine, __construct)
{
	/* Private: coroutines come from spawn(). */
	(void) execute_data;
	(void) return_value;
}

ZEND_METHOD(Async_Coroutine, getId)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG((zend_long) THIS_COROUTINE()->id);
}

ZEND_METHOD(Async_Coroutine, getResult)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	if (!ASYNC_COROUTINE_ENDED(co)) {
		RETURN_NULL();
	}
	RETURN_COPY(&co->coroutine.result);
}

ZEND_METHOD(Async_Coroutine, getException)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	if (!ASYNC_COROUTINE_ENDED(co)) {
		/* Not started yet: no exception (null), as upstream; started and not ended: upstream's class. */
		if (ZEND_COROUTINE_IS_STARTED(&co->coroutine)) {
			zend_throw_exception(async_ce_async_exception, "Cannot get the exception of a coroutine that has not completed yet", 0);
			RETURN_THROWS();
		}
		RETURN_NULL();
	}
	if (co->coroutine.exception == NULL) {
		RETURN_NULL();
	}
	co->exception_handled = true;
	RETURN_OBJ_COPY(co->coroutine.exception);
}

ZEND_METHOD(Async_Coroutine, cancel)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_cancellation)
	ZEND_PARSE_PARAMETERS_END();

	(void) return_value;
	async_coroutine_t *co = THIS_COROUTINE();
	if (ZEND_COROUTINE_IS_FINISHED(&co->coroutine)) {
		return; /* nothing left to cancel */
	}
	ZEND_ASYNC_CANCEL(&co->coroutine, cancellation, false);
}

ZEND_METHOD(Async_Coroutine, isStarted)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(ZEND_COROUTINE_IS_STARTED(&THIS_COROUTINE()->coroutine));
}

ZEND_METHOD(Async_Coroutine, isQueued)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	RETURN_BOOL(co->queued && !ZEND_COROUTINE_IS_FINISHED(&co->coroutine));
}

ZEND_METHOD(Async_Coroutine, isRunning)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(is_running(THIS_COROUTINE()));
}

ZEND_METHOD(Async_Coroutine, isSuspended)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	/* Queued and not started yet counts as suspended too, as upstream: it waits for its turn. */
	RETURN_BOOL(!ZEND_COROUTINE_IS_FINISHED(&co->coroutine) && !is_running(co));
}

ZEND_METHOD(Async_Coroutine, isCancelled)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	RETURN_BOOL(ASYNC_COROUTINE_ENDED(co) && co->coroutine.exception != NULL
		&& instanceof_function(co->coroutine.exception->ce, async_ce_cancellation));
}

ZEND_METHOD(Async_Coroutine, isCancellationRequested)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(ZEND_COROUTINE_IS_CANCELLED(&THIS_COROUTINE()->coroutine));
}

ZEND_METHOD(Async_Coroutine, isCompleted)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(ASYNC_COROUTINE_ENDED(THIS_COROUTINE()));
}

ZEND_METHOD(Async_Coroutine, finally)
{
	zval *callback;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(callback, zend_ce_closure)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_coroutine_t *co = THIS_COROUTINE();
	if (ZEND_COROUTINE_IS_FINISHED(&co->coroutine)) {
		zval retval, argument;
		ZVAL_OBJ(&argument, &co->std);
		call_user_function(NULL, NULL, callback, &retval, 1, &argument);
		zval_ptr_dtor(&retval);
		return;
	}
	async_coroutine_add_finally(co, callback);
}

ZEND_METHOD(Async_Coroutine, getTrace)
{
	zend_long options = DEBUG_BACKTRACE_PROVIDE_OBJECT, limit = 0;

	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(options)
		Z_PARAM_LONG(limit)
	ZEND_PARSE_PARAMETERS_END();

	async_coroutine_t *co = THIS_COROUTINE();
	bool suspended = ZEND_COROUTINE_IS_STARTED(&co->coroutine) && !ASYNC_COROUTINE_ENDED(co) && !is_running(co);
	if (!suspended || co->suspended_frame == NULL) {
		RETURN_NULL();
	}
	/* Read its stack as if it ran: its frames stay valid while it is suspended. */
	zend_execute_data *current = EG(current_execute_data);
	EG(current_execute_data) = co->suspended_frame;
	zend_fetch_debug_backtrace(return_value, 0, (int) options, (int) limit);
	EG(current_execute_data) = current;
}

ZEND_METHOD(Async_Coroutine, getSpawnLocation)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	if (co->coroutine.filename == NULL) {
		RETURN_EMPTY_STRING();
	}
	RETURN_STR(zend_strpprintf(0, "%s:%u", ZSTR_VAL(co->coroutine.filename), co->coroutine.lineno));
}

ZEND_METHOD(Async_Coroutine, getSuspendLocation)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	bool suspended = ZEND_COROUTINE_IS_STARTED(&co->coroutine) && !ZEND_COROUTINE_IS_FINISHED(&co->coroutine)
		&& !is_running(co);
	if (!suspended || co->waker.filename == NULL) {
		RETURN_EMPTY_STRING();
	}
	RETURN_STR(zend_strpprintf(0, "%s:%u", ZSTR_VAL(co->waker.filename), co->waker.lineno));
}

void async_userland_register_coroutine_classes(void)
{
	async_ce_awaitable = register_class_Async_Awaitable();
	async_ce_completable = register_class_Async_Completable(async_ce_awaitable);
	async_coroutine_bind_class(register_class_Async_Coroutine(async_ce_completable));
	async_timeout_bind_class(register_class_Async_Timeout(async_ce_completable));
}

static void file_and_line(zval *return_value, zend_string *file, uint32_t line)
{
	array_init_size(return_value, 2);
	if (file != NULL) {
		add_next_index_str(return_value, zend_string_copy(file));
		add_next_index_long(return_value, line);
	} else {
		add_next_index_null(return_value);
		add_next_index_long(return_value, 0);
	}
}

ZEND_METHOD(Async_Coroutine, getSpawnFileAndLine)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	file_and_line(return_value, co->coroutine.filename, co->coroutine.lineno);
}

ZEND_METHOD(Async_Coroutine, getSuspendFileAndLine)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	bool suspended = ZEND_COROUTINE_IS_STARTED(&co->coroutine) && !ZEND_COROUTINE_IS_FINISHED(&co->coroutine)
		&& !is_running(co);
	file_and_line(return_value, suspended ? co->waker.filename : NULL, co->waker.lineno);
}

ZEND_METHOD(Async_Coroutine, asHiPriority)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	if (co->queued) {
		async_queue_move_to_head(co);
	}
	RETURN_OBJ_COPY(&co->std);
}
