/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Waiting for a socket from the transport hooks: a deadline that spans retries, and a wait that
 * returns at once when the socket is ready already (so PHP's code that runs next cannot block).
 */
#include "xport.h"
#include <time.h>

/* A timeout longer than this (a century) is no deadline: adding it to the clock or counting it in
 * nanoseconds would overflow (stream_set_timeout($s, PHP_INT_MAX) timed out at once), and stock
 * PHP, whose own conversion to milliseconds overflows, waits as good as for ever too. */
#define DEADLINE_MAX_SECONDS ((time_t) 100 * 366 * 24 * 3600)

void async_xport_deadline_init(async_xport_deadline_t *deadline, const struct timeval *timeout)
{
	deadline->infinite = timeout == NULL || timeout->tv_sec < 0 || timeout->tv_sec > DEADLINE_MAX_SECONDS;
	if (deadline->infinite) {
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &deadline->at);
	deadline->at.tv_sec += timeout->tv_sec;
	deadline->at.tv_nsec += (long) timeout->tv_usec * 1000;
	if (deadline->at.tv_nsec >= 1000000000L) {
		deadline->at.tv_sec++;
		deadline->at.tv_nsec -= 1000000000L;
	}
}

zend_long async_xport_deadline_left_ms(const async_xport_deadline_t *deadline)
{
	if (deadline->infinite) {
		return -1;
	}
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	zend_long left_ns = (zend_long) (deadline->at.tv_sec - now.tv_sec) * 1000000000L
		+ (deadline->at.tv_nsec - now.tv_nsec);
	if (left_ns <= 0) {
		return 0;
	}
	return (left_ns + 999999) / 1000000; /* rounded up: never wake just before the deadline */
}

async_hook_wait_result_t async_xport_wait_ready(php_socket_t fd, async_poll_event events,
	const async_xport_deadline_t *deadline)
{
	int poll_events = ((events & ASYNC_READABLE) ? PHP_POLLREADABLE : 0) | ((events & ASYNC_WRITABLE) ? POLLOUT : 0);

	for (;;) {
		int ready = php_pollfd_for_ms(fd, poll_events, 0);
		if (ready > 0 || (ready < 0 && php_socket_errno() != EINTR)) {
			return ASYNC_HOOK_WAIT_READY; /* an error: PHP's code that runs next reports it */
		}
		zend_long left = async_xport_deadline_left_ms(deadline);
		if (left == 0) {
			return ASYNC_HOOK_WAIT_TIMEOUT;
		}
		async_hook_wait_result_t result = async_hook_wait_fd(fd, true, events, left, NULL);
		if (result != ASYNC_HOOK_WAIT_READY) {
			return result;
		}
	}
}

/* The stream's kept poll event for this use in *poll (NULL: make one for this wait); false with
 * an exception on failure. A stream keeps the events of its reader and its writer from the first
 * wait to its close (in its record): a reader that waits before every read would otherwise make and
 * free an event per wait, and the reactor its handle and epoll registration. The record lets one
 * reader and one writer wait at a time, so each event has one waiter at most. Shared waits
 * (accept, datagrams) and persistent streams, which outlive the request's events, make an event
 * per wait. */
static bool kept_poll(async_xport_stream_t *record, async_xport_use_t use, php_socket_t fd,
	async_poll_event events, zend_async_poll_event_t **poll)
{
	*poll = NULL;
	zend_async_poll_event_t **slot = async_xport_stream_kept_poll(record, use);
	if (slot == NULL) {
		return true;
	}
	if (*slot != NULL && (*slot)->events != events) { /* TLS may wait for the other direction */
		ZEND_ASYNC_EVENT_RELEASE(&(*slot)->base);
		*slot = NULL;
	}
	if (*slot == NULL) {
		*slot = ZEND_ASYNC_NEW_SOCKET_EVENT((zend_socket_t) fd, events);
		if (*slot == NULL) {
			return false;
		}
		/* Released by our close op before PHP's closes the socket (async_xport_stream_close). */
		ZEND_ASYNC_POLL_SET_OWNER_CLOSES(&(*slot)->base);
	}
	*poll = *slot;
	return true;
}

/* Waits on the stream's socket, registered in its record. `try_first`: a look without waiting
 * first, so READY means ready (PHP's code that runs next cannot block); without it the caller just got
 * "would block" and READY means "woken: try again" (the operation itself says if it was). */
static async_xport_wait_result_t wait_stream(php_stream *stream, async_xport_stream_t **record,
	async_xport_use_t use, async_poll_event events, const async_xport_deadline_t *deadline, bool try_first)
{
	php_socket_t fd = ((php_netstream_data_t *) stream->abstract)->socket;
	async_xport_waiter_t waiter;
	async_xport_wait_result_t result;

	switch (async_xport_stream_enter(stream, record, &waiter, use)) {
		case ASYNC_XPORT_ENTER_CLOSING:
			*record = NULL;
			return ASYNC_XPORT_CLOSED;
		case ASYNC_XPORT_ENTER_BUSY:
			return ASYNC_XPORT_FAILED;
		default:
			break;
	}
	for (;;) {
		if (try_first) {
			async_xport_deadline_t now_only;
			async_xport_deadline_init(&now_only, &(struct timeval) { 0, 0 });
			if (async_xport_wait_ready(fd, events, &now_only) == ASYNC_HOOK_WAIT_READY) {
				result = ASYNC_XPORT_READY;
				break;
			}
		}
		zend_long left = async_xport_deadline_left_ms(deadline);
		if (left == 0) {
			result = ASYNC_XPORT_TIMEOUT;
			break;
		}
		zend_async_poll_event_t *poll;
		if (!kept_poll(*record, use, fd, events, &poll)) {
			result = ASYNC_XPORT_FAILED;
			break;
		}
		async_xport_stream_note_suspension(*record);
		async_hook_wait_result_t waited = poll != NULL
			? async_hook_wait_poll(poll, left)
			: async_hook_wait_fd(fd, true, events, left, NULL);
		if (async_xport_stream_closing(*record)) {
			result = ASYNC_XPORT_CLOSED;
			break;
		}
		if (waited == ASYNC_HOOK_WAIT_FAILED) {
			result = ASYNC_XPORT_FAILED;
			break;
		}
		if (!try_first) {
			result = waited == ASYNC_HOOK_WAIT_TIMEOUT ? ASYNC_XPORT_TIMEOUT : ASYNC_XPORT_READY;
			break;
		}
		/* ready, timed out or woken: the next turn looks again */
	}
	if (async_xport_stream_leave(stream, *record, &waiter) || result == ASYNC_XPORT_CLOSED) {
		*record = NULL; /* gone, or the closer frees it once it runs */
	}
	return result;
}

async_xport_wait_result_t async_xport_wait_stream(php_stream *stream, async_xport_stream_t **record,
	async_xport_use_t use, async_poll_event events, const async_xport_deadline_t *deadline)
{
	return wait_stream(stream, record, use, events, deadline, true);
}

async_xport_wait_result_t async_xport_wait_again(php_stream *stream, async_xport_stream_t **record,
	async_xport_use_t use, async_poll_event events, const async_xport_deadline_t *deadline)
{
	return wait_stream(stream, record, use, events, deadline, false);
}
