/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: thread events of the registered reactor (entries on the thread pool), through the public header. */
#include "async_test.h"
#include "zend_exceptions.h"
#include "test_thread_arginfo.h"
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

const zend_function_entry *async_test_thread_functions(void)
{
	return ext_functions;
}

/* Lives in the event's extra area; the entry gets it as `arg` and writes only here. */
typedef struct {
	zend_long index;
	uint64_t sum;                        /* written by the entry */
	pthread_t ran_on;                    /* written by the entry */
	zend_async_thread_event_t *seen;     /* the event the entry was given */
	int notified;
	bool done;
	bool release_in_callback;
	bool log_return;                     /* logs from the callback */
} thread_state_t;

#define STATE_OF(ev) ((thread_state_t *) ZEND_ASYNC_EVENT_EXTRA(ev))

/* For entries whose event may be freed before the scenario looks. */
static atomic_int entry_running;
static atomic_int entry_let_go;
static atomic_int entry_returned;
static atomic_int entries_run;
static int notified_total;

static void log_thrown(const char *prefix)
{
	if (EG(exception) == NULL) {
		async_test_logf("%sno exception", prefix);
		return;
	}
	zval rv;
	zval *message = zend_read_property_ex(zend_ce_exception, EG(exception), ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	async_test_logf("%s%s: %s", prefix, ZSTR_VAL(EG(exception)->ce->name), Z_STRVAL_P(message));
	zend_clear_exception();
}

/* ---- entries: on a worker thread, no Zend API ---- */

/* Sums 1..(index + 1) * 100000 into its own state. */
static void sum_entry(zend_async_thread_event_t *event, void *arg)
{
	thread_state_t *state = arg;
	uint64_t n = (uint64_t) (state->index + 1) * 100000u, sum = 0;
	for (uint64_t i = 1; i <= n; i++) {
		sum += i;
	}
	state->sum = sum;
	state->ran_on = pthread_self();
	state->seen = event;
	atomic_fetch_add(&entries_run, 1);
}

/* Holds its worker until let go, then still writes into its event's memory. */
static void held_entry(zend_async_thread_event_t *event, void *arg)
{
	thread_state_t *state = arg;
	atomic_store(&entry_running, 1);
	for (int i = 0; i < 100000 && !atomic_load(&entry_let_go); i++) {
		usleep(100);
	}
	usleep(20000);
	state->sum = 42; /* the event was released meanwhile: its memory must still be there */
	state->seen = event;
	atomic_fetch_add(&entries_run, 1);
	atomic_store(&entry_returned, 1);
}

static void counted_entry(zend_async_thread_event_t *event, void *arg)
{
	atomic_fetch_add(&entries_run, 1);
}

static void sleep_entry(zend_async_thread_event_t *event, void *arg)
{
	usleep(50000);
	atomic_fetch_add(&entries_run, 1);
}

/* ---- the loop thread ---- */

static void on_returned(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	thread_state_t *state = STATE_OF(event);
	state->notified++;
	state->done = true;
	notified_total++;
	if (state->log_return) {
		async_test_logf("entry %ld returned", (long) state->index);
	}
	if (state->release_in_callback) {
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

static zend_async_event_t *new_thread(zend_async_thread_entry_t entry, zend_long index)
{
	zend_async_thread_event_t *thread = ZEND_ASYNC_NEW_THREAD_EVENT_EX(entry, NULL, sizeof(thread_state_t));
	thread_state_t *state = STATE_OF(&thread->base);
	memset(state, 0, sizeof(*state));
	state->index = index;
	thread->arg = state;
	thread->base.add_callback(&thread->base, ZEND_ASYNC_EVENT_CALLBACK(on_returned));
	return &thread->base;
}

static void reset_counters(void)
{
	atomic_store(&entry_running, 0);
	atomic_store(&entry_let_go, 0);
	atomic_store(&entry_returned, 0);
	atomic_store(&entries_run, 0);
	notified_total = 0;
}

static bool wait_entry_running(void)
{
	for (int i = 0; i < 100000 && !atomic_load(&entry_running); i++) {
		usleep(100);
	}
	return atomic_load(&entry_running);
}

#define LOG_EVENT(what, ev) async_test_logf("%s: notified %d, finished %d, closed %d, loop_ref_count %u, active %u", \
	what, STATE_OF(ev)->notified, ((zend_async_thread_event_t *) (ev))->finished, ZEND_ASYNC_EVENT_IS_CLOSED(ev), \
	(ev)->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT)

static void scenario_one(void)
{
	reset_counters();
	zend_async_event_t *event = new_thread(sum_entry, 0);
	zend_string *info = event->info(event);
	async_test_logf("info: %s", ZSTR_VAL(info));
	zend_string_release(info);
	event->start(event);
	LOG_EVENT("started", event);
	info = event->info(event);
	async_test_logf("info: %s", ZSTR_VAL(info));
	zend_string_release(info);
	async_test_logf("ran: %s", async_test_run_until(&STATE_OF(event)->done, 10000) ? "returned" : "timed out");
	LOG_EVENT("after", event);
	async_test_logf("sum %llu, entry got its event: %s, ran off the loop thread: %s",
		(unsigned long long) STATE_OF(event)->sum, STATE_OF(event)->seen == (zend_async_thread_event_t *) event ? "yes" : "no",
		pthread_equal(STATE_OF(event)->ran_on, pthread_self()) ? "no" : "yes");
	info = event->info(event);
	async_test_logf("info: %s", ZSTR_VAL(info));
	zend_string_release(info);
	event->start(event);
	LOG_EVENT("start after it closed", event);
	ZEND_ASYNC_EVENT_RELEASE(event);
}

static void scenario_entry_null(void)
{
	zend_async_thread_event_t *thread = ZEND_ASYNC_NEW_THREAD_EVENT(NULL, NULL);
	async_test_logf("NULL entry: %s", thread == NULL ? "NULL" : "an event");
	log_thrown("  ");
}

static void scenario_dispose_before_start(void)
{
	reset_counters();
	ZEND_ASYNC_EVENT_RELEASE(new_thread(counted_entry, 0));
	async_test_logf("released before start: entries run %d, notified %d, active %u",
		atomic_load(&entries_run), notified_total, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static void scenario_dispose_while_running(void)
{
	reset_counters();
	zend_async_event_t *event = new_thread(held_entry, 0);
	event->start(event);
	async_test_logf("entry running: %s", wait_entry_running() ? "yes" : "no");
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_logf("released while running: active %u, loop alive %d", ZEND_ASYNC_ACTIVE_EVENT_COUNT,
		ZEND_ASYNC_REACTOR_LOOP_ALIVE());
	atomic_store(&entry_let_go, 1);
	/* Each turn blocks until the work comes back; its completion frees the event. */
	for (int i = 0; i < 1000 && !atomic_load(&entry_returned); i++) {
		ZEND_ASYNC_REACTOR_EXECUTE(false);
	}
	ZEND_ASYNC_REACTOR_EXECUTE(true);
	async_test_logf("entry returned: %d, notified %d", atomic_load(&entry_returned), notified_total);
}

static void scenario_dispose_in_callback(void)
{
	reset_counters();
	for (zend_long i = 0; i < 5; i++) {
		zend_async_event_t *event = new_thread(sum_entry, i);
		STATE_OF(event)->release_in_callback = true;
		event->start(event);
	}
	while (ZEND_ASYNC_REACTOR_LOOP_ALIVE()) {
		ZEND_ASYNC_REACTOR_EXECUTE(false);
	}
	async_test_logf("released in their own callbacks: entries run %d, notified %d, active %u",
		atomic_load(&entries_run), notified_total, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static void scenario_twice_owned(void)
{
	reset_counters();
	zend_async_event_t *event = new_thread(sum_entry, 1);
	ZEND_ASYNC_EVENT_ADD_REF(event);
	event->start(event);
	ZEND_ASYNC_EVENT_RELEASE(event);
	LOG_EVENT("one owner released while queued or running", event);
	async_test_run_until(&STATE_OF(event)->done, 10000);
	LOG_EVENT("the other owner still gets it", event);
	async_test_logf("sum %llu", (unsigned long long) STATE_OF(event)->sum);
	ZEND_ASYNC_EVENT_RELEASE(event);
}

static void scenario_stop_and_restart(void)
{
	reset_counters();
	zend_async_event_t *event = new_thread(sleep_entry, 0);
	event->start(event);
	event->start(event);
	LOG_EVENT("started twice", event);
	event->stop(event);
	event->stop(event);
	LOG_EVENT("stopped twice", event);
	async_test_logf("loop alive: %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
	event->start(event);
	LOG_EVENT("started again while on the pool", event);
	async_test_run_until(&STATE_OF(event)->done, 10000);
	LOG_EVENT("returned", event);
	ZEND_ASYNC_EVENT_RELEASE(event);

	/* Stopped and left: the entry still returns and whoever is subscribed hears of it. */
	event = new_thread(counted_entry, 0);
	event->start(event);
	event->stop(event);
	while (!STATE_OF(event)->done) {
		ZEND_ASYNC_REACTOR_EXECUTE(false); /* blocks until the work comes back */
	}
	LOG_EVENT("stopped, then the entry returned", event);
	async_test_logf("entries run in all: %d", atomic_load(&entries_run));
	ZEND_ASYNC_EVENT_RELEASE(event);
}

static void scenario_cancel_queued(void)
{
	/* Run with UV_THREADPOOL_SIZE=1: the held entry has the only worker. */
	reset_counters();
	zend_async_event_t *held = new_thread(held_entry, 0);
	held->start(held);
	async_test_logf("the worker is held: %s", wait_entry_running() ? "yes" : "no");
	zend_async_event_t *queued = new_thread(counted_entry, 1);
	queued->start(queued);
	zend_async_event_t *after = new_thread(counted_entry, 2);
	after->start(after);
	ZEND_ASYNC_EVENT_RELEASE(queued);
	async_test_logf("queued one released: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	atomic_store(&entry_let_go, 1);
	/* The pool runs in order: once the later one has returned, the released one would have run. */
	async_test_run_until(&STATE_OF(held)->done, 10000);
	async_test_run_until(&STATE_OF(after)->done, 10000);
	async_test_logf("entries run: %d (the held one and the later one), notified %d", atomic_load(&entries_run),
		notified_total);
	ZEND_ASYNC_EVENT_RELEASE(held);
	ZEND_ASYNC_EVENT_RELEASE(after);
}

static void scenario_abandoned(void)
{
	/* Left to the end of the request: the running entries are waited for, the queued ones
	 * cancelled, nobody is notified (the callbacks would log into an array that is gone by
	 * then), and everything is freed. */
	reset_counters();
	for (zend_long i = 0; i < 8; i++) {
		zend_async_event_t *event = new_thread(sleep_entry, i);
		STATE_OF(event)->log_return = true;
		event->start(event);
	}
	async_test_logf("left entries on the pool: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static const struct {
	const char *name;
	void (*run)(void);
} scenarios[] = {
	{"one", scenario_one},
	{"entry_null", scenario_entry_null},
	{"dispose_before_start", scenario_dispose_before_start},
	{"dispose_while_running", scenario_dispose_while_running},
	{"dispose_in_callback", scenario_dispose_in_callback},
	{"twice_owned", scenario_twice_owned},
	{"stop_and_restart", scenario_stop_and_restart},
	{"cancel_queued", scenario_cancel_queued},
	{"abandoned", scenario_abandoned},
};

PHP_FUNCTION(async_test_thread_scenario)
{
	zend_string *name;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();

	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		if (zend_string_equals_cstr(name, scenarios[i].name, strlen(scenarios[i].name))) {
			array_init(return_value);
			async_test_log = return_value;
			scenarios[i].run();
			async_test_log = NULL;
			return;
		}
	}
	zend_argument_value_error(1, "is not a thread scenario");
	RETURN_THROWS();
}

PHP_FUNCTION(async_test_thread_many)
{
	zend_long count;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(count)
	ZEND_PARSE_PARAMETERS_END();

	if (count < 1 || count > 10000) {
		zend_argument_value_error(1, "must be between 1 and 10000");
		RETURN_THROWS();
	}

	reset_counters();
	zend_async_event_t **events = safe_emalloc(count, sizeof(*events), 0);
	for (zend_long i = 0; i < count; i++) {
		events[i] = new_thread(sum_entry, i);
		events[i]->start(events[i]);
	}
	unsigned int active_at_peak = ZEND_ASYNC_ACTIVE_EVENT_COUNT;
	bool never = false;
	async_test_run_until(&never, 30000);

	zend_long finished = 0, closed = 0, notified_once = 0, sums_right = 0, off_loop = 0, own_event = 0;
	for (zend_long i = 0; i < count; i++) {
		thread_state_t *state = STATE_OF(events[i]);
		uint64_t n = (uint64_t) (i + 1) * 100000u;
		finished += ((zend_async_thread_event_t *) events[i])->finished;
		closed += ZEND_ASYNC_EVENT_IS_CLOSED(events[i]);
		notified_once += state->notified == 1;
		sums_right += state->sum == n * (n + 1) / 2;
		off_loop += !pthread_equal(state->ran_on, pthread_self());
		own_event += state->seen == (zend_async_thread_event_t *) events[i];
		ZEND_ASYNC_EVENT_RELEASE(events[i]);
	}
	efree(events);

	array_init(return_value);
	add_assoc_long(return_value, "active_at_peak", active_at_peak);
	add_assoc_long(return_value, "finished", finished);
	add_assoc_long(return_value, "closed", closed);
	add_assoc_long(return_value, "notified_once", notified_once);
	add_assoc_long(return_value, "sums_right", sums_right);
	add_assoc_long(return_value, "ran_off_the_loop_thread", off_loop);
	add_assoc_long(return_value, "entry_got_its_event", own_event);
	add_assoc_long(return_value, "active_after", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}
