/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Waiting on several descriptors at once (stream_select, socket_select, the ext/sockets hooks):
 * one waker, one poll event per descriptor, plus an optional timer; the first that fires wakes
 * the coroutine. The reactor's poll handle makes a descriptor O_NONBLOCK (libuv does), which
 * would change what PHP's own blocking calls on it do afterwards, so each descriptor gets its
 * file status flags back once the wait is over.
 */
#include "hooks.h"
#include <fcntl.h>

typedef struct {
	zend_coroutine_event_callback_t base;
	async_hook_fd_t *fd;   /* NULL for the timer */
	bool *timer_fired;
} fds_callback_t;

static void fds_callback_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) callback;
	(void) event; /* freed by the waiting hook, after the wait */
}

static void fds_callback_fire(zend_async_event_t *event, zend_async_event_callback_t *callback,
	void *result, zend_object *exception)
{
	fds_callback_t *cb = (fds_callback_t *) callback;
	if (cb->base.coroutine->waker->status == ZEND_ASYNC_WAKER_WAITING) {
		if (cb->fd != NULL) {
			cb->fd->triggered |= ((zend_async_poll_event_t *) event)->triggered_events;
		} else {
			*cb->timer_fired = true;
		}
	}
	zend_async_waker_callback_resolve(event, callback, result, exception);
}

static void fds_callback_init(fds_callback_t *cb, async_hook_fd_t *fd, bool *timer_fired)
{
	memset(cb, 0, sizeof(*cb));
	cb->base.base.callback = fds_callback_fire;
	cb->base.base.dispose = fds_callback_dispose;
	cb->base.base.ref_count = 1;
	cb->fd = fd;
	cb->timer_fired = timer_fired;
}

static bool attach_all(zend_coroutine_t *self, async_hook_fd_t *fds, size_t count,
	int64_t timeout_ns, fds_callback_t *callbacks, bool *timer_fired)
{
	for (size_t i = 0; i < count; i++) {
		fds[i].triggered = 0;
		fds[i].saved_flags = fcntl(fds[i].fd, F_GETFL);
		zend_async_poll_event_t *poll = ZEND_ASYNC_NEW_SOCKET_EVENT((zend_socket_t) fds[i].fd, fds[i].events);
		if (poll == NULL) {
			return false;
		}
		fds_callback_init(&callbacks[i], &fds[i], NULL);
		if (!zend_async_resume_when(self, &poll->base, true, fds_callback_fire, &callbacks[i].base)) {
			return false;
		}
	}
	if (timeout_ns >= 0) {
		zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT_NS(
			(zend_ulong) (timeout_ns / 1000000), (zend_ulong) (timeout_ns % 1000000), false);
		if (timer == NULL) {
			return false;
		}
		fds_callback_init(&callbacks[count], NULL, timer_fired);
		return zend_async_resume_when(self, &timer->base, true, fds_callback_fire, &callbacks[count].base);
	}
	return true;
}

/* Gives each descriptor back the O_NONBLOCK state it had before the wait. */
static void restore_flags(const async_hook_fd_t *fds, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (fds[i].saved_flags < 0) {
			continue;
		}
		int now = fcntl(fds[i].fd, F_GETFL);
		if (now >= 0 && (now & O_NONBLOCK) != (fds[i].saved_flags & O_NONBLOCK)) {
			fcntl(fds[i].fd, F_SETFL, (now & ~O_NONBLOCK) | (fds[i].saved_flags & O_NONBLOCK));
		}
	}
}

async_hook_wait_result_t async_hook_wait_fds(async_hook_fd_t *fds, size_t count, int64_t timeout_ns)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	fds_callback_t *callbacks = safe_emalloc(count + 1, sizeof(fds_callback_t), 0);
	bool timer_fired = false;
	async_hook_wait_result_t result;

	zend_async_waker_new(self);
	if (!attach_all(self, fds, count, timeout_ns, callbacks, &timer_fired)) {
		zend_async_waker_clean(self);
		result = ASYNC_HOOK_WAIT_FAILED;
	} else {
		ZEND_ASYNC_SUSPEND();
		if (EG(exception)) {
			result = ASYNC_HOOK_WAIT_FAILED;
		} else {
			result = timer_fired ? ASYNC_HOOK_WAIT_TIMEOUT : ASYNC_HOOK_WAIT_READY;
			for (size_t i = 0; i < count; i++) {
				if (fds[i].triggered) {
					result = ASYNC_HOOK_WAIT_READY;
				}
			}
		}
	}
	restore_flags(fds, count);
	efree(callbacks);
	return result;
}
