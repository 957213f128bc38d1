/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Async\FutureState and Async\Future. The state carries the event (inside its PHP object, as a
 * coroutine does); a Future is a view on one state. An error that nobody awaited or ignored is
 * reported as a warning when the state goes, as is a state nobody used at all (awaited, chained
 * or ignored); upstream's texts.
 *
 * map(), catch() and finally() derive a new Future: a link on the source state's event runs the
 * callback, in a coroutine of its own, once the source completes (at once if it has already),
 * and the coroutine's outcome settles the derived state. As upstream, only catch() handles the
 * source's error; map() and finally() pass it on, and it counts as handled on the source once it
 * is handled on the derived Future (ignore() there does not count).
 */
#include "php.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "future_arginfo.h"

zend_class_entry *async_ce_future_state;
zend_class_entry *async_ce_future;
static zend_object_handlers state_handlers;
static zend_object_handlers future_handlers;

typedef struct {
	zend_async_event_t event;   /* closed once completed; notifies with a zval* result */
	zval result;
	zend_object *exception;
	bool ignored;
	bool used;                  /* awaited, chained or waited on: no "never used" warning */
	bool handled;               /* someone awaited the error */
	zend_object *passed_from;   /* the state whose error map()/finally() passed on to this one */
	zend_string *created_file;  /* where PHP code made it and completed it (NULL: no PHP code did) */
	uint32_t created_line;
	zend_string *completed_file;
	uint32_t completed_line;
	/* What settles it from C (Async\\signal()), let go of when the state goes. */
	void (*release_producer)(void *producer);
	void *producer;
	zend_object std;
} async_future_state_t;

/* The PHP code running now, for the location getters. */
static void note_location(zend_string **file, uint32_t *line)
{
	if (*file != NULL) {
		zend_string_release(*file);
		*file = NULL;
	}
	*line = 0;
	zend_string *executing = zend_is_executing() ? zend_get_executed_filename_ex() : NULL;
	if (executing != NULL) {
		*file = zend_string_copy(executing);
		*line = zend_get_executed_lineno();
	}
}

typedef struct {
	zend_object *state;
	zend_object std;
} async_future_t;

#define STATE_FROM_OBJ(obj)  ((async_future_state_t *) ((char *) (obj) - XtOffsetOf(async_future_state_t, std)))
#define FUTURE_FROM_OBJ(obj) ((async_future_t *) ((char *) (obj) - XtOffsetOf(async_future_t, std)))

static bool state_event_dispose(zend_async_event_t *event)
{
	OBJ_RELEASE(&((async_future_state_t *) event)->std);
	return true;
}

static zend_string *state_event_info(zend_async_event_t *event)
{
	(void) event;
	return zend_string_init("a Future", sizeof("a Future") - 1, 0);
}

/* Whoever attaches to the state (a waiter, a chain link) uses it. */
static bool state_add_callback(zend_async_event_t *event, zend_async_event_callback_t *callback)
{
	((async_future_state_t *) event)->used = true;
	return zend_async_callbacks_push(event, callback);
}

/* The error was handled: on this state, and on those that passed it on to this one. */
static void state_handled(async_future_state_t *state)
{
	for (;;) {
		state->handled = true;
		if (state->passed_from == NULL) {
			return;
		}
		state = STATE_FROM_OBJ(state->passed_from);
	}
}

/* `derived` completed with the error of `source` (or one that has it as previous): that stays
 * unhandled until `derived`'s is. */
static void state_passed_on(zend_object *derived, zend_object *source)
{
	async_future_state_t *state = STATE_FROM_OBJ(derived);
	if (state->handled) {
		state_handled(STATE_FROM_OBJ(source));
	} else if (state->passed_from == NULL) {
		GC_ADDREF(source);
		state->passed_from = source;
	}
}

