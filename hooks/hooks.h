/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Hooks: PHP's own blocking functions and stream transports, made non-blocking inside
 * coroutines and unchanged outside them. No PHP patch: function handlers are swapped in the
 * function table (the original kept and called outside coroutines), and stream transports are
 * registered over PHP's with php_stream_xport_register(). Every wait goes through engine API
 * events, so whichever reactor is registered serves them.
 */
#ifndef ASYNC_HOOKS_H
#define ASYNC_HOOKS_H

#include "php.h"
#include "php_network.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "hooks_state.h"
#include "../async_list.h"
#include "../php_async.h" /* the module globals: the hooks' per-request state is there */

/* One function whose handler is replaced. `original` receives PHP's handler (NULL while the
 * function is absent, e.g. ext/sockets not loaded). */
typedef struct {
	const char *name;
	zif_handler replacement;
	zif_handler *original;
} async_function_hook_t;

/* A table of hooks, one per hook file, listed in hooks.c. */
typedef struct {
	const async_function_hook_t *hooks;
	size_t count;
} async_function_hook_table_t;

#define ASYNC_HOOK_TABLE(hooks) { (hooks), sizeof(hooks) / sizeof((hooks)[0]) }

/* True when the caller runs in a coroutine and may suspend: the hooks take over only then. Not in
 * the scheduler's own work, nor in a coroutine that has ended (a destructor its end runs). */
static zend_always_inline bool async_hook_in_coroutine(void)
{
	zend_coroutine_t *coroutine = ZEND_ASYNC_CURRENT_COROUTINE;
	return coroutine != NULL && !ZEND_ASYNC_IS_SCHEDULER_CONTEXT && !ZEND_COROUTINE_IS_FINISHED(coroutine);
}

/* At the top of a replacement handler: outside a coroutine, PHP's own handler does the call. */
#define ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original) do { \
		if (!async_hook_in_coroutine()) { \
			(original)(INTERNAL_FUNCTION_PARAM_PASSTHRU); \
			return; \
		} \
	} while (0)

/* Names: async_hooks_* is the layer's own life (as async_reactor_*, async_scheduler_*: minit,
 * mshutdown, minfo, post_deactivate); async_hook_* is what a hook uses (waits, the coroutine
 * check, the tables); each component's functions carry its name (async_xport_*, async_pipe_*,
 * async_stream_waiters_*, async_library_*, async_got_*, ...). */

/* Module hooks (hooks.c). */
void async_hooks_minit(void);
void async_hooks_rinit(void);
void async_hooks_mshutdown(void);
/* php --ri async: a table of the hook families and whether each is active (and why not). */
void async_hooks_minfo(void);
/* Its rows for the socket stream transports and what runs over them, mysqlnd (xport_register.c). */
void async_xport_minfo(void);
/* After PHP closed the request's resources (the module's post-deactivate). */
void async_hooks_post_deactivate(void);
/* mysqli/PDO calls that end with a DB exception chained to the coroutine's cancellation throw the
 * cancellation itself (db_cancellation.c); installed after startup. */
void async_db_cancellation_install(void);
void async_db_cancellation_restore(void);
/* Socket stream transports (xport_register.c). */
void async_xport_hooks_install(void);
void async_xport_hooks_restore(void);
/* A stream of stream_socket_pair() gets the socket proxy ops (xport_register.c). */
void async_xport_adopt_socket_pair(php_stream *stream, bool datagram);
/* At request end, after PHP closed the request's streams: forgets the stream records left
 * (xport_stream.c). */
void async_xport_streams_post_deactivate(void);
/* PHP 8.4's http:// wrapper with overlapping requests (http_headers.c): our opener around PHP's,
 * installed after startup, and what it keeps per request. */
void async_http_headers_install(void);
void async_http_headers_restore(void);
void async_http_headers_post_deactivate(void);

/* ---- waiting from a hook (wait.c): the running coroutine suspends, others run ---- */
typedef enum {
	ASYNC_HOOK_WAIT_READY,      /* the fd is ready / the sleep ended */
	ASYNC_HOOK_WAIT_TIMEOUT,    /* the timeout passed first */
	ASYNC_HOOK_WAIT_FAILED      /* an exception is pending (cancellation, reactor error) */
} async_hook_wait_result_t;

/* Waits until `fd` is ready for `events` (ASYNC_READABLE/ASYNC_WRITABLE) or `timeout_ms` passes
 * (negative: no timeout). `triggered` (may be NULL) receives what fired. */
async_hook_wait_result_t async_hook_wait_fd(php_socket_t fd, bool is_socket, async_poll_event events,
	zend_long timeout_ms, async_poll_event *triggered);
/* The same with a poll event its caller keeps for many waits (started and stopped, not freed). */
async_hook_wait_result_t async_hook_wait_poll(zend_async_poll_event_t *poll, zend_long timeout_ms);
/* Sleeps the running coroutine. */
async_hook_wait_result_t async_hook_sleep(zend_ulong ms, zend_ulong ns);
/* Waits until any of `fds` is ready or `timeout_ns` passes (negative: none); each entry's
 * `triggered` receives what fired for it (wait_fds.c). */
