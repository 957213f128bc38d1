/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The res_nsearch() PHP itself calls for dns_get_record(), checkdnsrr() and getmxrr()
 * (ext/standard/dns.c, the only blocking part of those functions: a UDP/TCP exchange with the
 * name servers of resolv.conf). PHP's import of it is redirected (library_hooks.c, the object that
 * holds PHP: the executable, or libphp). Inside a coroutine the query runs on the reactor's
 * thread pool (an engine API thread event) and only the coroutine waits; PHP then parses the
 * answer as always, so results and warnings stay stock.
 *
 * The worker resolves with a res_state of its own, made by res_ninit() as PHP makes the caller's
 * (from resolv.conf, RES_OPTIONS and LOCALDOMAIN): the caller's, on the coroutine's stack, is
 * not shared with another thread. Its answer buffer is part of the event, which the reactor
 * keeps until the worker is done, so a cancelled coroutine can leave at once. The query's
 * h_errno is given to the caller's thread and state, where PHP reads it for its warnings.
 *
 * A cancelled wait, or a call with the cancellation already pending (dns_get_record() asks one
 * record type after another), fails at once with HOST_NOT_FOUND: PHP takes that as "no such
 * record" without a warning, and the function returns to the coroutine, which then gets the
 * cancellation.
 */
#include "hooks.h"
#include "library.h"
#include "zend_exceptions.h"
#include <netinet/in.h>
#include <arpa/nameser.h>
#include <resolv.h>
#include <netdb.h>

typedef struct {
	char name[NS_MAXDNAME];
	int query_class, type;
	int length, h_error;
	int answer_size;
	unsigned char answer[]; /* answer_size bytes */
} query_t;

/* On a worker thread: libc only. */
static void run_query(zend_async_thread_event_t *event, void *arg)
{
	(void) event;
	query_t *query = arg;
	struct __res_state state;
	memset(&state, 0, sizeof(state));
	if (res_ninit(&state) != 0) {
		query->length = -1;
		query->h_error = NETDB_INTERNAL;
		return;
	}
	query->length = res_nsearch(&state, query->name, query->query_class, query->type, query->answer, query->answer_size);
	query->h_error = state.res_h_errno;
	res_nclose(&state);
}

static int failed(res_state statp, int error)
{
	statp->res_h_errno = error;
	h_errno = error;
	return -1;
}

int async_library_res_nsearch(res_state statp, const char *name, int query_class, int type, unsigned char *answer,
	int answer_size)
{
	if (!async_library_may_suspend() || answer_size <= 0) {
		return res_nsearch(statp, name, query_class, type, answer, answer_size);
	}
	if (EG(exception) != NULL) {
		return failed(statp, HOST_NOT_FOUND); /* cancelled: the next record type is not asked */
	}
	size_t name_length = strlen(name);
	if (name_length >= NS_MAXDNAME) {
		return res_nsearch(statp, name, query_class, type, answer, answer_size); /* libc refuses it at once */
	}
	zend_async_thread_event_t *thread = ZEND_ASYNC_NEW_THREAD_EVENT_EX(run_query, NULL,
		sizeof(query_t) + (size_t) answer_size);
	if (thread == NULL) {
		zend_clear_exception();
		return res_nsearch(statp, name, query_class, type, answer, answer_size);
	}
	query_t *query = ZEND_ASYNC_EVENT_EXTRA(&thread->base);
	memcpy(query->name, name, name_length + 1);
	query->query_class = query_class;
	query->type = type;
	query->answer_size = answer_size;
	query->length = -1;
	query->h_error = NETDB_INTERNAL;
	thread->arg = query;

	int length;
	if (async_hook_wait_event(&thread->base)) {
		length = query->length;
		if (length > 0) {
			memcpy(answer, query->answer, (size_t) MIN(length, answer_size));
		}
		statp->res_h_errno = query->h_error;
		h_errno = query->h_error;
	} else {
		length = failed(statp, HOST_NOT_FOUND);
	}
	ZEND_ASYNC_EVENT_RELEASE(&thread->base);
	return length;
}
