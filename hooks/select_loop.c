/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * stream_select() and socket_select() in a coroutine. PHP's own handler does every select, so
 * results, key preservation, buffered-data handling, warnings and exceptions are stock's; the
 * hook only replaces the blocking part: it calls PHP's handler with a zero timeout (a poll) and,
 * while nothing is ready, waits on all the descriptors plus what is left of the timeout through
 * engine API poll events, then polls again. Between two polls the caller's arrays get back the
 * values they had, as PHP's handler replaced them with the (empty) ready sets.
 *
 * Anything unusual takes PHP's own path unchanged: arguments of another type than the
 * documented ones (PHP's coercion or TypeError then applies), a negative or zero timeout, and
 * arrays holding streams that have no selectable descriptor (PHP warns once per call about
 * those, so polling twice would warn twice). When such a call finds nothing ready, the coroutine
 * still yields once before it returns.
 *
 * Every select that cannot block (the polls, a zero timeout) runs with signals blocked: the
 * reactor handles signals stock PHP leaves alone (SIGCHLD while a command of the exec family
 * runs), and one arriving during the select made it fail with EINTR, "Unable to select [4]:
 * Interrupted system call", which stock PHP never shows. The signal is delivered a few
 * microseconds later, when the select has returned.
 */
#include "select_loop.h"
#include <signal.h>
#include <sys/stat.h>
#include "../php_async_compat.h"

#define MAX_TIMEOUT_SECONDS 1000000000 /* about 31 years: no overflow in nanoseconds */

static const async_poll_event set_events[3] = { ASYNC_READABLE, ASYNC_WRITABLE, ASYNC_PRIORITIZED };

/* epoll refuses regular files and directories, which select() reports ready at once anyway. */
static bool is_pollable(php_socket_t fd)
{
	zend_stat_t st;
	return fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* Lists the descriptors of the three sets; false if one has none (*fds is freed then). */
static bool gather(zval *sets[3], async_select_fd_of_t fd_of, async_hook_fd_t **fds, size_t *count)
{
	size_t capacity = 0, n = 0;
	zval *element;

	for (int i = 0; i < 3; i++) {
		if (Z_TYPE_P(sets[i]) == IS_ARRAY) {
			capacity += zend_hash_num_elements(Z_ARRVAL_P(sets[i]));
		}
	}
	*fds = safe_emalloc(capacity + 1, sizeof(async_hook_fd_t), 0);
	for (int i = 0; i < 3; i++) {
		if (Z_TYPE_P(sets[i]) != IS_ARRAY) {
			continue;
		}
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(sets[i]), element) {
			php_socket_t fd = -1;
			switch (fd_of(element, &fd)) {
				case ASYNC_SELECT_FD_UNSUPPORTED:
					efree(*fds);
					*fds = NULL;
					return false;
				case ASYNC_SELECT_FD_SKIP:
					continue;
				case ASYNC_SELECT_FD_OK:
					break;
			}
			if (!is_pollable(fd)) {
				continue;
			}
			(*fds)[n].fd = fd;
			(*fds)[n].events = set_events[i];
			n++;
		} ZEND_HASH_FOREACH_END();
	}
	*count = n;
	return true;
}

/* Puts back the arrays PHP's handler replaced with its (empty) results. */
static void restore_sets(zval *sets[3], zval saved[3])
{
	for (int i = 0; i < 3; i++) {
		if (Z_TYPE(saved[i]) == IS_ARRAY) {
			zval_ptr_dtor(sets[i]);
			ZVAL_COPY(sets[i], &saved[i]);
		}
	}
}

/* PHP's handler, for a select that does not block, with signals held until it returns. */
static void poll_holding_signals(INTERNAL_FUNCTION_PARAMETERS, zif_handler original)
{
	sigset_t all, previous;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &previous);
	original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	pthread_sigmask(SIG_SETMASK, &previous, NULL);
}

static bool is_zero(zval *time)
{
	return time == NULL || Z_TYPE_P(time) == IS_NULL || (Z_TYPE_P(time) == IS_LONG && Z_LVAL_P(time) == 0);
}

/* Reads the timeout arguments as PHP would: false if they are not plain ints (or nulls) with
 * a positive total, which PHP's handler then deals with alone. */
