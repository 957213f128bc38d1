/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The getaddrinfo() libpq calls (it resolves host names on the caller's thread): inside a
 * coroutine the real getaddrinfo runs on the reactor's thread pool (an engine API thread event)
 * and only the coroutine waits. Return code, errno and the list are glibc's own, so libpq's
 * messages stay stock and its freeaddrinfo() frees the list as usual.
 *
 * A cancelled look-up returns EAI_SYSTEM with errno ECANCELED at once; the worker may still be
 * resolving. Whoever of the two finishes last frees the list (an atomic state), and the event's
 * memory, where the request lives, waits for the worker (the reactor guarantees that).
 */
#include "hooks.h"
#include "library.h"
#include "zend_exceptions.h"
#include <errno.h>
#include <stdatomic.h>
#include <arpa/inet.h>

enum { LOOKUP_PENDING, LOOKUP_DONE, LOOKUP_ABANDONED };

typedef struct {
	char node[NI_MAXHOST];
	char service[NI_MAXSERV];
	bool has_node, has_service, has_hints;
	struct addrinfo hints;
	struct addrinfo *result;
	int status, error_number;
	atomic_int state;
} lookup_t;

/* On a worker thread: libc only. */
static void resolve(zend_async_thread_event_t *event, void *arg)
{
	(void) event;
	lookup_t *lookup = arg;
	struct addrinfo *result = NULL;
	int status = getaddrinfo(lookup->has_node ? lookup->node : NULL, lookup->has_service ? lookup->service : NULL,
		lookup->has_hints ? &lookup->hints : NULL, &result);
	lookup->status = status;
	lookup->error_number = errno;
	lookup->result = result;
	if (atomic_exchange(&lookup->state, LOOKUP_DONE) == LOOKUP_ABANDONED && result != NULL) {
		freeaddrinfo(result); /* the caller has gone */
	}
}

static bool copy_text(char *target, size_t size, const char *text, bool *present)
{
	*present = text != NULL;
	if (text == NULL) {
		return true;
	}
	size_t length = strlen(text);
	if (length >= size) {
		return false;
	}
	memcpy(target, text, length + 1);
	return true;
}

/* A numeric address (or none) is converted by glibc without any I/O: no need for the thread pool.
 * libmemcached resolves "127.0.0.1" before every connect, and a slow hop there would widen the
 * window in which a cancellation counts as a failed connect for it. */
static bool needs_no_lookup(const char *node, const struct addrinfo *hints)
{
	unsigned char address[sizeof(struct in6_addr)];
	return node == NULL || (hints != NULL && (hints->ai_flags & AI_NUMERICHOST))
		|| inet_pton(AF_INET, node, address) == 1 || inet_pton(AF_INET6, node, address) == 1;
}

int async_library_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
	struct addrinfo **result)
{
	if (!async_library_may_suspend() || EG(exception) != NULL || needs_no_lookup(node, hints)) {
		return getaddrinfo(node, service, hints, result);
	}
	if (async_library_guard_holds()) {
		*result = NULL;
		errno = ECANCELED; /* cancelled already (libpq tries the next host) */
		return EAI_SYSTEM;
	}
	zend_async_thread_event_t *thread = ZEND_ASYNC_NEW_THREAD_EVENT_EX(resolve, NULL, sizeof(lookup_t));
	if (thread == NULL) {
		zend_clear_exception();
		return getaddrinfo(node, service, hints, result);
	}
	lookup_t *lookup = ZEND_ASYNC_EVENT_EXTRA(&thread->base);
	memset(lookup, 0, sizeof(*lookup));
	atomic_init(&lookup->state, LOOKUP_PENDING);
	if (!copy_text(lookup->node, sizeof(lookup->node), node, &lookup->has_node)
			|| !copy_text(lookup->service, sizeof(lookup->service), service, &lookup->has_service)) {
		ZEND_ASYNC_EVENT_RELEASE(&thread->base);
		return getaddrinfo(node, service, hints, result); /* longer than any real name: let libc say so */
	}
	if (hints != NULL) {
		lookup->hints = *hints;
		lookup->hints.ai_addr = NULL;
		lookup->hints.ai_canonname = NULL;
		lookup->hints.ai_next = NULL;
		lookup->has_hints = true;
	}
	thread->arg = lookup;

	int status, error_number;
	if (async_hook_wait_event(&thread->base) && atomic_load(&lookup->state) == LOOKUP_DONE) {
		*result = lookup->result;
		error_number = lookup->error_number;
		status = lookup->status;
	} else {
		if (atomic_exchange(&lookup->state, LOOKUP_ABANDONED) == LOOKUP_DONE && lookup->result != NULL) {
			freeaddrinfo(lookup->result);
		}
		*result = NULL;
		error_number = ECANCELED;
		status = EAI_SYSTEM;
		async_library_hold_or_keep_pending();
	}
	ZEND_ASYNC_EVENT_RELEASE(&thread->base);
	errno = error_number;
	return status;
}
