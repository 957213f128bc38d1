/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * async_test: the base event, driven through the public header. Each scenario returns a log
 * of what happened, so a .phpt states the expected behaviour line by line.
 */
#include "async_test.h"
#include "zend_exceptions.h"

zval *async_test_log = NULL;

void async_test_logf(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	zend_string *line = zend_vstrpprintf(0, format, args);
	va_end(args);
	add_next_index_str(async_test_log, line);
}

static zend_async_event_t *new_event(size_t extra)
{
	return &async_test_new_timer_event(1, 0, false, extra)->base;
}

/* ---- reference counting and dispose ---- */

PHP_FUNCTION(async_test_refcount)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	async_test_log = return_value;

	uint32_t live_before = async_test_live_events;
	zend_async_event_t *event = new_event(0);
	async_test_logf("created: refcount %u", ZEND_ASYNC_EVENT_REFCOUNT(event));
	ZEND_ASYNC_EVENT_ADD_REF(event);
	ZEND_ASYNC_EVENT_ADD_REF(event);
	async_test_logf("two add_ref: refcount %u", ZEND_ASYNC_EVENT_REFCOUNT(event));
	ZEND_ASYNC_EVENT_DEL_REF(event);
	async_test_logf("del_ref: refcount %u", ZEND_ASYNC_EVENT_REFCOUNT(event));
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_logf("release: refcount %u, live %u", ZEND_ASYNC_EVENT_REFCOUNT(event), async_test_live_events - live_before);
	/* dispose() with more than one owner only drops a reference, as the guide's pattern says. */
	ZEND_ASYNC_EVENT_ADD_REF(event);
	event->dispose(event);
	async_test_logf("dispose with two owners: refcount %u, live %u", ZEND_ASYNC_EVENT_REFCOUNT(event), async_test_live_events - live_before);
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_logf("after last release: live %u", async_test_live_events - live_before);

	/* A started event disposed by its last owner is stopped first, then freed. */
	event = new_event(0);
	event->start(event);
	async_test_logf("started: active events %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_logf("released while started: active events %u, live %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT,
		async_test_live_events - live_before);
	async_test_log = NULL;
}

/* ---- extra_size and extra_offset ---- */

PHP_FUNCTION(async_test_extra)
{
	zend_long extra_size;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(extra_size)
	ZEND_PARSE_PARAMETERS_END();

	if (extra_size < 0 || extra_size > 1024 * 1024) {
		zend_argument_value_error(1, "must be between 0 and 1048576");
		RETURN_THROWS();
	}

	zend_async_event_t *event = new_event((size_t) extra_size);
	unsigned char *extra = ZEND_ASYNC_EVENT_EXTRA(event);

	/* Fill every byte we were promised; valgrind reports any that were not allocated. */
	for (zend_long i = 0; i < extra_size; i++) {
		extra[i] = (unsigned char) (i * 7 + 1);
	}
	bool intact = true;
	for (zend_long i = 0; i < extra_size; i++) {
		intact = intact && extra[i] == (unsigned char) (i * 7 + 1);
	}
	/* The backend's own fields sit before the extra area and must be untouched. */
	bool backend_intact = ((zend_async_timer_event_t *) event)->timeout == 1;

	array_init(return_value);
	add_assoc_bool(return_value, "offset_is_backend_size", event->extra_offset == async_test_timer_impl_size());
	add_assoc_bool(return_value, "offset_after_abi_struct", event->extra_offset >= sizeof(zend_async_timer_event_t));
	add_assoc_bool(return_value, "extra_intact", intact);
	add_assoc_bool(return_value, "backend_fields_intact", backend_intact);
	ZEND_ASYNC_EVENT_RELEASE(event);
}

/* ---- callbacks vector ---- */

typedef struct {
	zend_async_event_callback_t base;
	zend_long id;
	HashTable *removals;             /* id => [ids to remove] */
	zend_async_event_callback_t **all;
	zend_long count;
	zval *called;                    /* array of ids called this round */
} test_callback_t;

static void remover_callback(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	(void) result; (void) exception;
	test_callback_t *self = (test_callback_t *) callback;
	add_next_index_long(self->called, self->id);

	/* Removing itself frees the callback: copy what the loop needs first. */
	zend_async_event_callback_t **all = self->all;
	zend_long count = self->count;
	zval *targets = zend_hash_index_find(self->removals, (zend_ulong) self->id);
	if (targets == NULL || Z_TYPE_P(targets) != IS_ARRAY) {
		return;
	}
	zval *target;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(targets), target) {
		zend_long victim = zval_get_long(target);
		if (victim >= 0 && victim < count && all[victim] != NULL) {
			zend_async_event_callback_t *gone = all[victim];
			all[victim] = NULL; /* removal disposes it */
			event->del_callback(event, gone);
		}
	} ZEND_HASH_FOREACH_END();
}

