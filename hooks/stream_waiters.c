/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * A stream closed by one coroutine while others wait on it: the one rule for socket streams
 * (xport_stream.c) and pipe streams (pipe_stream.c).
 *
 * PHP's close frees the php_stream at once, but a coroutine suspended in its read (write, accept,
 * recvfrom) is still inside PHP's stream functions, which touch the stream again when the wait
 * ends. So every wait registers here (the waiter lives on its C stack), and the stream's close op,
 * before PHP's:
 *   - marks the stream closing: no new wait begins;
 *   - wakes the waiters; each sees the mark and fails as its operation does on a closed
 *     descriptor (EBADF), with PHP's own warning or notice for it;
 *   - when it runs in a coroutine, suspends until all of them have left the stream's code. An
 *     exception pending when the close began, or thrown into the closer meanwhile (a
 *     cancellation), cannot stop the close: the first is thrown once the close is done, with any
 *     later one as its previous.
 * Code that cannot suspend (request shutdown, a destructor the scheduler runs) only marks and
 * wakes; the stream's record is then freed by the last waiter to leave (stream_close.c refuses an
 * fclose() there that would free a stream under its waiters).
 */
#include "hooks.h"
#include "zend_exceptions.h"

void async_stream_waiters_init(async_stream_waiters_t *waiters)
{
	async_list_init(&waiters->list);
	waiters->closer = NULL;
	waiters->closing = false;
}

bool async_stream_waiters_enter(async_stream_waiters_t *waiters, async_stream_waiter_t *waiter, int use)
{
	if (waiters->closing) {
		return false;
	}
	waiter->coroutine = ZEND_ASYNC_CURRENT_COROUTINE;
	waiter->use = use;
	async_list_append(&waiters->list, &waiter->in_list);
	return true;
}

bool async_stream_waiters_leave(async_stream_waiters_t *waiters, async_stream_waiter_t *waiter)
{
	async_list_remove(&waiters->list, &waiter->in_list);
	if (!async_list_empty(&waiters->list) || !waiters->closing) {
		return false;
	}
	if (waiters->closer != NULL) {
		ZEND_ASYNC_RESUME(waiters->closer); /* it frees the record */
		return false;
	}
	return true; /* closed where nobody could wait: the last to leave frees the record */
}

bool async_stream_waiters_in_use(const async_stream_waiters_t *waiters, int use)
{
	ASYNC_LIST_FOREACH(&waiters->list, node) {
		if (ASYNC_LIST_ENTRY(node, async_stream_waiter_t, in_list)->use == use) {
			return true;
		}
	}
	return false;
}

bool async_stream_waiters_would_strand(const async_stream_waiters_t *waiters)
{
	return !async_list_empty(&waiters->list) && !async_hook_in_coroutine();
}

/* The exception the close keeps for its end: the first, with later ones as its previous. */
static void keep_exception(zend_object **kept)
{
	zend_object *exception = EG(exception);
	if (exception == NULL) {
		return;
	}
	GC_ADDREF(exception);
	zend_clear_exception();
	if (*kept == NULL) {
		*kept = exception;
	} else {
		zend_exception_set_previous(*kept, exception);
	}
}

bool async_stream_waiters_close(async_stream_waiters_t *waiters)
{
	waiters->closing = true;
	if (async_list_empty(&waiters->list)) {
		return true;
	}
	ASYNC_LIST_FOREACH(&waiters->list, node) {
		ZEND_ASYNC_RESUME(ASYNC_LIST_ENTRY(node, async_stream_waiter_t, in_list)->coroutine);
	}
	if (!async_hook_in_coroutine()) {
		return false;
	}
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	zend_object *kept = NULL;
	keep_exception(&kept);
	waiters->closer = self;
	while (!async_list_empty(&waiters->list)) {
		zend_async_waker_new(self);
		ZEND_ASYNC_SUSPEND(); /* a plain wait: the last waiter to leave resumes it */
		keep_exception(&kept);
	}
	waiters->closer = NULL;
	if (kept != NULL) {
		zend_throw_exception_internal(kept);
	}
	return true;
}
