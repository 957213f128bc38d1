/*
 * A stream closed by one coroutine while others wait on it.
 *
 * fclose() frees the php_stream at once, but a coroutine suspended in fread() (or accept, write,
 * recvfrom) is still inside PHP's stream functions, which touch the stream again when the wait
 * ends. So every wait on a stream is registered here (waiters live on their C stacks), and our
 * close op, before PHP's, marks the stream closing, wakes the waiters and suspends the closing
 * coroutine until all of them have left the stream code. A woken waiter stops waiting and fails
 * as an operation on a closed socket does (EBADF).
 *
 * Streams closed outside a coroutine (request shutdown) cannot wait: their guard is only marked
 * closing and dropped from the table; a waiter still registered then frees it when it leaves.
 */
#include "xport.h"

struct _async_xport_guard {
	async_xport_waiter_t *first;
	zend_coroutine_t *closer;          /* waits until `first` is NULL */
	bool closing;
};

static HashTable *guards; /* stream address → guard, only while someone waits */

static zend_ulong key_of(php_stream *stream)
{
	return (zend_ulong) (uintptr_t) stream;
}

bool async_xport_guard_enter(php_stream *stream, async_xport_waiter_t *waiter)
{
	async_xport_guard_t *guard = guards != NULL ? zend_hash_index_find_ptr(guards, key_of(stream)) : NULL;
	if (guard == NULL) {
		if (guards == NULL) {
			ALLOC_HASHTABLE(guards);
			zend_hash_init(guards, 8, NULL, NULL, 0);
		}
		guard = ecalloc(1, sizeof(*guard));
		zend_hash_index_add_new_ptr(guards, key_of(stream), guard);
	} else if (guard->closing) {
		return false;
	}
	waiter->guard = guard;
	waiter->coroutine = ZEND_ASYNC_CURRENT_COROUTINE;
	waiter->prev = NULL;
	waiter->next = guard->first;
	if (guard->first != NULL) {
		guard->first->prev = waiter;
	}
	guard->first = waiter;
	return true;
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
	} else {
		drop_from_table(stream);
		efree(guard);
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
	if (!async_hooks_in_coroutine()) {
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
	efree(guard);
	if (pending != NULL) {
		zend_throw_exception_internal(pending);
	}
}

bool async_xport_guard_closing(const async_xport_waiter_t *waiter)
{
	return waiter->guard->closing;
}
