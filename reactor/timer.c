/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Timer events: uv_timer_t, one-shot or periodic. A one-shot timer closes (stop, then CLOSED)
 * before it notifies. Structs without extra_size come from a pool.
 *
 * A one-shot timer never fires early. libuv counts in whole milliseconds of a clock it reads
 * truncated (and may read from CLOCK_MONOTONIC_COARSE): a 2 ms timer started 0.7 ms into a
 * millisecond came due 1.3 ms later. So a one-shot timer also keeps its deadline on the precise
 * monotonic clock (the one hrtime() reads), is given to libuv as due at the first loop-clock
 * millisecond not before it (so equal timers fire in the order they were started), and when libuv
 * still calls it before that deadline it waits again for what is left, rounded up to a millisecond.
 */
#include "reactor.h"

typedef struct {
	zend_async_timer_event_t event; /* the ABI struct first */
	async_uv_event_t common;
	uv_timer_t handle;
	uint64_t timeout_ms;             /* the full value; event.timeout saturates at UINT_MAX */
	uint64_t deadline_ns;            /* one-shot: uv_hrtime() it must not fire before */
	size_t extra_size;
} async_uv_timer_t;

#define timer_pool ASYNC_G(reactor.timer_pool)

#define TIMER_OF(ev) ((async_uv_timer_t *) (ev))

static void on_timer(uv_timer_t *handle)
{
	async_uv_timer_t *timer = (async_uv_timer_t *) ((async_uv_event_t *) handle->data)->event;
	zend_async_event_t *event = &timer->event.base;

	if (!timer->event.is_periodic) {
		uint64_t now = uv_hrtime();
		if (UNEXPECTED(now < timer->deadline_ns)) {
			uv_update_time(handle->loop);
			if (uv_timer_start(handle, on_timer, (timer->deadline_ns - now + 999999) / 1000000, 0) == 0) {
				return;
			}
		}
		zend_async_event_close(event);
	}
	ASYNC_UV_NOTIFY(event, NULL, NULL);
}

static bool timer_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_timer_t *timer = TIMER_OF(event);

	if (!(timer->common.state & ASYNC_UV_HANDLE_OPEN)) {
		zend_throw_error(NULL, "Cannot start a timer after the event loop has shut down");
		return false;
	}
	async_uv_event_sync_ref(&timer->common);
	/* libuv does not repeat with a period of 0: a periodic timer ticks at least every 1 ms. */
	uint64_t repeat = timer->event.is_periodic ? MAX(timer->timeout_ms, 1) : 0;
	/* libuv counts from the loop's clock, last read when the loop last ran: after PHP code ran a
	 * while without entering the loop, the timer would fire early by that while. */
	uv_update_time(timer->handle.loop);
	uint64_t now = uv_hrtime();
	timer->deadline_ns = timer->timeout_ms > (UINT64_MAX - now) / 1000000 ? UINT64_MAX : now + timer->timeout_ms * 1000000;
	uint64_t timeout = timer->timeout_ms;
	if (!timer->event.is_periodic && timer->deadline_ns != UINT64_MAX) {
		/* Due at the first millisecond of the loop's clock (the same monotonic clock, read coarsely
		 * and truncated) that is not before the deadline, rather than loop time + timeout: a loop
		 * clock lagging behind would make the timer come due early and start again (on_timer),
		 * behind timers of the same length started after it. So equal timers fire in the order
		 * they were started. */
		uint64_t due_ms = (timer->deadline_ns + 999999) / 1000000;
		uint64_t loop_ms = uv_now(timer->handle.loop);
		timeout = due_ms > loop_ms ? due_ms - loop_ms : 0;
	}
	int error = uv_timer_start(&timer->handle, on_timer, timeout, repeat);
	if (error < 0) {
		async_uv_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, error, "Cannot start the timer");
		return false;
	}
	EVENT_START_EPILOGUE(event);
	return true;
}

static bool timer_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	async_uv_timer_t *timer = TIMER_OF(event);
	if (timer->common.state & ASYNC_UV_HANDLE_OPEN) {
		uv_timer_stop(&timer->handle);
	}
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static void timer_free_memory(zend_async_event_t *event)
{
	async_uv_timer_t *timer = TIMER_OF(event);
	async_uv_pool_free(&timer_pool, timer, timer->extra_size);
}

static bool timer_dispose(zend_async_event_t *event)
{
	return async_uv_event_dispose(event, &TIMER_OF(event)->common);
}

static zend_string *timer_info(zend_async_event_t *event)
{
	async_uv_timer_t *timer = TIMER_OF(event);
	return zend_strpprintf(0, "%s timer of %" PRIu64 " ms", timer->event.is_periodic ? "periodic" : "one-shot",
		timer->timeout_ms);
}

/* Milliseconds plus nanoseconds, the nanoseconds rounded up to a whole millisecond. */
static uint64_t total_ms(zend_ulong timeout, zend_ulong nanoseconds)
{
	uint64_t ms = (uint64_t) timeout;
	uint64_t from_ns = (uint64_t) nanoseconds / 1000000u + ((uint64_t) nanoseconds % 1000000u != 0);
	return ms > UINT64_MAX - from_ns ? UINT64_MAX : ms + from_ns;
}

static const async_uv_event_ops_t timer_ops = {timer_start, timer_stop, timer_dispose, timer_info};

zend_async_timer_event_t *async_uv_new_timer_event(const zend_ulong timeout, const zend_ulong nanoseconds,
	const bool is_periodic, size_t extra_size)
{
	uv_loop_t *loop = async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}
	if (timer_pool.capacity == 0 && async_reactor_settings.timer_pool_size > 0) {
		timer_pool.capacity = (uint32_t) async_reactor_settings.timer_pool_size;
	}

	async_uv_timer_t *timer = async_uv_pool_alloc(&timer_pool, sizeof(async_uv_timer_t), extra_size);
	zend_async_event_t *base = &timer->event.base;

	async_uv_event_setup(base, sizeof(async_uv_timer_t), &timer_ops);
	timer->extra_size = extra_size;
	timer->timeout_ms = total_ms(timeout, nanoseconds);
	timer->event.timeout = timer->timeout_ms > UINT_MAX ? UINT_MAX : (unsigned int) timer->timeout_ms;
	timer->event.is_periodic = is_periodic;

	async_uv_event_init(&timer->common, base, NULL, timer_free_memory);
	uv_timer_init(loop, &timer->handle); /* cannot fail */
	async_uv_event_set_handle(&timer->common, (uv_handle_t *) &timer->handle);
	return &timer->event;
}

void async_uv_timer_pool_stats(uint64_t *reused, uint64_t *allocated)
{
	*reused = timer_pool.reused;
	*allocated = timer_pool.allocated;
}

void async_uv_timer_request_shutdown(void)
{
	async_uv_pool_drain(&timer_pool);
}