typedef struct { php_socket_t fd; async_poll_event events, triggered; int saved_flags; } async_hook_fd_t;
async_hook_wait_result_t async_hook_wait_fds(async_hook_fd_t *fds, size_t count, int64_t timeout_ns);

/* failure_pause.c: after a hooked call failed without waiting, so that a loop retrying it does
 * not keep the other coroutines from running. Each returns false with the exception pending when
 * the coroutine was cancelled meanwhile. */
/* Lets every other runnable coroutine run (and the reactor, in its turn) once. */
bool async_hook_yield(void);
/* EMFILE, ENFILE, ENOBUFS, ENOMEM: a failure that lasts until something else frees resources. */
bool async_hook_is_resource_shortage(int error);
/* After such a failure: sleeps a few milliseconds, at most `left_ms` (-1: no bound; 0: a yield). */
bool async_hook_pause_after_shortage(zend_long left_ms);

/* Waits until `event` notifies (wait_event.c); false with the exception that woke it pending. */
bool async_hook_wait_event(zend_async_event_t *event);
/* True when the pending exception is of the given engine API kind (e.g. a DNS failure). */
bool async_hook_exception_is(zend_async_class exception_type);
/* Clears the failure of a wait that a hook turns into stock PHP's result (a name that does not
 * resolve): true. But when the coroutine was also cancelled before it ran again, the cancellation
 * is in the failure's previous chain (the engine keeps the first error of a wait): then that
 * cancellation replaces the failure, and false. */
bool async_hook_clear_failure(void);

/* ---- a stream closed while others wait on it (stream_waiters.c): one rule for sockets and pipes ---- */
/* A coroutine suspended in an operation on the stream; it lives on the coroutine's C stack. */
typedef struct {
	async_list_node_t in_list;
	zend_coroutine_t *coroutine;
	int use;                        /* the stream kind's (sockets: read, write or shared) */
} async_stream_waiter_t;

/* In the stream's record. */
typedef struct {
	async_list_t list;              /* async_stream_waiter_t */
	zend_coroutine_t *closer;       /* suspended in the close until the list is empty */
	bool closing;                   /* no new waits; a woken waiter fails as on a closed descriptor */
} async_stream_waiters_t;

void async_stream_waiters_init(async_stream_waiters_t *waiters);
/* Registers a wait; false (nothing registered) once the stream is closing. */
bool async_stream_waiters_enter(async_stream_waiters_t *waiters, async_stream_waiter_t *waiter, int use);
/* Ends a wait; true when this was the last waiter of a stream closed where nobody could wait for
 * it: the caller frees the stream's record then. */
bool async_stream_waiters_leave(async_stream_waiters_t *waiters, async_stream_waiter_t *waiter);
/* Some waiter waits for `use`. */
bool async_stream_waiters_in_use(const async_stream_waiters_t *waiters, int use);
/* Closing now would strand waiters: some wait and the caller cannot suspend until they left. */
bool async_stream_waiters_would_strand(const async_stream_waiters_t *waiters);
/* From the stream's close op, before the descriptor closes: marks the stream closing and wakes
 * its waiters; in a coroutine, waits until they have left (the closer's exceptions are thrown
 * afterwards). True when none is left: the record may be freed; false when some are (closed
 * outside a coroutine): the last one's leave says when. */
bool async_stream_waiters_close(async_stream_waiters_t *waiters);

/* ---- the hook tables, one per file ---- */
extern const async_function_hook_table_t async_sleep_hooks;
extern const async_function_hook_table_t async_dns_hooks;
extern const async_function_hook_table_t async_exec_hooks;
extern const async_function_hook_table_t async_proc_hooks;
extern const async_function_hook_table_t async_stream_select_hooks;
extern const async_function_hook_table_t async_sockets_ext_hooks;
extern const async_function_hook_table_t async_stream_close_hooks;
extern const async_function_hook_table_t async_http_headers_hooks;
extern const async_function_hook_table_t async_curl_busy_hooks;
extern const async_function_hook_table_t async_curl_multi_shared_hooks;
extern const async_function_hook_table_t async_socket_pair_hooks;
extern const async_function_hook_table_t async_flock_hooks;
extern const async_function_hook_table_t async_fork_hooks;
/* curl_multi_shared.c: no coroutine waits in curl_multi_select() at a request's start. */
void async_curl_multi_shared_rinit(void);
void async_curl_multi_shared_post_deactivate(void);
/* curl_handle_busy.c: forgets the transfers a fatal error cut short. */
void async_curl_busy_post_deactivate(void);
/* xport_stream.c: closing this stream now would free it under a coroutine that waits on it, and the
 * caller cannot wait until that coroutine has left (it is not in a coroutine that may suspend). */
bool async_xport_close_would_strand_waiters(php_stream *stream);

#endif
