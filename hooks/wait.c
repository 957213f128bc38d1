/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * How a hook waits: the running coroutine attaches an fd poll event and/or a timer to its waker
 * and suspends; others run meanwhile. The callbacks live on the hook's C stack: the scheduler
 * detaches every callback before ZEND_ASYNC_SUSPEND() returns.
 */
#include "hooks.h"

typedef struct {
	zend_coroutine_event_callback_t base;
	bool fired;
	async_poll_event triggered;
} hook_callback_t;

static void hook_callback_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) callback;
	(void) event; /* on the hook's stack */
}

static void hook_callback_fire(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	hook_callback_t *cb = (hook_callback_t *) callback;
	if (cb->base.coroutine->waker->status == ZEND_ASYNC_WAKER_WAITING) {
		cb->fired = true;
	}
	zend_async_waker_callback_resolve(event, callback, result, exception);
}

static void hook_callback_init(hook_callback_t *cb)
{
	memset(cb, 0, sizeof(*cb));
	cb->base.base.callback = hook_callback_fire;
	cb->base.base.dispose = hook_callback_dispose;
	cb->base.base.ref_count = 1;
}

static async_hook_wait_result_t suspend_and_classify(hook_callback_t *ready, hook_callback_t *timer)
{
	ZEND_ASYNC_SUSPEND();
	if (EG(exception)) {
		return ASYNC_HOOK_WAIT_FAILED;
	}
	if (ready != NULL && ready->fired) {
		return ASYNC_HOOK_WAIT_READY;
	}
	if (timer != NULL && timer->fired) {
		return ready != NULL ? ASYNC_HOOK_WAIT_TIMEOUT : ASYNC_HOOK_WAIT_READY;
	}
	return ASYNC_HOOK_WAIT_READY; /* woken by someone else: the caller retries its operation */
}

/* Attaches a one-shot timer of ms+ns to the current wait; false with an exception on failure. */
static bool attach_timer(zend_coroutine_t *self, zend_ulong ms, zend_ulong ns, hook_callback_t *cb)
{
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT_NS(ms, ns, false);
	if (timer == NULL) {
		return false;
	}
	hook_callback_init(cb);
	return zend_async_resume_when(self, &timer->base, true, hook_callback_fire, &cb->base);
}

async_hook_wait_result_t async_hook_sleep(zend_ulong ms, zend_ulong ns)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	hook_callback_t timer_cb;

	zend_async_waker_new(self);
	if (!attach_timer(self, ms, ns, &timer_cb)) {
		zend_async_waker_clean(self);
		return ASYNC_HOOK_WAIT_FAILED;
	}
	return suspend_and_classify(NULL, &timer_cb);
}

static void poll_callback_fire(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	hook_callback_t *cb = (hook_callback_t *) callback;
	if (cb->base.coroutine->waker->status == ZEND_ASYNC_WAKER_WAITING) {
		cb->fired = true;
		cb->triggered = ((zend_async_poll_event_t *) event)->triggered_events;
	}
	zend_async_waker_callback_resolve(event, callback, result, exception);
}

/* `owned`: the wait takes over the caller's reference (a poll event made for this one wait). */
static async_hook_wait_result_t wait_poll(zend_async_poll_event_t *poll, bool owned, zend_long timeout_ms,
	async_poll_event *triggered)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	hook_callback_t poll_cb, timer_cb;

	hook_callback_init(&poll_cb);
	poll_cb.base.base.callback = poll_callback_fire; /* a caller-built callback keeps its own function */
	if (!zend_async_resume_when(self, &poll->base, owned, poll_callback_fire, &poll_cb.base)) {
		zend_async_waker_clean(self);
		return ASYNC_HOOK_WAIT_FAILED;
	}
	if (timeout_ms >= 0 && !attach_timer(self, (zend_ulong) timeout_ms, 0, &timer_cb)) {
		zend_async_waker_clean(self);
		return ASYNC_HOOK_WAIT_FAILED;
	}
	async_hook_wait_result_t result = suspend_and_classify(&poll_cb, timeout_ms >= 0 ? &timer_cb : NULL);
	if (triggered != NULL) {
		*triggered = poll_cb.triggered;
	}
	return result;
}

async_hook_wait_result_t async_hook_wait_fd(php_socket_t fd, bool is_socket, async_poll_event events,
	zend_long timeout_ms, async_poll_event *triggered)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;

	zend_async_waker_new(self);
	zend_async_poll_event_t *poll = is_socket
		? ZEND_ASYNC_NEW_SOCKET_EVENT((zend_socket_t) fd, events)
		: ZEND_ASYNC_NEW_POLL_EVENT((zend_file_descriptor_t) fd, 0, events);
	if (poll == NULL) {
		zend_async_waker_clean(self);
		return ASYNC_HOOK_WAIT_FAILED;
	}
	return wait_poll(poll, true, timeout_ms, triggered);
}

async_hook_wait_result_t async_hook_wait_poll(zend_async_poll_event_t *poll, zend_long timeout_ms)
{
	zend_async_waker_new(ZEND_ASYNC_CURRENT_COROUTINE);
	return wait_poll(poll, false, timeout_ms, NULL);
}