static zend_object *state_create(zend_class_entry *ce)
{
	async_future_state_t *state = zend_object_alloc(sizeof(async_future_state_t), ce);
	zend_object_std_init(&state->std, ce);
	object_properties_init(&state->std, ce);
	state->std.handlers = &state_handlers;
	zend_async_event_t *event = &state->event;
	event->flags = ZEND_ASYNC_EVENT_F_ZEND_OBJ | ZEND_ASYNC_EVENT_F_ZVAL_RESULT;
	event->zend_object_offset = XtOffsetOf(async_future_state_t, std);
	event->add_callback = state_add_callback;
	event->del_callback = zend_async_callbacks_remove;
	event->start = async_event_start_nothing;
	event->stop = async_event_stop_nothing;
	event->dispose = state_event_dispose;
	event->info = state_event_info;
	ZVAL_NULL(&state->result);
	note_location(&state->created_file, &state->created_line);
	return &state->std;
}

/* Upstream's warnings (users grep for them), with where the state was made and completed. */
static void warn_unused(async_future_state_t *state)
{
	if (!state->used) {
		if (state->created_file != NULL) {
			zend_error(E_WARNING, "Future was never used; call await(), map(), catch(), finally() or ignore() "
				"to suppress this warning. Created at %s:%u", ZSTR_VAL(state->created_file), state->created_line);
		} else {
			zend_error(E_WARNING, "Future was never used; call await(), map(), catch(), finally() or ignore() "
				"to suppress this warning");
		}
	}
	if (state->exception == NULL || state->handled) {
		return;
	}
	zval rv;
	zend_string *message = zval_get_string(zend_read_property_ex(zend_get_exception_base(state->exception),
		state->exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv));
	if (state->created_file != NULL && state->completed_file != NULL) {
		zend_error(E_WARNING, "Unhandled exception in Future: %s; use catch() or ignore() to handle. "
			"Created at %s:%u, completed at %s:%u", ZSTR_VAL(message), ZSTR_VAL(state->created_file),
			state->created_line, ZSTR_VAL(state->completed_file), state->completed_line);
	} else if (state->created_file != NULL) {
		zend_error(E_WARNING, "Unhandled exception in Future: %s; use catch() or ignore() to handle. "
			"Created at %s:%u", ZSTR_VAL(message), ZSTR_VAL(state->created_file), state->created_line);
	} else {
		zend_error(E_WARNING, "Unhandled exception in Future: %s; use catch() or ignore() to handle",
			ZSTR_VAL(message));
	}
	zend_string_release(message);
}

static void state_free(zend_object *object)
{
	async_future_state_t *state = STATE_FROM_OBJ(object);
	if (state->release_producer != NULL) {
		state->release_producer(state->producer);
		state->release_producer = NULL;
	}
	if (!state->ignored && !EG(exception)) {
		warn_unused(state);
	}
	if (state->exception != NULL) {
		OBJ_RELEASE(state->exception);
	}
	if (state->passed_from != NULL) {
		OBJ_RELEASE(state->passed_from); /* after this one's warning: the chain's end first */
	}
	zend_async_callbacks_free(&state->event);
	zval_ptr_dtor(&state->result);
	if (state->created_file != NULL) {
		zend_string_release(state->created_file);
	}
	if (state->completed_file != NULL) {
		zend_string_release(state->completed_file);
	}
	zend_object_std_dtor(object);
}

static void chain_links_get_gc(async_future_state_t *state, zend_get_gc_buffer *buffer);
static zend_object *future_create(zend_class_entry *ce);
static void new_completed(zval *return_value, zval *result, zend_object *exception);

static HashTable *state_get_gc(zend_object *object, zval **table, int *n)
{
	async_future_state_t *state = STATE_FROM_OBJ(object);
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buffer, &state->result);
	if (state->exception != NULL) {
		zend_get_gc_buffer_add_obj(buffer, state->exception);
	}
	if (state->passed_from != NULL) {
		zend_get_gc_buffer_add_obj(buffer, state->passed_from);
	}
	chain_links_get_gc(state, buffer);
	zend_get_gc_buffer_use(buffer, table, n);
	return zend_std_get_properties(object);
}

