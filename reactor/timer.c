/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Timer events, one-shot or periodic. A one-shot timer closes (stop, then CLOSED) before it
 * notifies. Structs without extra_size come from a pool.
 *
 * A one-shot timer is a timeout in the queue of its length (timer_queue.c): no libuv handle of
 * its own, so its memory goes as soon as its owner lets go, and it never fires before its
 * deadline on the precise monotonic clock; equal timers fire in the order they were started.
 * A periodic timer has its own uv_timer_t.
 */
#include "reactor.h"

typedef struct {
	zend_async_timer_event_t event; /* the ABI struct first */
	async_uv_event_t common;
	union {
		uv_timer_t handle;               /* periodic */
		async_uv_timeout_t timeout;      /* one-shot */
	};
	uint64_t timeout_ms;             /* the full value; event.timeout saturates at UINT_MAX */
	uint32_t loop_generation;        /* one-shot: the loop it was made in */
	size_t extra_size;
} async_uv_timer_t;

#define timer_pool ASYNC_G(reactor.timer_pool)

#define TIMER_OF(ev) ((async_uv_timer_t *) (ev))
#define TIMER_OF_TIMEOUT(t) ASYNC_LIST_ENTRY(t, async_uv_timer_t, timeout)

static void on_periodic(uv_timer_t *handle)
{
	ASYNC_UV_NOTIFY(((async_uv_event_t *) handle->data)->event, NULL, NULL);
}

static void on_expired(async_uv_timeout_t *timeout)
{
	zend_async_event_t *event = &TIMER_OF_TIMEOUT(timeout)->event.base;
	zend_async_event_close(event);
	ASYNC_UV_NOTIFY(event, NULL, NULL);
}

static bool throw_loop_gone(void)
{
	zend_throw_error(NULL, "Cannot start a timer after the event loop has shut down");
	return false;
}

static bool timer_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_timer_t *timer = TIMER_OF(event);

	if (!timer->event.is_periodic) {
		if (timer->loop_generation != async_uv_loop_generation() || !async_uv_loop_started()) {
			return throw_loop_gone();
		}
		async_uv_timeout_add(&timer->timeout, timer->timeout_ms, !ZEND_ASYNC_EVENT_IS_HIDDEN(event), on_expired);
		EVENT_START_EPILOGUE(event);
		return true;
	}

	if (!(timer->common.state & ASYNC_UV_HANDLE_OPEN)) {
		return throw_loop_gone();
	}
	async_uv_event_sync_ref(&timer->common);
	/* libuv does not repeat with a period of 0: a periodic timer ticks at least every 1 ms. */
	uint64_t repeat = MAX(timer->timeout_ms, 1);
	/* libuv counts from the loop's clock, last read when the loop last ran: after PHP code ran a
	 * while without entering the loop, the timer would fire early by that while. */
	uv_update_time(timer->handle.loop);
	int error = uv_timer_start(&timer->handle, on_periodic, timer->timeout_ms, repeat);
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
	if (!timer->event.is_periodic) {
		async_uv_timeout_remove(&timer->timeout);
	} else if (timer->common.state & ASYNC_UV_HANDLE_OPEN) {
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
	if (is_periodic) {
		uv_timer_init(loop, &timer->handle); /* cannot fail */
		async_uv_event_set_handle(&timer->common, (uv_handle_t *) &timer->handle);
	} else {
		timer->timeout.queue = NULL;
		timer->loop_generation = async_uv_loop_generation();
	}
	return &timer->event;
}

void async_uv_timer_pool_stats(uint64_t *reused, uint64_t *allocated)
{
	*reused = timer_pool.reused;
	*allocated = timer_pool.allocated;
}

/* A one-shot timer still queued when the loop shuts down is stopped, as the handles of the
 * other events are (async_uv_close_all_handles). */
static void stop_queued(async_uv_timeout_t *timeout)
{
	async_event_stop_all(&TIMER_OF_TIMEOUT(timeout)->event.base);
}

void async_uv_timer_loop_shutdown(void)
{
	async_uv_timeout_queues_close(stop_queued);
}

void async_uv_timer_request_shutdown(void)
{
	async_uv_pool_drain(&timer_pool);
}