static bool read_timeout(zval *seconds, zval *microseconds, bool microseconds_nullable, int64_t *timeout_ns)
{
	if (microseconds != NULL && Z_TYPE_P(microseconds) != IS_LONG
		&& !(microseconds_nullable && Z_TYPE_P(microseconds) == IS_NULL)) {
		return false;
	}
	zend_long usec = microseconds != NULL && Z_TYPE_P(microseconds) == IS_LONG ? Z_LVAL_P(microseconds) : 0;
	if (Z_TYPE_P(seconds) == IS_NULL) {
		if (microseconds_nullable && usec != 0) {
			return false; /* stream_select() rejects it */
		}
		*timeout_ns = -1;  /* forever (socket_select() ignores the microseconds then) */
		return true;
	}
	if (Z_TYPE_P(seconds) != IS_LONG) {
		return false;
	}
	zend_long sec = Z_LVAL_P(seconds);
	if (sec < 0 || usec < 0 || (sec == 0 && usec == 0)) {
		return false;
	}
	sec = MIN(sec, MAX_TIMEOUT_SECONDS);
	usec = MIN(usec, (zend_long) MAX_TIMEOUT_SECONDS);
	*timeout_ns = (int64_t) sec * 1000000000 + (int64_t) usec * 1000;
	return true;
}

void async_hook_select(INTERNAL_FUNCTION_PARAMETERS, zif_handler original, async_select_fd_of_t fd_of,
	bool microseconds_nullable)
{
	uint32_t argc = ZEND_CALL_NUM_ARGS(execute_data);
	zval *sets[3], saved[3];
	int64_t timeout_ns;
	async_hook_fd_t *fds;
	size_t count;

	if (!async_hook_in_coroutine() || argc < 4 || argc > 5) {
		original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}
	for (int i = 0; i < 3; i++) {
		zval *arg = ZEND_CALL_ARG(execute_data, i + 1);
		if (!Z_ISREF_P(arg) || (Z_TYPE_P(Z_REFVAL_P(arg)) != IS_ARRAY && Z_TYPE_P(Z_REFVAL_P(arg)) != IS_NULL)) {
			original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
			return;
		}
		sets[i] = Z_REFVAL_P(arg);
	}
	zval *seconds = ZEND_CALL_ARG(execute_data, 4);
	zval *microseconds = argc == 5 ? ZEND_CALL_ARG(execute_data, 5) : NULL;
	if (!read_timeout(seconds, microseconds, microseconds_nullable, &timeout_ns)
		|| !gather(sets, fd_of, &fds, &count)) {
		if (Z_TYPE_P(seconds) == IS_LONG && Z_LVAL_P(seconds) == 0 && is_zero(microseconds)) {
			poll_holding_signals(INTERNAL_FUNCTION_PARAM_PASSTHRU, original); /* a zero timeout */
		} else {
			original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		}
		if (Z_TYPE_P(return_value) == IS_LONG && Z_LVAL_P(return_value) == 0 && EG(exception) == NULL) {
			/* A zero timeout and nothing ready: a loop that polls so (an event loop with work
			 * pending) would otherwise keep every other coroutine from running. */
			async_hook_yield();
		}
		return;
	}
	efree(fds);

	for (int i = 0; i < 3; i++) {
		ZVAL_COPY(&saved[i], sets[i]);
	}
	/* From here on PHP's handler only polls: plain ints and nulls need no destructor. */
	ZVAL_LONG(seconds, 0);
	if (microseconds != NULL) {
		ZVAL_LONG(microseconds, 0);
	}
	int64_t deadline = timeout_ns >= 0 ? (int64_t) async_hrtime_ns() + timeout_ns : 0;
	bool last_poll = false;

	for (;;) {
		poll_holding_signals(INTERNAL_FUNCTION_PARAM_PASSTHRU, original);
		if (last_poll || EG(exception) || Z_TYPE_P(return_value) != IS_LONG || Z_LVAL_P(return_value) != 0) {
			break;
		}
		restore_sets(sets, saved);
		int64_t remaining = -1;
		if (timeout_ns >= 0) {
			remaining = deadline - (int64_t) async_hrtime_ns();
			if (remaining <= 0) {
				last_poll = true;
				continue;
			}
		}
		if (!gather(sets, fd_of, &fds, &count)) {
			last_poll = true; /* cannot happen with the same arrays; poll once more and stop */
			continue;
		}
		async_hook_wait_result_t waited = async_hook_wait_fds(fds, count, remaining);
		efree(fds);
		if (waited == ASYNC_HOOK_WAIT_FAILED) {
			break; /* cancelled: the arrays hold what the caller passed */
		}
		last_poll = waited == ASYNC_HOOK_WAIT_TIMEOUT;
	}
	for (int i = 0; i < 3; i++) {
		zval_ptr_dtor(&saved[i]);
	}
}