/* Completes the state once; false (an Error thrown) if it was already. */
static bool state_complete(async_future_state_t *state, zval *result, zend_object *exception)
{
	if (ZEND_ASYNC_EVENT_IS_CLOSED(&state->event)) {
		/* Upstream's class and message: where the first completion happened helps find the second. */
		if (state->completed_file != NULL) {
			zend_throw_exception_ex(async_ce_async_exception, 0, "FutureState is already completed at %s:%u",
				ZSTR_VAL(state->completed_file), state->completed_line);
		} else {
			zend_throw_exception(async_ce_async_exception, "FutureState is already completed", 0);
		}
		return false;
	}
	note_location(&state->completed_file, &state->completed_line);
	if (exception != NULL) {
		GC_ADDREF(exception);
		state->exception = exception;
	} else if (result != NULL) {
		ZVAL_COPY(&state->result, result);
	}
	ZEND_ASYNC_EVENT_SET_CLOSED(&state->event);
	ZEND_ASYNC_CALLBACKS_NOTIFY(&state->event, &state->result, state->exception);
	if (exception != NULL && ZEND_ASYNC_EVENT_IS_EXCEPTION_HANDLED(&state->event)) {
		state_handled(state);
	}
	return !EG(exception);
}

zend_async_event_t *async_future_event(zend_object *future)
{
	return &STATE_FROM_OBJ(FUTURE_FROM_OBJ(future)->state)->event;
}

/* The outcome of a completed Future, borrowed; taking it marks an error as handled. */
void async_future_outcome(zend_object *future, zval **result, zend_object **exception)
{
	async_future_state_t *state = STATE_FROM_OBJ(FUTURE_FROM_OBJ(future)->state);
	state->used = true;
	state_handled(state);
	*result = &state->result;
	*exception = state->exception;
}

void async_future_mark_used(zend_object *future)
{
	STATE_FROM_OBJ(FUTURE_FROM_OBJ(future)->state)->used = true;
}

bool async_future_has_state(zend_object *future)
{
	return FUTURE_FROM_OBJ(future)->state != NULL;
}

/* ---- Futures settled from C ---- */

zend_object *async_future_new_pending(zend_object **state, void (*release_producer)(void *), void *producer)
{
	*state = state_create(async_ce_future_state);
	STATE_FROM_OBJ(*state)->release_producer = release_producer;
	STATE_FROM_OBJ(*state)->producer = producer;
	zend_object *object = future_create(async_ce_future);
	FUTURE_FROM_OBJ(object)->state = *state; /* the Future holds the state's one reference */
	return object;
}

void async_future_new_failed(zval *return_value, zend_object *exception)
{
	new_completed(return_value, NULL, exception);
}

ZEND_METHOD(Async_FutureState, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
}

ZEND_METHOD(Async_FutureState, complete)
{
	zval *result = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(result)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;
	state_complete(STATE_FROM_OBJ(Z_OBJ_P(ZEND_THIS)), result, NULL);
}

ZEND_METHOD(Async_FutureState, error)
{
	zend_object *throwable;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(throwable, zend_ce_throwable)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;
	state_complete(STATE_FROM_OBJ(Z_OBJ_P(ZEND_THIS)), NULL, throwable);
}

ZEND_METHOD(Async_FutureState, isCompleted)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(ZEND_ASYNC_EVENT_IS_CLOSED(&STATE_FROM_OBJ(Z_OBJ_P(ZEND_THIS))->event));
}

ZEND_METHOD(Async_FutureState, ignore)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	STATE_FROM_OBJ(Z_OBJ_P(ZEND_THIS))->ignored = true;
}

/* ---- Future ---- */

static zend_object *future_create(zend_class_entry *ce)
{
	async_future_t *future = zend_object_alloc(sizeof(async_future_t), ce);
	zend_object_std_init(&future->std, ce);
	object_properties_init(&future->std, ce);
	future->std.handlers = &future_handlers;
	return &future->std;
}

