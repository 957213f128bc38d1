/*
 * Async\FutureState and Async\Future. The state carries the event (inside its PHP object, as a
 * coroutine does); a Future is a view on one state. An error that nobody awaited or ignored is
 * reported as a warning when the state goes.
 */
#include "php.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
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
	bool handled;               /* someone awaited the error */
	zend_object std;
} async_future_state_t;

typedef struct {
	zend_object *state;
	zend_object std;
} async_future_t;

#define STATE_FROM_OBJ(obj)  ((async_future_state_t *) ((char *) (obj) - XtOffsetOf(async_future_state_t, std)))
#define FUTURE_FROM_OBJ(obj) ((async_future_t *) ((char *) (obj) - XtOffsetOf(async_future_t, std)))

static bool event_noop(zend_async_event_t *event) { (void) event; return true; }

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

static zend_object *state_create(zend_class_entry *ce)
{
	async_future_state_t *state = zend_object_alloc(sizeof(async_future_state_t), ce);
	zend_object_std_init(&state->std, ce);
	object_properties_init(&state->std, ce);
	state->std.handlers = &state_handlers;
	zend_async_event_t *event = &state->event;
	event->flags = ZEND_ASYNC_EVENT_F_ZEND_OBJ | ZEND_ASYNC_EVENT_F_ZVAL_RESULT;
	event->zend_object_offset = XtOffsetOf(async_future_state_t, std);
	event->add_callback = zend_async_callbacks_push;
	event->del_callback = zend_async_callbacks_remove;
	event->start = event_noop;
	event->stop = event_noop;
	event->dispose = state_event_dispose;
	event->info = state_event_info;
	ZVAL_NULL(&state->result);
	return &state->std;
}

static void state_free(zend_object *object)
{
	async_future_state_t *state = STATE_FROM_OBJ(object);
	if (state->exception != NULL) {
		if (!state->ignored && !state->handled && !EG(exception)) {
			zval rv;
			zend_string *message = zval_get_string(zend_read_property_ex(zend_get_exception_base(state->exception),
				state->exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv));
			zend_error(E_WARNING, "Unhandled exception in a Future that nobody awaited: %s: %s",
				ZSTR_VAL(state->exception->ce->name), ZSTR_VAL(message));
			zend_string_release(message);
		}
		OBJ_RELEASE(state->exception);
	}
	zend_async_callbacks_free(&state->event);
	zval_ptr_dtor(&state->result);
	zend_object_std_dtor(object);
}

static HashTable *state_get_gc(zend_object *object, zval **table, int *n)
{
	async_future_state_t *state = STATE_FROM_OBJ(object);
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buffer, &state->result);
	if (state->exception != NULL) {
		zend_get_gc_buffer_add_obj(buffer, state->exception);
	}
	zend_get_gc_buffer_use(buffer, table, n);
	return zend_std_get_properties(object);
}

/* Completes the state once; false (an Error thrown) if it was already. */
static bool state_complete(async_future_state_t *state, zval *result, zend_object *exception)
{
	if (ZEND_ASYNC_EVENT_IS_CLOSED(&state->event)) {
		zend_throw_error(NULL, "The Future is already completed");
		return false;
	}
	if (exception != NULL) {
		GC_ADDREF(exception);
		state->exception = exception;
	} else if (result != NULL) {
		ZVAL_COPY(&state->result, result);
	}
	ZEND_ASYNC_EVENT_SET_CLOSED(&state->event);
	ZEND_ASYNC_CALLBACKS_NOTIFY(&state->event, &state->result, state->exception);
	if (exception != NULL && ZEND_ASYNC_EVENT_IS_EXCEPTION_HANDLED(&state->event)) {
		state->handled = true;
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
	state->handled = true;
	*result = &state->result;
	*exception = state->exception;
}

bool async_future_has_state(zend_object *future)
{
	return FUTURE_FROM_OBJ(future)->state != NULL;
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

	if (this_future(ZEND_THIS)->state == NULL) {
		RETURN_THROWS();
	}
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
		error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The Future was cancelled");
	} else {
		GC_ADDREF(error);
	}
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
