/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The poll() that patched libraries (libcurl, libpq, pdo_pgsql) call instead of libc's: inside a
 * coroutine on PHP's thread it waits on the descriptors through the engine API, so only the
 * calling coroutine suspends; anywhere else (outside coroutines, the scheduler's own work, a
 * library's own thread such as curl's resolver) it is libc's poll, unchanged.
 *
 * The answer is always the kernel's: a real poll with timeout 0 before the wait and after each
 * wake-up fills in revents. A timeout gives 0 as poll does. A cancelled wait gives -1 with
 * errno ECANCELED rather than EINTR, which both libraries retry (libcurl counts it as "nothing
 * ready", libpq polls again), so the library gives up its wait and returns to PHP with the
 * cancellation pending, or held by the guard of a pgsql/PDO call (library_guard.c), which
 * throws it when the call returns. Details in docs/hooks-libraries.md.
 */
#include "hooks.h"
#include "library.h"
#include "zend_exceptions.h"
#include "../php_async_compat.h"
#include <errno.h>
#include <poll.h>
#include <pthread.h>

#define STACK_FDS 8

static pthread_t php_thread; /* the thread PHP runs on (NTS: one per process) */

void async_library_poll_set_thread(void)
{
	php_thread = pthread_self();
}

bool async_library_may_suspend(void)
{
	return pthread_equal(pthread_self(), php_thread) && async_hook_in_coroutine();
}

static async_poll_event wanted_events(short events)
{
	async_poll_event wanted = 0;
	if (events & (POLLIN | POLLPRI | POLLRDNORM | POLLRDBAND)) {
		wanted |= ASYNC_READABLE;
	}
	if (events & (POLLOUT | POLLWRNORM | POLLWRBAND)) {
		wanted |= ASYNC_WRITABLE;
	}
	/* Asked for nothing: poll still reports errors and hang-ups, which wake a readable wait. */
	return wanted ? wanted : ASYNC_READABLE;
}

/* The descriptors to wait on: negative ones are ignored by poll, so are they here. */
static size_t fill_wait_set(const struct pollfd *fds, nfds_t nfds, async_hook_fd_t *set)
{
	size_t count = 0;
	for (nfds_t i = 0; i < nfds; i++) {
		if (fds[i].fd >= 0) {
			set[count].fd = fds[i].fd;
			set[count].events = wanted_events(fds[i].events);
			count++;
		}
	}
	return count;
}

/* Suspends until one of the descriptors may be ready or the deadline passes; false when the
 * wait failed with an exception pending (a cancellation). */
static bool wait_once(const struct pollfd *fds, nfds_t nfds, int64_t remaining_ns, bool *timed_out)
{
	async_hook_fd_t stack_set[STACK_FDS];
	async_hook_fd_t *set = nfds <= STACK_FDS ? stack_set : safe_emalloc(nfds, sizeof(*set), 0);
	size_t count = fill_wait_set(fds, nfds, set);

	async_hook_wait_result_t result = async_hook_wait_fds(set, count, remaining_ns);
	if (set != stack_set) {
		efree(set);
	}
	*timed_out = result == ASYNC_HOOK_WAIT_TIMEOUT;
	return result != ASYNC_HOOK_WAIT_FAILED;
}

/* early_zero: a wake-up that finds nothing ready returns 0 before the timeout (libcurl's waits,
 * see async_library_poll_curl) instead of waiting again. */
static int cooperative_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms, bool early_zero)
{
	int64_t deadline = timeout_ms >= 0 ? (int64_t) async_hrtime_ns() + (int64_t) timeout_ms * 1000000 : 0;

	for (;;) {
		int64_t remaining = -1;
		if (timeout_ms >= 0) {
			remaining = deadline - (int64_t) async_hrtime_ns();
			if (remaining <= 0) {
				return 0;
			}
		}
		bool timed_out;
		if (!wait_once(fds, nfds, remaining, &timed_out)) {
			return async_library_poll_cancelled(fds, nfds);
		}
		int ready = poll(fds, nfds, 0);
		if (ready != 0 || timed_out || early_zero) {
			return ready;
		}
		/* Woken with nothing ready any more (another reader was first): wait again. */
	}
}

static int library_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms, bool early_zero)
{
	if (timeout_ms == 0 || !async_library_may_suspend()) {
		return poll(fds, nfds, timeout_ms);
	}
	int ready = poll(fds, nfds, 0);
	if (ready != 0) {
		return ready;
	}
	if (async_library_guard_holds()) {
		/* Cancelled already: the rest of a cancelled query's answer may still be read; any other
		 * wait (libpq trying the next host) fails at once. */
		if (async_pgsql_drain_cancelled(fds, nfds, &ready)) {
			return ready;
		}
		errno = ECANCELED;
		return -1;
	}
	/* An exception already pending (a curl callback threw; curl finishes the transfer, as in
	 * stock PHP) is held aside during the wait: the wait itself needs a clean state. */
	zend_object *held = EG(exception);
	EG(exception) = NULL;
	int result = cooperative_poll(fds, nfds, timeout_ms, early_zero);
	if (held != NULL) {
		if (EG(exception) != NULL) {
			zend_exception_set_previous(EG(exception), held);
		} else {
			EG(exception) = held;
		}
	}
	return result;
}

int async_library_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return library_poll(fds, nfds, timeout_ms, false);
}

/* libcurl's poll(): when several coroutines drive one multi handle (a shared Guzzle client), one
 * coroutine's curl_multi_exec() may read and finish the transfers another one waits for in
 * curl_multi_select(). That one is woken too, finds nothing ready, and must get back to its loop
 * to see it (0, as an early timeout: curl_multi_wait and curl's own waits loop on it) instead of
 * sleeping out its timeout. libpq takes 0 for "timeout expired", so its waits keep waiting. */
int async_library_poll_curl(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
	return library_poll(fds, nfds, timeout_ms, true);
}

int async_library_poll_cancelled(struct pollfd *fds, nfds_t nfds)
{
	int ready;
	if (async_pgsql_wait_cancelled(fds, nfds, &ready)) {
		return ready;
	}
	async_library_hold_or_keep_pending();
	errno = ECANCELED;
	return -1;
}
