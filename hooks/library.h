/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Cooperative waits inside C libraries that wait on their own sockets (libcurl, libpq): their
 * imports of poll() and getaddrinfo() are redirected at startup (library_hooks.c, through
 * library_got.c). See docs/hooks-libraries.md.
 */
#ifndef ASYNC_LIBRARY_H
#define ASYNC_LIBRARY_H

#include <poll.h>
#include <netdb.h>
#include <stdbool.h>
#include "zend_types.h"

/* library_hooks.c: patch the loaded libraries after startup; put everything back at shutdown. */
void async_library_hooks_install(void);
void async_library_hooks_restore(void);
void async_library_hooks_minfo(void); /* rows of php --ri async's hook table */

/* library_poll.c */
void async_library_poll_set_thread(void);
/* On PHP's thread, in a coroutine that may suspend. */
bool async_library_may_suspend(void);
int async_library_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms);
int async_library_poll_curl(struct pollfd *fds, nfds_t nfds, int timeout_ms);
/* What a cancelled wait returns to the library (-1, ECANCELED, unless pgsql handled it). */
int async_library_poll_cancelled(struct pollfd *fds, nfds_t nfds);

/* library_getaddrinfo.c */
int async_library_getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
	struct addrinfo **result);

/* library_resolver.c: PHP's own res_nsearch() (dns_get_record, checkdnsrr, getmxrr). */
struct __res_state;
int async_library_res_nsearch(struct __res_state *statp, const char *name, int query_class, int type,
	unsigned char *answer, int answer_size);

/* library_pgsql.c: the connections pgsql.so and pdo_pgsql.so open, and what a cancelled wait on
 * one of them does (cancels the query on the server and waits for its answer; true when it
 * handled the wait, *ready then holds poll's result). */
bool async_pgsql_wait_cancelled(struct pollfd *fds, nfds_t nfds, int *ready);
/* A later wait of the same cancelled call: while the query's answer is still coming, libpq may
 * read the rest of it (true, *ready holds poll's result). */
bool async_pgsql_drain_cancelled(struct pollfd *fds, nfds_t nfds, int *ready);
void *async_pgsql_PQconnectdb(const char *conninfo);
void *async_pgsql_PQconnectStart(const char *conninfo);
void async_pgsql_PQfinish(void *conn);
/* Resolves the libpq functions the cancellation needs (false when libpq is not loaded or lacks
 * one: the modules' connections are then not tracked); at shutdown, forgets the connections. */
bool async_pgsql_install(void);
void async_pgsql_restore(void);

/* library_guard.c: the PHP functions and methods that run libpq (ext/pgsql, PDO) run inside a
 * guard. hold(): the cancellation that ended a wait of the running call is kept, and warnings
 * are silenced, until the call returns; the guard then throws it in place of whatever error the
 * call made. False when the running call is not guarded (the caller keeps the exception). */
bool async_library_guard_hold(zend_object *cancellation);
/* The running guarded call already holds a cancellation: its library must not wait again. */
bool async_library_guard_holds(void);
/* The pending exception (a cancelled wait) goes to the guard of the running call, if any. */
void async_library_hold_or_keep_pending(void);
void async_library_guard_install(void);
void async_library_guard_restore(void);
void async_library_guard_post_deactivate(void);

/* pgsql_connection.c: the PgSql\Connection or pgsql PDO object a guarded call works on, or NULL. */
void async_pgsql_connection_classes_install(void);
zend_object *async_pgsql_connection_of_call(zend_execute_data *execute_data);

/* memcached_busy.c: one coroutine at a time per libmemcached handle (Memcached methods). */
void async_memcached_busy_install(void);
void async_memcached_busy_restore(void);
void async_memcached_busy_post_deactivate(void);

#endif
