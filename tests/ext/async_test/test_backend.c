/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The test backend: a minimal reactor of its own, registered as a third-party extension would
 * (zend_async_reactor_register from MINIT or later). Its timers fire on the next execute().
 * Every other entry is left NULL, so the engine's defaults answer for it.
 */
#include "async_test.h"

typedef struct _test_timer_s test_timer_t;

struct _test_timer_s {
	zend_async_timer_event_t event; /* the ABI struct first */
	test_timer_t *prev, *next;      /* the list of armed timers */
	uint32_t magic;
};

#define TEST_TIMER_MAGIC 0x7e577e57u

uint32_t async_test_live_events = 0;
static test_timer_t *armed_head = NULL;

size_t async_test_timer_impl_size(void)
{
	return sizeof(test_timer_t);
}

static void armed_unlink(test_timer_t *timer)
{
	if (timer->prev) { timer->prev->next = timer->next; } else if (armed_head == timer) { armed_head = timer->next; }
	if (timer->next) { timer->next->prev = timer->prev; }
	timer->prev = timer->next = NULL;
}

static bool test_timer_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	test_timer_t *timer = (test_timer_t *) event;
	timer->next = armed_head;
	if (armed_head) { armed_head->prev = timer; }
	armed_head = timer;
	EVENT_START_EPILOGUE(event);
	return true;
}

static bool test_timer_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	armed_unlink((test_timer_t *) event);
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static bool test_timer_add_callback(zend_async_event_t *event, zend_async_event_callback_t *callback)
{
	return zend_async_callbacks_push(event, callback);
}

static bool test_timer_del_callback(zend_async_event_t *event, zend_async_event_callback_t *callback)
{
	return zend_async_callbacks_remove(event, callback);
}

static bool test_timer_dispose(zend_async_event_t *event)
{
	if (ZEND_ASYNC_EVENT_REF(event) > 1) {
		ZEND_ASYNC_EVENT_DEL_REF(event);
		return true;
	}

	if (event->loop_ref_count > 0) {
		event->loop_ref_count = 1;
		event->stop(event);
	}

	zend_async_callbacks_free(event);

	test_timer_t *timer = (test_timer_t *) event;
	ZEND_ASSERT(timer->magic == TEST_TIMER_MAGIC);
	timer->magic = 0;
	async_test_live_events--;
	if (async_test_log) {
		async_test_logf("dispose");
	}
	efree(timer);
	return true;
}

static zend_string *test_timer_info(zend_async_event_t *event)
{
	return zend_strpprintf(0, "test timer %u ms", ((zend_async_timer_event_t *) event)->timeout);
}

zend_async_timer_event_t *async_test_new_timer_event(const zend_ulong timeout, const zend_ulong nanoseconds,
	const bool is_periodic, size_t extra_size)
{
	(void) nanoseconds;
	test_timer_t *timer = ecalloc(1, sizeof(test_timer_t) + extra_size);

	timer->magic = TEST_TIMER_MAGIC;
	timer->event.base.extra_offset = sizeof(test_timer_t);
	timer->event.base.ref_count = 1;
	timer->event.base.add_callback = test_timer_add_callback;
	timer->event.base.del_callback = test_timer_del_callback;
	timer->event.base.start = test_timer_start;
	timer->event.base.stop = test_timer_stop;
	timer->event.base.dispose = test_timer_dispose;
	timer->event.base.info = test_timer_info;
	timer->event.timeout = (unsigned int) timeout;
	timer->event.is_periodic = is_periodic;
	async_test_live_events++;
	return &timer->event;
}

static bool test_startup(void) { return true; }

static bool test_shutdown(void)
{
	/* Whatever is still armed at the end is disarmed; its owner still disposes it. */
	while (armed_head != NULL) {
		test_timer_t *timer = armed_head;
		timer->event.base.loop_ref_count = 1;
		timer->event.base.stop(&timer->event.base);
	}
	return true;
}

/* Fires every timer armed when the call began; one-shot timers close before they notify. */
static bool test_execute(bool no_wait)
{
	(void) no_wait;
	uint32_t count = 0;
	for (test_timer_t *t = armed_head; t != NULL; t = t->next) {
		count++;
	}
	if (count == 0) {
		return false;
	}

	test_timer_t **due = safe_emalloc(count, sizeof(*due), 0);
	uint32_t n = 0;
	for (test_timer_t *t = armed_head; t != NULL; t = t->next) {
		due[n++] = t;
		ZEND_ASYNC_EVENT_ADD_REF(&t->event.base); /* alive until we are done with it */
	}

	for (uint32_t i = 0; i < n; i++) {
		zend_async_event_t *event = &due[i]->event.base;
		if (!EG(exception) && event->loop_ref_count > 0) {
			if (!due[i]->event.is_periodic) {
				zend_async_event_close(event);
			}
			ZEND_ASYNC_CALLBACKS_NOTIFY(event, NULL, NULL);
		}
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
	efree(due);
	return armed_head != NULL && ZEND_ASYNC_ACTIVE_EVENT_COUNT > 0;
}

static bool test_loop_alive(void)
{
	return armed_head != NULL && ZEND_ASYNC_ACTIVE_EVENT_COUNT > 0;
}

/* The core keeps the module pointer, so names must outlive the registration. */
static char module_async_test[] = "async_test";
static char module_async_test_other[] = "async_test_other";

char *async_test_module_name(const char *module)
{
	if (strcmp(module, module_async_test) == 0) {
		return module_async_test;
	}
	if (strcmp(module, module_async_test_other) == 0) {
		return module_async_test_other;
	}
	return NULL;
}

bool async_test_backend_register(const char *module, bool allow_override)
{
	return zend_async_reactor_register(async_test_module_name(module), allow_override,
		test_startup, test_shutdown, test_execute, test_loop_alive,
		NULL, NULL, async_test_new_timer_event, NULL, NULL, NULL, NULL,
		NULL, NULL, NULL, NULL, NULL);
}