static void future_free(zend_object *object)
{
	async_future_t *future = FUTURE_FROM_OBJ(object);
	if (future->state != NULL) {
		OBJ_RELEASE(future->state);
	}
	zend_object_std_dtor(object);
}

static HashTable *future_get_gc(zend_object *object, zval **table, int *n)
{
	async_future_t *future = FUTURE_FROM_OBJ(object);
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	if (future->state != NULL) {
		zend_get_gc_buffer_add_obj(buffer, future->state);
	}
	zend_get_gc_buffer_use(buffer, table, n);
	return zend_std_get_properties(object);
}

static async_future_t *this_future(zval *this_ptr)
{
	async_future_t *future = FUTURE_FROM_OBJ(Z_OBJ_P(this_ptr));
	if (future->state == NULL) {
		zend_throw_error(NULL, "The Future has no state: it was not constructed");
	}
	return future;
}

ZEND_METHOD(Async_Future, __construct)
{
	zend_object *state;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(state, async_ce_future_state)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_future_t *future = FUTURE_FROM_OBJ(Z_OBJ_P(ZEND_THIS));
	if (future->state != NULL) {
		zend_throw_error(NULL, "The Future is already constructed");
		RETURN_THROWS();
	}
	GC_ADDREF(state);
	future->state = state;
}

static void new_completed(zval *return_value, zval *result, zend_object *exception)
{
	zend_object *state = state_create(async_ce_future_state);
	state_complete(STATE_FROM_OBJ(state), result, exception);
	zend_object *object = future_create(async_ce_future);
	FUTURE_FROM_OBJ(object)->state = state;
	RETURN_OBJ(object);
}

ZEND_METHOD(Async_Future, completed)
{
	zval *value = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ZVAL(value)
	ZEND_PARSE_PARAMETERS_END();
	new_completed(return_value, value, NULL);
}

ZEND_METHOD(Async_Future, failed)
{
	zend_object *throwable;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(throwable, zend_ce_throwable)
	ZEND_PARSE_PARAMETERS_END();
	new_completed(return_value, NULL, throwable);
}

ZEND_METHOD(Async_Future, await)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_completable)
	ZEND_PARSE_PARAMETERS_END();

	async_future_t *future = this_future(ZEND_THIS);
	if (future->state == NULL) {
		RETURN_THROWS();
	}
	STATE_FROM_OBJ(future->state)->used = true;
	if (!async_await_object(Z_OBJ_P(ZEND_THIS), cancellation, return_value)) {
		RETURN_THROWS();
	}
}

ZEND_METHOD(Async_Future, cancel)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_cancellation)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_future_t *future = this_future(ZEND_THIS);
	if (future->state == NULL) {
		RETURN_THROWS();
	}
	async_future_state_t *state = STATE_FROM_OBJ(future->state);
	if (ZEND_ASYNC_EVENT_IS_CLOSED(&state->event)) {
		return;
	}
	zend_object *error = cancellation;
	if (error == NULL) {
		/* upstream's message */
		error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "Future has been cancelled");
	} else {
		GC_ADDREF(error);
	}
	state->used = true;
	state->handled = true; /* the canceller knows */
	state_complete(state, NULL, error);
	OBJ_RELEASE(error);
}

ZEND_METHOD(Async_Future, isCompleted)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_future_t *future = this_future(ZEND_THIS);
	if (future->state == NULL) {
		RETURN_THROWS();
	}
	RETURN_BOOL(ZEND_ASYNC_EVENT_IS_CLOSED(&STATE_FROM_OBJ(future->state)->event));
}

ZEND_METHOD(Async_Future, isCancelled)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_future_t *future = this_future(ZEND_THIS);
	if (future->state == NULL) {
		RETURN_THROWS();
	}
	async_future_state_t *state = STATE_FROM_OBJ(future->state);
	RETURN_BOOL(state->exception != NULL && instanceof_function(state->exception->ce, async_ce_cancellation));
}