static int compare_longs(Bucket *a, Bucket *b)
{
	zend_long x = Z_LVAL(a->val), y = Z_LVAL(b->val);
	return x < y ? -1 : (x > y ? 1 : 0);
}

static void sort_longs(zval *array)
{
	zend_hash_sort(Z_ARRVAL_P(array), compare_longs, true);
}

PHP_FUNCTION(async_test_notify)
{
	zend_long count, rounds = 2;
	HashTable *removals;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_LONG(count)
		Z_PARAM_ARRAY_HT(removals)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(rounds)
	ZEND_PARSE_PARAMETERS_END();

	if (count < 0 || count > 100000) {
		zend_argument_value_error(1, "must be between 0 and 100000");
		RETURN_THROWS();
	}

	zend_async_event_t *event = new_event(0);
	zend_async_event_callback_t **all = ecalloc(count ? count : 1, sizeof(*all));
	zval called;

	for (zend_long i = 0; i < count; i++) {
		test_callback_t *cb = (test_callback_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(remover_callback, sizeof(test_callback_t));
		cb->id = i;
		cb->removals = removals;
		cb->all = all;
		cb->count = count;
		cb->called = &called;
		all[i] = &cb->base;
		event->add_callback(event, &cb->base);
	}

	array_init(return_value);
	for (zend_long round = 0; round < rounds; round++) {
		array_init(&called);
		ZEND_ASYNC_CALLBACKS_NOTIFY(event, NULL, NULL);
		sort_longs(&called);
		add_next_index_zval(return_value, &called);
	}

	zval left;
	array_init(&left);
	for (zend_long i = 0; i < count; i++) {
		if (all[i] != NULL) {
			add_next_index_long(&left, i);
		}
	}
	add_next_index_zval(return_value, &left);
	add_next_index_long(return_value, event->callbacks.length);

	ZEND_ASYNC_EVENT_RELEASE(event); /* frees the remaining callbacks */
	efree(all);
}

static void log_callback(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	(void) callback; (void) result;
	async_test_logf("callback: exception %s, closed %d", exception ? ZSTR_VAL(exception->ce->name) : "none",
		ZEND_ASYNC_EVENT_IS_CLOSED(event));
}

static void nesting_callback(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	(void) callback; (void) result; (void) exception;
	async_test_logf("outer callback: notifying the same event again");
	ZEND_ASYNC_CALLBACKS_NOTIFY(event, NULL, NULL);
	async_test_logf("outer callback: nested notify returned");
}

PHP_FUNCTION(async_test_nested_notify)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	async_test_log = return_value;

	zend_async_event_t *event = new_event(0);
	event->add_callback(event, ZEND_ASYNC_EVENT_CALLBACK(nesting_callback));
	event->add_callback(event, ZEND_ASYNC_EVENT_CALLBACK(log_callback));
	ZEND_ASYNC_CALLBACKS_NOTIFY(event, NULL, NULL);
	async_test_logf("notify returned; a later notify still works:");
	zend_async_callbacks_remove(event, event->callbacks.data[0]->callback == nesting_callback
		? event->callbacks.data[0] : event->callbacks.data[1]);
	ZEND_ASYNC_CALLBACKS_NOTIFY(event, NULL, NULL);
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_log = NULL;
}

static void throwing_callback(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	(void) event; (void) callback; (void) result; (void) exception;
	async_test_logf("throwing callback");
	zend_throw_exception(NULL, "thrown by a callback", 0);
}

/* A callback that throws ends the notify: the rest are not called, the exception reaches PHP. */
PHP_FUNCTION(async_test_notify_throws)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	async_test_log = return_value;

	zend_async_event_t *event = new_event(0);
	event->add_callback(event, ZEND_ASYNC_EVENT_CALLBACK(throwing_callback));
	event->add_callback(event, ZEND_ASYNC_EVENT_CALLBACK(log_callback));
	ZEND_ASYNC_CALLBACKS_NOTIFY(event, NULL, NULL);
	if (EG(exception)) {
		zval message;
		ZVAL_STR(&message, zval_get_string(zend_read_property_ex(EG(exception)->ce, EG(exception),
			ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &message)));
		async_test_logf("after notify: pending exception '%s'", Z_STRVAL(message));
		zval_ptr_dtor(&message);
		zend_clear_exception();
	}
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_log = NULL;
}

static void replacing_handler(zend_async_event_t *event, void *result, zend_object *exception)
{
	async_test_logf("notify_handler: called instead of the callbacks");
	async_test_logf("notify_handler: delivering from the handler");
	ZEND_ASYNC_CALLBACKS_NOTIFY_FROM_HANDLER(event, result, exception);
}

