/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * A stream closed by one coroutine while others wait on it.
 *
 * fclose() frees the php_stream at once, but a coroutine suspended in fread() (or accept, write,
 * recvfrom) is still inside PHP's stream functions, which touch the stream again when the wait
 * ends. So every wait on a stream is registered here (waiters live on their C stacks), and our
 * close op, before PHP's, marks the stream closing, wakes the waiters and suspends the closing
 * coroutine until all of them have left the stream code. A woken waiter stops waiting and fails
 * as an operation on a closed socket does (EBADF). The same registry refuses a second reader (or
 * writer) of one stream: PHP's stream layer is not made for two at once.
 *
 * Streams closed outside a coroutine (request shutdown) cannot wait: their guard is only marked
 * closing and dropped from the table; a waiter still registered then frees it when it leaves.
 *
 * The guard is also where a stream keeps what its waits reuse (one table lookup per wait): the poll
 * events of its reader and its writer (xport_wait.c) and whether its last read drained the socket
 * (xport_io.c). So it lives from the stream's first wait to its close; for a persistent stream,
 * which outlives the request's events, only while someone waits.
 */
#include "xport.h"

struct _async_xport_guard {
	async_xport_waiter_t *first;
	zend_coroutine_t *closer;          /* waits until `first` is NULL */
	bool closing;
	bool persistent;                   /* dropped when its last waiter leaves; keeps no events */
	bool read_drained;                 /* see async_xport_read_drained_mark() */
	zend_async_poll_event_t *kept[2];  /* ASYNC_XPORT_USE_READ, ASYNC_XPORT_USE_WRITE */
};

#define guards ASYNC_G(hooks.xport_guards) /* stream address → guard */

static zend_ulong key_of(php_stream *stream)
{
	return (zend_ulong) (uintptr_t) stream;
}

static const char *busy_message(async_xport_use_t use)
{
	return use == ASYNC_XPORT_USE_READ
		? "Another coroutine is already reading from this stream"
		: "Another coroutine is already writing to this stream";
}

async_xport_enter_result_t async_xport_guard_enter(php_stream *stream, async_xport_waiter_t *waiter,
	async_xport_use_t use)
{
	async_xport_guard_t *guard = guards != NULL ? zend_hash_index_find_ptr(guards, key_of(stream)) : NULL;
	if (guard != NULL && guard->closing) {
		return ASYNC_XPORT_ENTER_CLOSING;
	}
	if (guard != NULL && use != ASYNC_XPORT_USE_SHARED) {
		for (async_xport_waiter_t *other = guard->first; other != NULL; other = other->next) {
			if (other->use == use) {
				zend_throw_error(NULL, "%s", busy_message(use));
				return ASYNC_XPORT_ENTER_BUSY;
			}
		}
	}
	if (guard == NULL) {
		if (guards == NULL) {
			ALLOC_HASHTABLE(guards);
			zend_hash_init(guards, 8, NULL, NULL, 0);
		}
		guard = ecalloc(1, sizeof(*guard));
		guard->persistent = php_stream_is_persistent(stream);
		zend_hash_index_add_new_ptr(guards, key_of(stream), guard);
	}
	waiter->guard = guard;
	waiter->use = use;
	waiter->coroutine = ZEND_ASYNC_CURRENT_COROUTINE;
	waiter->prev = NULL;
	waiter->next = guard->first;
	if (guard->first != NULL) {
		guard->first->prev = waiter;
	}
	guard->first = waiter;
	return ASYNC_XPORT_ENTERED;
}

static void drop_from_table(php_stream *stream)
{
	zend_hash_index_del(guards, key_of(stream));
	if (zend_hash_num_elements(guards) == 0) {
		zend_hash_destroy(guards);
		FREE_HASHTABLE(guards);
		guards = NULL;
	}
}

void async_xport_guard_leave(php_stream *stream, async_xport_waiter_t *waiter)
{
	async_xport_guard_t *guard = waiter->guard;
	if (waiter->prev != NULL) {
		waiter->prev->next = waiter->next;
	} else {
		guard->first = waiter->next;
	}
	if (waiter->next != NULL) {
		waiter->next->prev = waiter->prev;
	}
	if (guard->first != NULL) {
		return;
	}
	if (guard->closer != NULL) {
		ZEND_ASYNC_RESUME(guard->closer); /* it frees the guard */
	} else if (guard->closing) {
		efree(guard); /* closed outside a coroutine: already out of the table */
	} else if (guard->persistent) {
		drop_from_table(stream);
		efree(guard);
	}
}