ZEND_METHOD(Async_Future, getAwaitingInfo)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_future_t *future = this_future(ZEND_THIS);
	if (future->state == NULL) {
		RETURN_THROWS();
	}
	bool completed = ZEND_ASYNC_EVENT_IS_CLOSED(&STATE_FROM_OBJ(future->state)->event);
	array_init_size(return_value, 1);
	add_next_index_string(return_value, completed ? "FutureState(completed)" : "FutureState(pending)");
}

ZEND_METHOD(Async_Future, ignore)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_future_t *future = this_future(ZEND_THIS);
	if (future->state == NULL) {
		RETURN_THROWS();
	}
	STATE_FROM_OBJ(future->state)->ignored = true;
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

/* ---- map, catch, finally ---- */

typedef enum { CHAIN_MAP, CHAIN_CATCH, CHAIN_FINALLY } chain_kind_t;

/* On the source state's event (which owns it). Once it ran, it lets go of the derived state
 * and the callable but stays in the vector: removing it during the notify would change the order
 * in which the links after it run. */
typedef struct {
	zend_async_event_callback_t base;
	chain_kind_t kind;
	zend_object *source;   /* the source state (borrowed: it owns the link) */
	zend_object *derived;  /* the derived state; NULL once run */
	zval callable;
} chain_link_t;

/* On the callback coroutine's event: settles the derived state when the coroutine ends. */
typedef struct {
	zend_async_event_callback_t base;
	zend_object *source;   /* finally: whose outcome the derived state takes; else NULL */
	zend_object *derived;
} chain_done_t;

/* Like state_complete, but a state already completed (the derived Future was cancelled) is left
 * as it is. */
static void state_settle(zend_object *object, zval *result, zend_object *exception)
{
	async_future_state_t *state = STATE_FROM_OBJ(object);
	if (!ZEND_ASYNC_EVENT_IS_CLOSED(&state->event)) {
		state_complete(state, result, exception);
	}
}

zend_async_event_t *async_future_state_event(zend_object *state)
{
	return &STATE_FROM_OBJ(state)->event;
}

void async_future_state_settle(zend_object *state, zval *result, zend_object *exception)
{
	state_settle(state, result, exception);
}

static void chain_link_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	chain_link_t *link = (chain_link_t *) callback;
	if (link->derived != NULL) {
		OBJ_RELEASE(link->derived);
	}
	zval_ptr_dtor(&link->callable);
	efree(link);
}

static void chain_done_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	chain_done_t *done = (chain_done_t *) callback;
	if (done->source != NULL) {
		OBJ_RELEASE(done->source);
	}
	OBJ_RELEASE(done->derived);
	efree(done);
}

static void on_callback_done(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	chain_done_t *done = (chain_done_t *) callback;
	ZEND_ASYNC_EVENT_CALLBACK_ADD_REF(callback); /* alive until we are done here */
	async_future_state_t *source = done->source != NULL ? STATE_FROM_OBJ(done->source) : NULL;
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event); /* the derived Future carries it on */
		if (source != NULL && source->exception != NULL && source->exception != exception) {
			/* A finally handler that throws on a failed source: the source's error becomes the
			 * previous of the new one, as upstream. */
			GC_ADDREF(source->exception);
			zend_exception_set_previous(exception, source->exception);
		}
		state_settle(done->derived, NULL, exception);
		if (source != NULL && source->exception != NULL) {
			state_passed_on(done->derived, done->source);
		}
	} else if (source != NULL) {
		state_settle(done->derived, &source->result, source->exception);
		if (source->exception != NULL) {
			state_passed_on(done->derived, done->source);
		}
	} else {
		state_settle(done->derived, (zval *) result, NULL);
	}
	event->del_callback(event, callback);
	ZEND_ASYNC_EVENT_CALLBACK_RELEASE(callback);
}