PHP_FUNCTION(async_test_notify_handler)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	async_test_log = return_value;

	zend_async_event_t *event = new_event(0);
	event->add_callback(event, ZEND_ASYNC_EVENT_CALLBACK(log_callback));
	event->notify_handler = replacing_handler;
	zend_object *error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, "broken pipe");
	ZEND_ASYNC_CALLBACKS_NOTIFY(event, NULL, error);
	OBJ_RELEASE(error);
	async_test_logf("notify_and_close:");
	event->notify_handler = NULL;
	ZEND_ASYNC_CALLBACKS_NOTIFY_AND_CLOSE(event, NULL, NULL);
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_log = NULL;
}

/* A callback shared by two events is freed only when both let it go. */
static void shared_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		async_test_logf("shared callback: one owner left");
		return;
	}
	async_test_logf("shared callback: freed");
	efree(callback);
}

PHP_FUNCTION(async_test_callback_shared)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	async_test_log = return_value;

	zend_async_event_t *first = new_event(0), *second = new_event(0);
	zend_async_event_callback_t *callback = ZEND_ASYNC_EVENT_CALLBACK(log_callback);
	callback->dispose = shared_dispose;
	first->add_callback(first, callback);
	second->add_callback(second, callback);
	async_test_logf("callback refcount %u", callback->ref_count);
	zend_async_event_callback_t *absent = ZEND_ASYNC_EVENT_CALLBACK(log_callback);
	async_test_logf("remove absent: %s", zend_async_callbacks_remove(first, absent) ? "true" : "false");
	efree(absent);
	ZEND_ASYNC_EVENT_RELEASE(first);
	ZEND_ASYNC_CALLBACKS_NOTIFY(second, NULL, NULL);
	ZEND_ASYNC_EVENT_RELEASE(second);
	async_test_log = NULL;
}

/* ---- start/stop discipline and flags ---- */

PHP_FUNCTION(async_test_start_stop)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	async_test_log = return_value;

	unsigned int base = ZEND_ASYNC_ACTIVE_EVENT_COUNT;
#define STATE(what) async_test_logf("%s: loop_ref_count %u, active %u, closed %d", what, \
		event->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT - base, ZEND_ASYNC_EVENT_IS_CLOSED(event))

	zend_async_event_t *event = new_event(0);
	STATE("new");
	event->start(event);
	STATE("start");
	event->start(event);
	STATE("start again");
	event->stop(event);
	STATE("stop");
	event->stop(event);
	STATE("stop again");
	event->stop(event);
	STATE("stop when idle");
	event->start(event);
	event->start(event);
	zend_async_event_close(event);
	STATE("close after two starts");
	event->start(event);
	STATE("start after close");
	ZEND_ASYNC_EVENT_RELEASE(event);

	event = new_event(0);
	ZEND_ASYNC_EVENT_SET_HIDDEN(event);
	event->start(event);
	STATE("hidden started");
	event->stop(event);
	STATE("hidden stopped");
	ZEND_ASYNC_EVENT_RELEASE(event);

	/* Closing before stopping leaves the handle armed: the reason for stop-before-close. */
	event = new_event(0);
	event->start(event);
	ZEND_ASYNC_EVENT_SET_CLOSED(event);
	event->stop(event);
	STATE("closed before stop");
	/* The handle is still armed but no longer counted as started: undo by hand, then close. */
	event->loop_ref_count = 1;
	ZEND_ASYNC_EVENT_CLR_CLOSED(event);
	zend_async_event_close(event);
	STATE("reopened, then closed properly");
	ZEND_ASYNC_EVENT_RELEASE(event);
#undef STATE
	async_test_log = NULL;
}

PHP_FUNCTION(async_test_flags)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);

	zend_async_event_t *event = new_event(0);
	uint32_t kind_bits = event->flags;