zend_async_poll_event_t **async_xport_guard_kept_poll(async_xport_waiter_t *waiter)
{
	async_xport_guard_t *guard = waiter->guard;
	if (waiter->use == ASYNC_XPORT_USE_SHARED || guard->persistent) {
		return NULL;
	}
	return &guard->kept[waiter->use == ASYNC_XPORT_USE_WRITE];
}

bool async_xport_guard_may_use(php_stream *stream, async_xport_use_t use, bool **read_drained)
{
	async_xport_guard_t *guard = guards != NULL ? zend_hash_index_find_ptr(guards, key_of(stream)) : NULL;
	if (read_drained != NULL) {
		*read_drained = guard != NULL && !guard->closing ? &guard->read_drained : NULL;
	}
	if (guard == NULL) {
		return true;
	}
	for (async_xport_waiter_t *other = guard->first; other != NULL; other = other->next) {
		if (other->use == use) {
			zend_throw_error(NULL, "%s", busy_message(use));
			return false;
		}
	}
	return true;
}

bool async_xport_close_would_strand_waiters(php_stream *stream)
{
	async_xport_guard_t *guard = guards != NULL ? zend_hash_index_find_ptr(guards, key_of(stream)) : NULL;
	return guard != NULL && guard->first != NULL && !async_hooks_in_coroutine();
}

bool *async_xport_read_drained_mark(php_stream *stream)
{
	async_xport_guard_t *guard = guards != NULL ? zend_hash_index_find_ptr(guards, key_of(stream)) : NULL;
	return guard != NULL && !guard->closing ? &guard->read_drained : NULL;
}

/* Before the fd closes: the reactor handle of the socket goes with its last event. */
static void release_kept_polls(async_xport_guard_t *guard)
{
	for (size_t i = 0; i < 2; i++) {
		if (guard->kept[i] != NULL) {
			ZEND_ASYNC_EVENT_RELEASE(&guard->kept[i]->base);
			guard->kept[i] = NULL;
		}
	}
}

void async_xport_guard_close(php_stream *stream)
{
	async_xport_guard_t *guard = guards != NULL ? zend_hash_index_find_ptr(guards, key_of(stream)) : NULL;
	if (guard == NULL) {
		return;
	}
	guard->closing = true;
	drop_from_table(stream);
	if (guard->first == NULL) {
		release_kept_polls(guard);
		efree(guard);
		return;
	}
	if (!async_hooks_in_coroutine()) {
		/* The waiters cannot be waited for: their wakers hold the events until they leave. */
		release_kept_polls(guard);
		return;
	}
	for (async_xport_waiter_t *waiter = guard->first; waiter != NULL; waiter = waiter->next) {
		ZEND_ASYNC_RESUME(waiter->coroutine);
	}

	/* Wait until every waiter has left; a cancellation meanwhile is kept for afterwards. */
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	zend_object *pending = NULL;
	guard->closer = self;
	while (guard->first != NULL) {
		zend_async_waker_new(self);
		ZEND_ASYNC_SUSPEND();
		if (EG(exception) != NULL) {
			if (pending == NULL) {
				pending = EG(exception);
				GC_ADDREF(pending);
			}
			zend_clear_exception();
		}
	}
	release_kept_polls(guard);
	efree(guard);
	if (pending != NULL) {
		zend_throw_exception_internal(pending);
	}
}

bool async_xport_guard_closing(const async_xport_waiter_t *waiter)
{
	return waiter->guard->closing;
}

/* After the request's resources were closed: a guard still here belongs to a stream nobody closed
 * (a persistent one whose waiter never came back, after a fatal error). The table is forgotten so
 * that the next request does not find it in freed memory; the events are the reactor's to free. */
void async_xport_guards_post_deactivate(void)
{
	if (guards == NULL) {
		return;
	}
	async_xport_guard_t *guard;
	ZEND_HASH_FOREACH_PTR(guards, guard) {
		efree(guard);
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(guards);
	FREE_HASHTABLE(guards);
	guards = NULL;
}