/* Runs the link's callback in a new coroutine; its end settles the derived state. */
static void chain_spawn(chain_link_t *link, zval *argument)
{
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN();
	if (coroutine == NULL) {
		/* No coroutine now (the application is shutting down): the derived Future fails. */
		zend_object *error = EG(exception);
		if (error == NULL) {
			error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot run the callback: no coroutine could be spawned");
		} else {
			GC_ADDREF(error);
			zend_clear_exception();
		}
		state_settle(link->derived, NULL, error);
		OBJ_RELEASE(error);
		return;
	}
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zend_fcall_info_init(&link->callable, 0, &fci, &fcc, NULL, NULL);
	async_coroutine_set_call(coroutine, &fci, &fcc, argument, argument != NULL ? 1 : 0, NULL);

	chain_done_t *done = ecalloc(1, sizeof(*done));
	done->base.callback = on_callback_done;
	done->base.dispose = chain_done_dispose;
	done->derived = link->derived;
	GC_ADDREF(done->derived);
	if (link->kind == CHAIN_FINALLY) {
		done->source = link->source;
		GC_ADDREF(done->source);
	}
	coroutine->event.add_callback(&coroutine->event, &done->base);
}

/* The source completed: run the callback if it applies, else pass the outcome through. */
static void chain_run(chain_link_t *link, zval *result, zend_object *exception)
{
	async_future_state_t *source = STATE_FROM_OBJ(link->source);
	source->used = true;
	if (link->kind == CHAIN_FINALLY) {
		chain_spawn(link, NULL);
	} else if (link->kind == CHAIN_MAP && exception == NULL) {
		chain_spawn(link, result);
	} else if (link->kind == CHAIN_CATCH && exception != NULL) {
		state_handled(source);
		zval error;
		ZVAL_OBJ(&error, exception);
		chain_spawn(link, &error);
	} else {
		/* Passed on: handled here if it was handled on the derived Future as it completed. */
		state_settle(link->derived, result, exception);
		if (exception != NULL) {
			state_passed_on(link->derived, link->source);
		}
	}
}

static void on_source_completed(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event;
	chain_link_t *link = (chain_link_t *) callback;
	if (link->derived == NULL) {
		return;
	}
	chain_run(link, (zval *) result, exception);
	zend_object *derived = link->derived;
	link->derived = NULL;
	zval_ptr_dtor(&link->callable);
	ZVAL_UNDEF(&link->callable);
	OBJ_RELEASE(derived);
}

static void chain_links_get_gc(async_future_state_t *state, zend_get_gc_buffer *buffer)
{
	zend_async_callbacks_vector_t *callbacks = &state->event.callbacks;
	for (uint32_t i = 0; i < callbacks->length; i++) {
		chain_link_t *link = (chain_link_t *) callbacks->data[i];
		if (link->base.callback == on_source_completed && link->derived != NULL) {
			zend_get_gc_buffer_add_obj(buffer, link->derived);
			zend_get_gc_buffer_add_zval(buffer, &link->callable);
		}
	}
}

static void future_chain(INTERNAL_FUNCTION_PARAMETERS, chain_kind_t kind)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_FUNC(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();
	(void) fcc;

	async_future_t *future = this_future(ZEND_THIS);
	if (future->state == NULL) {
		RETURN_THROWS();
	}
	async_future_state_t *source = STATE_FROM_OBJ(future->state);

	zend_object *derived = state_create(async_ce_future_state);
	zend_object *object = future_create(async_ce_future);
	FUTURE_FROM_OBJ(object)->state = derived;
	GC_ADDREF(derived);

	source->used = true;
	chain_link_t *link = ecalloc(1, sizeof(*link));
	link->base.callback = on_source_completed;
	link->base.dispose = chain_link_dispose;
	link->kind = kind;
	link->source = &source->std;
	link->derived = derived;
	ZVAL_COPY(&link->callable, &fci.function_name);

	if (ZEND_ASYNC_EVENT_IS_CLOSED(&source->event)) {
		chain_run(link, &source->result, source->exception);
		link->base.dispose(&link->base, NULL);
	} else {
		source->event.add_callback(&source->event, &link->base);
	}
	RETURN_OBJ(object);
}

