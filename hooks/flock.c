/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * flock() with LOCK_SH or LOCK_EX and without LOCK_NB: inside a coroutine, a lock another process
 * (or another open file description) holds makes only the calling coroutine wait. The hook asks
 * for the lock with LOCK_NB and, while the answer is "would block", sleeps in the coroutine and
 * asks again, backing off from 1 ms to 32 ms between tries; a blocking flock(2) on the thread pool
 * would tie up one of its few threads and could not be cancelled. A cancelled wait ends with the
 * cancellation. LOCK_NB, LOCK_UN, and calls outside coroutines are PHP's own flock() unchanged.
 *
 * The lock is not queued: a process that keeps taking the lock back at once can make the
 * coroutine wait longer than a blocking flock(2) would (file locks are not fair there either).
 */
#include "hooks.h"
#include <errno.h>
#include <sys/file.h>

#define PHP_LOCK_KIND 3    /* LOCK_SH = 1, LOCK_EX = 2, LOCK_UN = 3 in PHP's constants */
#define PHP_LOCK_NB 4
#define MAX_BACKOFF_MS 32

static zif_handler original_flock;

static PHP_FUNCTION(async_hook_flock)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_flock);
	zval *operation = ZEND_NUM_ARGS() >= 2 ? ZEND_CALL_ARG(execute_data, 2) : NULL;
	if (operation == NULL || Z_TYPE_P(operation) != IS_LONG || (Z_LVAL_P(operation) & PHP_LOCK_NB)
			|| (Z_LVAL_P(operation) & PHP_LOCK_KIND) == PHP_LOCK_KIND || (Z_LVAL_P(operation) & PHP_LOCK_KIND) == 0) {
		original_flock(INTERNAL_FUNCTION_PARAM_PASSTHRU); /* PHP's own answer, including its errors */
		return;
	}
	zend_long requested = Z_LVAL_P(operation);
	Z_LVAL_P(operation) = requested | PHP_LOCK_NB;
	zend_ulong backoff_ms = 1;
	for (;;) {
		errno = 0; /* a stream that cannot lock fails without setting it */
		original_flock(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		if (EG(exception) != NULL || Z_TYPE_P(return_value) != IS_FALSE || errno != EWOULDBLOCK) {
			break;
		}
		if (async_hook_sleep(backoff_ms, 0) != ASYNC_HOOK_WAIT_READY) {
			break; /* cancelled: the exception is pending */
		}
		backoff_ms = MIN(backoff_ms * 2, MAX_BACKOFF_MS);
	}
	Z_LVAL_P(operation) = requested;
}

static const async_function_hook_t hooks[] = {
	{ "flock", PHP_FN(async_hook_flock), &original_flock },
};

const async_function_hook_table_t async_flock_hooks = ASYNC_HOOK_TABLE(hooks);