#define FLAG(name, set, clr, is) do { \
		set(event); bool on = is(event); clr(event); bool off = !is(event); \
		add_assoc_bool(return_value, name, on && off && event->flags == kind_bits); \
	} while (0)
	FLAG("closed", ZEND_ASYNC_EVENT_SET_CLOSED, ZEND_ASYNC_EVENT_CLR_CLOSED, ZEND_ASYNC_EVENT_IS_CLOSED);
	FLAG("result_used", ZEND_ASYNC_EVENT_SET_RESULT_USED, ZEND_ASYNC_EVENT_CLR_RESULT_USED, ZEND_ASYNC_EVENT_WILL_RESULT_USED);
	FLAG("exc_caught", ZEND_ASYNC_EVENT_SET_EXC_CAUGHT, ZEND_ASYNC_EVENT_CLR_EXC_CAUGHT, ZEND_ASYNC_EVENT_WILL_EXC_CAUGHT);
	FLAG("zval_result", ZEND_ASYNC_EVENT_SET_ZVAL_RESULT, ZEND_ASYNC_EVENT_CLR_ZVAL_RESULT, ZEND_ASYNC_EVENT_WILL_ZVAL_RESULT);
	FLAG("exception_handled", ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED, ZEND_ASYNC_EVENT_CLR_EXCEPTION_HANDLED, ZEND_ASYNC_EVENT_IS_EXCEPTION_HANDLED);
	FLAG("close_fd", ZEND_ASYNC_EVENT_SET_CLOSE_FD, ZEND_ASYNC_EVENT_CLR_CLOSE_FD, ZEND_ASYNC_EVENT_SHOULD_CLOSE_FD);
	FLAG("hidden", ZEND_ASYNC_EVENT_SET_HIDDEN, ZEND_ASYNC_EVENT_CLR_HIDDEN, ZEND_ASYNC_EVENT_IS_HIDDEN);
#undef FLAG
	/* Every base flag is its own bit, below the kind-specific bits from 13 up. */
	uint32_t all = ZEND_ASYNC_EVENT_F_CLOSED | ZEND_ASYNC_EVENT_F_RESULT_USED | ZEND_ASYNC_EVENT_F_EXC_CAUGHT
		| ZEND_ASYNC_EVENT_F_ZVAL_RESULT | ZEND_ASYNC_EVENT_F_ZEND_OBJ | ZEND_ASYNC_EVENT_F_NO_FREE_MEMORY
		| ZEND_ASYNC_EVENT_F_EXCEPTION_HANDLED | ZEND_ASYNC_EVENT_F_REFERENCE | ZEND_ASYNC_EVENT_F_OBJ_REF
		| ZEND_ASYNC_EVENT_F_CLOSE_FD | ZEND_ASYNC_EVENT_F_HIDDEN | ZEND_ASYNC_EVENT_F_BAILOUT;
	add_assoc_long(return_value, "base_bits", __builtin_popcount(all));
	add_assoc_bool(return_value, "below_bit_13", all < (1u << 13));
	ZEND_ASYNC_EVENT_RELEASE(event);
}

/* ---- the registered reactor, through the macros ---- */

static void timer_fired(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	(void) callback; (void) result; (void) exception;
	zend_long *fired = ZEND_ASYNC_EVENT_EXTRA(event);
	(*fired)++;
}

static void timer_fired_dispose(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	timer_fired(event, callback, result, exception);
	ZEND_ASYNC_EVENT_RELEASE(event); /* the owner lets go from inside its own callback */
}

PHP_FUNCTION(async_test_timers)
{
	zend_long count;
	bool dispose_in_callback = false;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_LONG(count)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(dispose_in_callback)
	ZEND_PARSE_PARAMETERS_END();

	if (count < 1 || count > 1000000) {
		zend_argument_value_error(1, "must be between 1 and 1000000");
		RETURN_THROWS();
	}

	zend_async_timer_event_t **timers = safe_emalloc(count, sizeof(*timers), 0);
	for (zend_long i = 0; i < count; i++) {
		timers[i] = ZEND_ASYNC_NEW_TIMER_EVENT_EX(1, false, sizeof(zend_long));
		if (timers[i] == NULL) {
			while (i-- > 0) {
				ZEND_ASYNC_EVENT_RELEASE(&timers[i]->base);
			}
			efree(timers);
			RETURN_THROWS();
		}
		*(zend_long *) ZEND_ASYNC_EVENT_EXTRA(&timers[i]->base) = 0;
		timers[i]->base.add_callback(&timers[i]->base,
			ZEND_ASYNC_EVENT_CALLBACK(dispose_in_callback ? timer_fired_dispose : timer_fired));
		timers[i]->base.start(&timers[i]->base);
	}

	zend_long ticks = 0, fired = 0;
	while (ZEND_ASYNC_REACTOR_LOOP_ALIVE() && ticks < 1000) {
		ZEND_ASYNC_REACTOR_EXECUTE(false);
		ticks++;
	}

	array_init(return_value);
	if (!dispose_in_callback) {
		zend_long closed = 0;
		for (zend_long i = 0; i < count; i++) {
			fired += *(zend_long *) ZEND_ASYNC_EVENT_EXTRA(&timers[i]->base);
			closed += ZEND_ASYNC_EVENT_IS_CLOSED(&timers[i]->base);
			ZEND_ASYNC_EVENT_RELEASE(&timers[i]->base);
		}
		add_assoc_long(return_value, "fired", fired);
		add_assoc_long(return_value, "closed", closed);
	}
	add_assoc_long(return_value, "ticks", ticks);
	add_assoc_long(return_value, "active_events", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	efree(timers);
}