ZEND_METHOD(Async_Future, map) { future_chain(INTERNAL_FUNCTION_PARAM_PASSTHRU, CHAIN_MAP); }
ZEND_METHOD(Async_Future, catch) { future_chain(INTERNAL_FUNCTION_PARAM_PASSTHRU, CHAIN_CATCH); }
ZEND_METHOD(Async_Future, finally) { future_chain(INTERNAL_FUNCTION_PARAM_PASSTHRU, CHAIN_FINALLY); }

void async_userland_register_future(void)
{
	async_ce_future_state = register_class_Async_FutureState();
	async_ce_future_state->create_object = state_create;
	memcpy(&state_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	state_handlers.offset = XtOffsetOf(async_future_state_t, std);
	state_handlers.free_obj = state_free;
	state_handlers.get_gc = state_get_gc;
	state_handlers.clone_obj = NULL;

	async_ce_future = register_class_Async_Future(async_ce_completable);
	async_ce_future->create_object = future_create;
	memcpy(&future_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	future_handlers.offset = XtOffsetOf(async_future_t, std);
	future_handlers.free_obj = future_free;
	future_handlers.get_gc = future_get_gc;
	future_handlers.clone_obj = NULL;
}

static void location_pair(zval *return_value, zend_string *file, uint32_t line)
{
	array_init_size(return_value, 2);
	if (file != NULL) {
		add_next_index_str(return_value, zend_string_copy(file));
	} else {
		add_next_index_null(return_value);
	}
	add_next_index_long(return_value, file != NULL ? line : 0);
}

static void location_string(zval *return_value, zend_string *file, uint32_t line)
{
	if (file == NULL) {
		RETURN_STRING("unknown");
	}
	RETURN_STR(zend_strpprintf(0, "%s:%u", ZSTR_VAL(file), line));
}

/* The state behind $this: a FutureState, or the one a Future views (NULL, thrown, without one). */
static async_future_state_t *location_state(zval *this_zv)
{
	if (Z_OBJCE_P(this_zv) == async_ce_future_state) {
		return STATE_FROM_OBJ(Z_OBJ_P(this_zv));
	}
	async_future_t *future = this_future(this_zv);
	return future->state != NULL ? STATE_FROM_OBJ(future->state) : NULL;
}

#define LOCATION_METHODS(class) \
	ZEND_METHOD(class, getCreatedFileAndLine) { \
		ZEND_PARSE_PARAMETERS_NONE(); \
		async_future_state_t *state = location_state(ZEND_THIS); \
		if (state == NULL) { RETURN_THROWS(); } \
		location_pair(return_value, state->created_file, state->created_line); \
	} \
	ZEND_METHOD(class, getCreatedLocation) { \
		ZEND_PARSE_PARAMETERS_NONE(); \
		async_future_state_t *state = location_state(ZEND_THIS); \
		if (state == NULL) { RETURN_THROWS(); } \
		location_string(return_value, state->created_file, state->created_line); \
	} \
	ZEND_METHOD(class, getCompletedFileAndLine) { \
		ZEND_PARSE_PARAMETERS_NONE(); \
		async_future_state_t *state = location_state(ZEND_THIS); \
		if (state == NULL) { RETURN_THROWS(); } \
		location_pair(return_value, state->completed_file, state->completed_line); \
	} \
	ZEND_METHOD(class, getCompletedLocation) { \
		ZEND_PARSE_PARAMETERS_NONE(); \
		async_future_state_t *state = location_state(ZEND_THIS); \
		if (state == NULL) { RETURN_THROWS(); } \
		location_string(return_value, state->completed_file, state->completed_line); \
	}

LOCATION_METHODS(Async_FutureState)
LOCATION_METHODS(Async_Future)
