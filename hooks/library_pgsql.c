/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * libpq connections and cancellation. pgsql.so and pdo_pgsql.so call PQconnectdb, PQconnectStart
 * and PQfinish through patched slots (library_hooks.c), so the live connections are known here.
 * When a coroutine's wait on one of their sockets is cancelled while a query runs, leaving at
 * once would leave the query's answer unread on the socket and the next query would read it. So
 * the query is cancelled on the server (PQcancel), the answer ("canceling statement due to user
 * request") is waited for, no longer cancellable and at most CANCEL_ANSWER_MS, and libpq reads
 * it as usual: the connection stays usable. The answer may come in several reads, and libpq waits
 * again for each: those waits are the same bounded, not cancellable ones. If no answer comes, the socket is shut down and
 * libpq reports the connection broken. The cancellation is handed to the guard of the PHP call
 * (library_guard.c), which throws it when the call returns, in place of the query's error.
 *
 * libpq's functions are found with dlsym: only their C API is used, no structure of theirs.
 */
#include "hooks.h"
#include "library.h"
#include "zend_exceptions.h"
#include "../php_async_compat.h"
#include <dlfcn.h>
#include <sys/socket.h>

#define CANCEL_ANSWER_MS 5000
#define PQTRANS_ACTIVE 1 /* PGTransactionStatusType: a command is in progress */

static struct {
	void *(*connectdb)(const char *);
	void *(*connect_start)(const char *);
	void (*finish)(void *);
	int (*socket)(const void *);
	int (*transaction_status)(const void *);
	void *(*get_cancel)(void *);
	int (*cancel)(void *, char *, int);
	void (*free_cancel)(void *);
} pq;

/* The live connections (connection address => connection), while libpq's API is known.
 * Process-wide: libpq's connections may be persistent (they outlive the request). */
static HashTable *connections;

bool async_pgsql_install(void)
{
#define RESOLVE(field, name) pq.field = (__typeof__(pq.field)) dlsym(RTLD_DEFAULT, name)
	RESOLVE(connectdb, "PQconnectdb");
	RESOLVE(connect_start, "PQconnectStart");
	RESOLVE(finish, "PQfinish");
	RESOLVE(socket, "PQsocket");
	RESOLVE(transaction_status, "PQtransactionStatus");
	RESOLVE(get_cancel, "PQgetCancel");
	RESOLVE(cancel, "PQcancel");
	RESOLVE(free_cancel, "PQfreeCancel");
#undef RESOLVE
	if (pq.connectdb == NULL || pq.connect_start == NULL || pq.finish == NULL || pq.socket == NULL
			|| pq.transaction_status == NULL || pq.get_cancel == NULL || pq.cancel == NULL || pq.free_cancel == NULL) {
		memset(&pq, 0, sizeof(pq));
		return false;
	}
	if (connections == NULL) {
		connections = pemalloc(sizeof(HashTable), 1);
		zend_hash_init(connections, 8, NULL, NULL, 1);
	}
	return true;
}

void async_pgsql_restore(void)
{
	if (connections != NULL) {
		zend_hash_destroy(connections);
		pefree(connections, 1);
		connections = NULL;
	}
}

static void *remember(void *conn)
{
	if (conn != NULL && connections != NULL) {
		zend_hash_index_add_ptr(connections, (zend_ulong) (uintptr_t) conn, conn);
	}
	return conn;
}

void *async_pgsql_PQconnectdb(const char *conninfo)
{
	return remember(pq.connectdb(conninfo));
}

void *async_pgsql_PQconnectStart(const char *conninfo)
{
	return remember(pq.connect_start(conninfo));
}

void async_pgsql_PQfinish(void *conn)
{
	if (connections != NULL) {
		zend_hash_index_del(connections, (zend_ulong) (uintptr_t) conn);
	}
	pq.finish(conn);
}

static void *connection_of(int fd)
{
	if (pq.socket == NULL || connections == NULL) {
		return NULL;
	}
	void *conn;
	ZEND_HASH_FOREACH_PTR(connections, conn) {
		if (pq.socket(conn) == fd) {
			return conn;
		}
	} ZEND_HASH_FOREACH_END();
	return NULL;
}

static void cancel_on_server(void *conn)
{
	char error[256];
	void *cancel = pq.get_cancel(conn);
	if (cancel != NULL) {
		pq.cancel(cancel, error, sizeof(error)); /* a short blocking exchange on a new socket */
		pq.free_cancel(cancel);
	}
}

/* Waits, not cancellable, until the server's answer can be read or the time is up. */
static bool wait_for_answer(int fd)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	bool was_protected = ZEND_COROUTINE_IS_PROTECTED(self);
	ZEND_COROUTINE_SET_PROTECTED(self);
	int64_t deadline = (int64_t) async_hrtime_ns() + (int64_t) CANCEL_ANSWER_MS * 1000000;
	bool answered = false;
	for (;;) {
		int64_t remaining = deadline - (int64_t) async_hrtime_ns();
		if (remaining <= 0) {
			break;
		}
		async_hook_fd_t wait = { .fd = fd, .events = ASYNC_READABLE };
		async_hook_wait_result_t result = async_hook_wait_fds(&wait, 1, remaining);
		if (result == ASYNC_HOOK_WAIT_READY) {
			answered = true;
			break;
		}
		if (result == ASYNC_HOOK_WAIT_TIMEOUT) {
			break;
		}
		zend_clear_exception(); /* a second cancellation: the first one is being handled */
	}
	if (!was_protected) {
		ZEND_COROUTINE_CLR_PROTECTED(self);
	}
	return answered;
}

/* The connection behind a single-fd wait, when a query runs on it. */
static void *running_query(const struct pollfd *fds, nfds_t nfds)
{
	if (nfds != 1 || pq.cancel == NULL) {
		return NULL;
	}
	void *conn = connection_of(fds[0].fd);
	return conn != NULL && pq.transaction_status(conn) == PQTRANS_ACTIVE ? conn : NULL;
}

/* Lets libpq read the rest of the server's answer; the wait is no longer cancellable. */
static int wait_rest_of_answer(struct pollfd *fds, nfds_t nfds)
{
	if (!wait_for_answer(fds[0].fd)) {
		shutdown(fds[0].fd, SHUT_RDWR); /* libpq then sees the connection end */
	}
	return poll(fds, nfds, 0);
}

bool async_pgsql_drain_cancelled(struct pollfd *fds, nfds_t nfds, int *ready)
{
	if (running_query(fds, nfds) == NULL) {
		return false;
	}
	*ready = wait_rest_of_answer(fds, nfds);
	return true;
}

bool async_pgsql_wait_cancelled(struct pollfd *fds, nfds_t nfds, int *ready)
{
	void *conn = EG(exception) != NULL ? running_query(fds, nfds) : NULL;
	if (conn == NULL) {
		return false; /* connecting, or idle (waiting for a notification): nothing runs on the server */
	}
	zend_object *cancellation = EG(exception);
	EG(exception) = NULL;
	cancel_on_server(conn);
	*ready = wait_rest_of_answer(fds, nfds);
	if (!async_library_guard_hold(cancellation)) {
		EG(exception) = cancellation;
	}
	return true;
}
