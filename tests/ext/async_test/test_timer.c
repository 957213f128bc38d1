/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: timer events of the registered reactor, through the public header. */
#include "async_test.h"
#include "test_timer_arginfo.h"
#include <time.h>

const zend_function_entry *async_test_timer_functions(void)
{
	return ext_functions;
}

typedef struct {
	zend_long fired;
	zend_long stop_after;   /* periodic: stop from inside the callback after this many */
	bool release_in_callback;
	bool done;
	zend_long id;
	zval *order;            /* where ids are appended, if set */
} timer_state_t;

#define STATE_OF(ev) ((timer_state_t *) ZEND_ASYNC_EVENT_EXTRA(ev))

static void on_fire(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	timer_state_t *state = STATE_OF(event);
	state->fired++;
	if (state->order) {
		add_next_index_long(state->order, state->id);
	}
	if (state->stop_after > 0 && state->fired >= state->stop_after) {
		event->stop(event);
		state->done = true;
	} else if (state->stop_after == 0) {
		state->done = true;
	}
	if (state->release_in_callback) {
		state->done = true;
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

static zend_async_event_t *new_timer(zend_ulong ms, zend_ulong ns, bool periodic)
{
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT_NS_EX(ms, ns, periodic, sizeof(timer_state_t));
	if (timer == NULL) {
		return NULL;
	}
	memset(STATE_OF(&timer->base), 0, sizeof(timer_state_t));
	timer->base.add_callback(&timer->base, ZEND_ASYNC_EVENT_CALLBACK(on_fire));
	return &timer->base;
}

static uint64_t monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

#define LOG_EVENT(what, ev) async_test_logf("%s: fired %ld, closed %d, loop_ref_count %u, active %u", what, \
	(long) STATE_OF(ev)->fired, ZEND_ASYNC_EVENT_IS_CLOSED(ev), (ev)->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT)

PHP_FUNCTION(async_test_timer_scenario)
{
	zend_string *name;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();

	array_init(return_value);
	async_test_log = return_value;
	const char *s = ZSTR_VAL(name);
	zend_async_event_t *ev;

	if (strcmp(s, "oneshot") == 0 || strcmp(s, "zero") == 0 || strcmp(s, "restart") == 0) {
		ev = new_timer(strcmp(s, "zero") == 0 ? 0 : 5, 0, false);
		ev->start(ev);
		LOG_EVENT("started", ev);
		async_test_logf("ran: %s", async_test_run_until(&STATE_OF(ev)->done, 5000) ? "fired" : "timed out");
		LOG_EVENT("after", ev);
		if (strcmp(s, "restart") == 0) {
			ev->start(ev);
			LOG_EVENT("start after it closed", ev);
		}
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "periodic") == 0) {
		ev = new_timer(2, 0, true);
		STATE_OF(ev)->stop_after = 3;
		ev->start(ev);
		async_test_logf("ran: %s", async_test_run_until(&STATE_OF(ev)->done, 5000) ? "stopped" : "timed out");
		LOG_EVENT("after", ev);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "stop_before_fire") == 0) {
		ev = new_timer(20, 0, false);
		ev->start(ev);
		ev->stop(ev);
		LOG_EVENT("stopped", ev);
		async_test_logf("loop alive: %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		async_test_run_until(&STATE_OF(ev)->done, 100);
		LOG_EVENT("after running", ev);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "dispose_while_running") == 0) {
		ev = new_timer(20, 0, false);
		ev->start(ev);
		async_test_logf("active before: %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_EVENT_RELEASE(ev);
		async_test_logf("active after dispose: %u, loop alive: %d", ZEND_ASYNC_ACTIVE_EVENT_COUNT,
			ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		ZEND_ASYNC_REACTOR_EXECUTE(true); /* runs the close callback that frees it */
	} else if (strcmp(s, "dispose_in_callback") == 0) {
		bool done = false;
		ev = new_timer(1, 0, false);
		STATE_OF(ev)->release_in_callback = true;
		ev->start(ev);
		/* The state lives in the event, which is gone after the callback: watch the count. */
		while (ZEND_ASYNC_REACTOR_LOOP_ALIVE()) {
			ZEND_ASYNC_REACTOR_EXECUTE(false);
		}
		done = ZEND_ASYNC_ACTIVE_EVENT_COUNT == 0;
		async_test_logf("released from its own callback: active %u, %s", ZEND_ASYNC_ACTIVE_EVENT_COUNT,
			done ? "ok" : "still counted");
	} else if (strcmp(s, "nanoseconds") == 0) {
		static const zend_ulong cases[][2] = {
			{0, 1500000}, {1, 1}, {0, 0}, {7, 0}, {0, 3000000000ul}, {0, 999}, {2, 1000000}
		};
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			zend_async_timer_event_t *t = ZEND_ASYNC_NEW_TIMER_EVENT_NS(cases[i][0], cases[i][1], false);
			async_test_logf("%lu ms + %lu ns -> %u ms", (unsigned long) cases[i][0], (unsigned long) cases[i][1], t->timeout);
			ZEND_ASYNC_EVENT_RELEASE(&t->base);
		}
	} else if (strcmp(s, "huge") == 0) {
		ev = new_timer(ZEND_ULONG_MAX, ZEND_ULONG_MAX, false);
		async_test_logf("timeout field saturates: %d", ((zend_async_timer_event_t *) ev)->timeout == UINT_MAX);
		ev->start(ev);
		ZEND_ASYNC_REACTOR_EXECUTE(true);
		LOG_EVENT("armed, not due", ev);
		ev->stop(ev);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "hidden") == 0) {
		ev = new_timer(1, 0, false);
		ZEND_ASYNC_EVENT_SET_HIDDEN(ev);
		ev->start(ev);
		LOG_EVENT("hidden, started", ev);
		async_test_logf("loop alive: %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		/* A visible timer keeps the loop going; the hidden one fires meanwhile. */
		zend_async_event_t *visible = new_timer(20, 0, false);
		visible->start(visible);
		async_test_run_until(&STATE_OF(visible)->done, 5000);
		LOG_EVENT("hidden, after the visible one fired", ev);
		ZEND_ASYNC_EVENT_RELEASE(visible);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "order") == 0) {
		zval order;
		array_init(&order);
		zend_long delays[] = {30, 10, 20, 1};
		zend_async_event_t *evs[4];
		for (int i = 0; i < 4; i++) {
			evs[i] = new_timer((zend_ulong) delays[i], 0, false);
			STATE_OF(evs[i])->id = delays[i];
			STATE_OF(evs[i])->order = &order;
			evs[i]->start(evs[i]);
		}
		bool never = false;
		async_test_run_until(&never, 5000);
		zend_string *joined = zend_strpprintf(0, "fired in order: %ld %ld %ld %ld",
			(long) Z_LVAL_P(zend_hash_index_find(Z_ARRVAL(order), 0)), (long) Z_LVAL_P(zend_hash_index_find(Z_ARRVAL(order), 1)),
			(long) Z_LVAL_P(zend_hash_index_find(Z_ARRVAL(order), 2)), (long) Z_LVAL_P(zend_hash_index_find(Z_ARRVAL(order), 3)));
		add_next_index_str(return_value, joined);
		for (int i = 0; i < 4; i++) {
			ZEND_ASYNC_EVENT_RELEASE(evs[i]);
		}
		zval_ptr_dtor(&order);
	} else if (strcmp(s, "queue_head_stopped") == 0) {
		/* Three one-shot timers of one length share a queue; the oldest is stopped: the others
		 * still fire, in start order, and not before their own deadline. */
		zval order;
		array_init(&order);
		zend_async_event_t *evs[3];
		uint64_t started = monotonic_ns();
		for (int i = 0; i < 3; i++) {
			evs[i] = new_timer(30, 0, false);
			STATE_OF(evs[i])->id = i;
			STATE_OF(evs[i])->order = &order;
			evs[i]->start(evs[i]);
		}
		evs[0]->stop(evs[0]);
		async_test_run_until(&STATE_OF(evs[2])->done, 5000);
		uint64_t elapsed_ms = (monotonic_ns() - started) / 1000000;
		async_test_logf("fired: %u timers, first %ld, then %ld; the stopped one fired %ld times; after %s",
			zend_hash_num_elements(Z_ARRVAL(order)),
			(long) Z_LVAL_P(zend_hash_index_find(Z_ARRVAL(order), 0)),
			(long) Z_LVAL_P(zend_hash_index_find(Z_ARRVAL(order), 1)), (long) STATE_OF(evs[0])->fired,
			elapsed_ms >= 30 ? "30 ms or more" : "less than 30 ms");
		LOG_EVENT("stopped one", evs[0]);
		for (int i = 0; i < 3; i++) {
			ZEND_ASYNC_EVENT_RELEASE(evs[i]);
		}
		zval_ptr_dtor(&order);
	} else if (strcmp(s, "queue_hidden_mix") == 0) {
		/* A hidden and a visible timer of one length: only the visible one keeps the loop alive. */
		zend_async_event_t *hidden = new_timer(50, 0, false);
		ZEND_ASYNC_EVENT_SET_HIDDEN(hidden);
		zend_async_event_t *visible = new_timer(50, 0, false);
		hidden->start(hidden);
		visible->start(visible);
		async_test_logf("both started: loop alive %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		visible->stop(visible);
		async_test_logf("visible stopped: loop alive %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		visible->start(visible);
		async_test_logf("visible again: loop alive %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		async_test_run_until(&STATE_OF(visible)->done, 5000);
		LOG_EVENT("hidden", hidden);
		LOG_EVENT("visible", visible);
		ZEND_ASYNC_EVENT_RELEASE(hidden);
		ZEND_ASYNC_EVENT_RELEASE(visible);
	} else if (strcmp(s, "queue_lengths") == 0) {
		/* Timers of ever-different lengths: the queues of lengths no longer waited for go. */
		size_t before = zend_memory_usage(false);
		for (zend_ulong i = 0; i < 5000; i++) {
			zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT(1000 + i, false);
			timer->base.start(&timer->base);
			timer->base.stop(&timer->base);
			ZEND_ASYNC_EVENT_RELEASE(&timer->base);
			if ((i & 63) == 63) {
				ZEND_ASYNC_REACTOR_EXECUTE(true);
			}
		}
		ZEND_ASYNC_REACTOR_EXECUTE(true);
		size_t grown = zend_memory_usage(false) - before;
		async_test_logf("5000 lengths: memory grew %s", grown < 100000 ? "less than 100 KB" : "100 KB or more");
	} else {
		async_test_log = NULL;
		zend_argument_value_error(1, "is not a timer scenario");
		RETURN_THROWS();
	}
	async_test_log = NULL;
}

PHP_FUNCTION(async_test_timer_many)
{
	zend_long count, spread;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(count)
		Z_PARAM_LONG(spread)
	ZEND_PARSE_PARAMETERS_END();

	if (count < 1 || count > 1000000 || spread < 1) {
		zend_argument_value_error(1, "must be between 1 and 1000000, with a spread of at least 1");
		RETURN_THROWS();
	}

	zend_async_event_t **evs = safe_emalloc(count, sizeof(*evs), 0);
	for (zend_long i = 0; i < count; i++) {
		evs[i] = new_timer((zend_ulong) (1 + i % spread), 0, false);
		evs[i]->start(evs[i]);
	}
	unsigned int active_at_peak = ZEND_ASYNC_ACTIVE_EVENT_COUNT;
	bool never = false;
	async_test_run_until(&never, 30000);

	zend_long fired = 0, closed = 0;
	for (zend_long i = 0; i < count; i++) {
		fired += STATE_OF(evs[i])->fired;
		closed += ZEND_ASYNC_EVENT_IS_CLOSED(evs[i]);
		ZEND_ASYNC_EVENT_RELEASE(evs[i]);
	}
	efree(evs);

	array_init(return_value);
	add_assoc_long(return_value, "active_at_peak", active_at_peak);
	add_assoc_long(return_value, "fired", fired);
	add_assoc_long(return_value, "closed", closed);
	add_assoc_long(return_value, "active_after", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

PHP_FUNCTION(async_test_timer_churn)
{
	zend_long count;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(count)
	ZEND_PARSE_PARAMETERS_END();

	zend_long done = 0;
	for (zend_long i = 0; i < count; i++) {
		zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT(1000, false);
		if (timer == NULL) {
			RETURN_THROWS();
		}
		timer->base.start(&timer->base);
		timer->base.stop(&timer->base);
		ZEND_ASYNC_EVENT_RELEASE(&timer->base);
		/* The close callbacks run on the loop: let them, so memory goes back as it would. */
		if ((i & 63) == 63) {
			ZEND_ASYNC_REACTOR_EXECUTE(true);
		}
		done++;
	}
	ZEND_ASYNC_REACTOR_EXECUTE(true);
	RETURN_LONG(done);
}

PHP_FUNCTION(async_test_timer_abandon)
{
	zend_long count;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(count)
	ZEND_PARSE_PARAMETERS_END();

	for (zend_long i = 0; i < count; i++) {
		zend_async_event_t *ev = new_timer(60000, 0, i % 3 == 0);
		if (i % 2 == 0) {
			ev->start(ev);
		}
		/* Some with an extra owner, too. */
		if (i % 5 == 0) {
			ZEND_ASYNC_EVENT_ADD_REF(ev);
		}
	}
	RETURN_LONG(ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}
