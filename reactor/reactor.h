/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The libuv reactor: internal declarations shared by its files. Nothing outside reactor/
 * includes this; the rest of the extension reaches the reactor through the engine API only.
 *
 * Threads: every function here runs on the thread that owns the request (and its loop). The
 * only code that runs elsewhere is a thread event's entry and getaddrinfo/getnameinfo work,
 * both on libuv's thread pool, and neither touches the Zend engine.
 */
#ifndef ASYNC_REACTOR_H
#define ASYNC_REACTOR_H

#include "php.h"
#include <uv.h>
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../async_list.h"
#include "../async_array.h"
#include "reactor_state.h"
#include "../php_async.h" /* the module globals: the reactor's per-request state is there */

/* ---- the loop ---- */

/* The loop of this request (of this thread under ZTS), started on first use. */
uv_loop_t *async_uv_loop(void);
bool async_uv_loop_started(void);
/* Counts the loop's starts in this process: what was bound to an earlier loop cannot be used. */
uint32_t async_uv_loop_generation(void);

/* Ends the current loop iteration before it polls: a callback has just woken a waiter, which must
 * run now, not after the next I/O. (UV_RUN_ONCE fires due timers first and would then block in the
 * poll phase with no timer left to bound it.) */
void async_uv_loop_wake(void);

/* How every reactor callback delivers: notify, then let the scheduler run whoever it woke. */
#define ASYNC_UV_NOTIFY(ev, result, exception) do { \
		ZEND_ASYNC_CALLBACKS_NOTIFY((ev), (result), (exception)); \
		async_uv_loop_wake(); \
	} while (0)

bool async_uv_reactor_startup(void);
bool async_uv_reactor_shutdown(void);
bool async_uv_reactor_execute(bool no_wait);
bool async_uv_reactor_loop_alive(void);

/* ---- the lifetime of an event and its libuv handle ----
 *
 * An event's memory and its libuv handle end separately: dispose() is the owner letting go,
 * the close callback is libuv letting go, and the memory is freed when both have happened.
 * Every event is on the request's live list until then, so request shutdown can close every
 * handle and free every event its owner forgot. */

typedef struct _async_uv_event_s async_uv_event_t;

typedef void (*async_uv_free_t)(zend_async_event_t *event);

struct _async_uv_event_s {
	zend_async_event_t *event;         /* the start of the allocation */
	async_list_node_t live_link;       /* in the request's live list */
	uv_handle_t *handle;               /* NULL while the kind has no open handle */
	async_uv_free_t free_memory;       /* frees the allocation (or gives it back to a pool) */
	uint8_t state;
};

#define ASYNC_UV_HANDLE_OPEN    (1u << 0)
#define ASYNC_UV_HANDLE_CLOSING (1u << 1)
#define ASYNC_UV_DISPOSED       (1u << 2)
/* Work in flight on the thread pool (DNS, thread): freeing waits for it to come back. */
#define ASYNC_UV_IN_FLIGHT      (1u << 3)

/* Links the event into the live list. `handle` may be NULL and set later with _set_handle. */
void async_uv_event_init(async_uv_event_t *common, zend_async_event_t *event, uv_handle_t *handle,
	async_uv_free_t free_memory);
/* Records a handle that uv_*_init() has just initialised (handle->data must be the common). */
void async_uv_event_set_handle(async_uv_event_t *common, uv_handle_t *handle);
/* A hidden event's handle does not keep the loop alive: call from start(), since the owner may
 * set or clear F_HIDDEN after the factory returned. */
void async_uv_event_sync_ref(async_uv_event_t *common);
/* Closes the handle now (e.g. a one-shot event that is done); the memory stays. */
void async_uv_event_close_handle(async_uv_event_t *common);
/* The end of a kind's dispose(): after it has stopped the event and freed its callbacks. */
void async_uv_event_release_memory(async_uv_event_t *common);
/* For work on the thread pool: the completion callback calls this when it is back. */
void async_uv_event_work_done(async_uv_event_t *common);

/* The common dispose for kinds with nothing else to tear down: drop a reference, or stop,
 * free the callbacks and release the memory. `common` is found from the event by the kind. */
bool async_uv_event_dispose(zend_async_event_t *event, async_uv_event_t *common);
/* The same, with the kind's own clean-up at the last dispose, once it is stopped and its callbacks
 * are gone, before its memory may go. */
bool async_uv_event_dispose_ex(zend_async_event_t *event, async_uv_event_t *common,
	void (*let_go)(zend_async_event_t *event));

/* Request start: the live list is empty (lifetime.c). */
void async_uv_events_rinit(void);
/* Closes every handle and runs the loop until libuv has let go of all of them. */
void async_uv_close_all_handles(void);
/* After the request: frees the events whose owners never disposed them. */
void async_uv_free_orphans(void);

/* Throws `type` with "<what>: <libuv message>" and returns NULL, for factories. */
void *async_uv_throw(zend_async_class type, int uv_error, const char *what);
/* Creates (not throws) the same, for delivery through notify. */
zend_object *async_uv_exception(zend_async_class type, int uv_error, const char *what);

/* The common add/del callback methods (the engine's vector). */
bool async_uv_add_callback(zend_async_event_t *event, zend_async_event_callback_t *callback);
bool async_uv_del_callback(zend_async_event_t *event, zend_async_event_callback_t *callback);

/* An event kind's own methods, one constant per kind file. */
typedef struct {
	zend_async_event_start_t start;
	zend_async_event_stop_t stop;
	zend_async_event_dispose_t dispose;
	zend_async_event_info_t info;
} async_uv_event_ops_t;

/* What every factory sets the same way: the caller's extra bytes follow the kind's struct
 * (struct_size), the caller owns the one reference, callbacks go through the engine's vector. */
void async_uv_event_setup(zend_async_event_t *event, size_t struct_size, const async_uv_event_ops_t *ops);

/* ---- object pools (timer and poll events) ---- */

/* async_uv_pool_t: reactor_state.h */
void *async_uv_pool_alloc(async_uv_pool_t *pool, size_t size, size_t extra_size);
void async_uv_pool_free(async_uv_pool_t *pool, void *item, size_t extra_size);
void async_uv_pool_drain(async_uv_pool_t *pool);

/* ---- settings (INI) ---- */

typedef struct {
	zend_long timer_pool_size;
	zend_long poll_pool_size;
} async_reactor_settings_t;

extern async_reactor_settings_t async_reactor_settings;

/* ---- event kinds, one file each ---- */

zend_async_timer_event_t *async_uv_new_timer_event(const zend_ulong timeout, const zend_ulong nanoseconds,
	const bool is_periodic, size_t extra_size);
zend_async_poll_event_t *async_uv_new_socket_event(zend_socket_t socket, async_poll_event events, size_t extra_size);
zend_async_poll_event_t *async_uv_new_poll_event(zend_file_descriptor_t fh, zend_socket_t socket,
	async_poll_event events, size_t extra_size);
zend_async_signal_event_t *async_uv_new_signal_event(int signum, size_t extra_size);
zend_async_process_event_t *async_uv_new_process_event(zend_process_t process_handle, size_t extra_size);
zend_async_thread_event_t *async_uv_new_thread_event(zend_async_thread_entry_t entry, void *arg, size_t extra_size);
zend_async_filesystem_event_t *async_uv_new_filesystem_event(zend_string *path, const unsigned int flags,
	size_t extra_size);
zend_async_dns_nameinfo_t *async_uv_getnameinfo(const struct sockaddr *addr, int flags, size_t extra_size);
zend_async_dns_addrinfo_t *async_uv_getaddrinfo(const char *node, const char *service,
	const struct addrinfo *hints, size_t extra_size);
void async_uv_freeaddrinfo(struct addrinfo *ai);
zend_async_exec_event_t *async_uv_new_exec_event(zend_async_exec_mode exec_mode, const char *cmd,
	zval *return_buffer, zval *return_value, zval *std_error, const char *cwd, const char *env,
	size_t extra_size);
int async_uv_exec(zend_async_exec_mode exec_mode, const char *cmd, zval *return_buffer, zval *return_value,
	zval *std_error, const char *cwd, const char *env, const zend_ulong timeout);

/* timer_queue.c: one-shot timeouts of one length queued behind one uv_timer_t. A timeout's memory
 * is its owner's; `expired` is called once it is due (it is no longer queued then). */
typedef struct _async_uv_timeout_queue_s async_uv_timeout_queue_t;
typedef struct _async_uv_timeout_s async_uv_timeout_t;
struct _async_uv_timeout_s {
	async_list_node_t link;
	async_uv_timeout_queue_t *queue;   /* NULL while not queued */
	uint64_t deadline_ns;              /* uv_hrtime() it must not expire before */
	uint64_t seq;
	void (*expired)(async_uv_timeout_t *timeout);
	bool visible;                      /* keeps the loop alive */
};
void async_uv_timeout_add(async_uv_timeout_t *timeout, uint64_t length_ms, bool visible,
	void (*expired)(async_uv_timeout_t *timeout));
void async_uv_timeout_remove(async_uv_timeout_t *timeout);
/* Loop shutdown: `cancel` is called for every queued timeout (it should remove it), then the
 * queues close. */
void async_uv_timeout_queues_close(void (*cancel)(async_uv_timeout_t *timeout));
void async_uv_timer_loop_shutdown(void);
void async_uv_timer_pool_stats(uint64_t *reused, uint64_t *allocated);
void async_uv_poll_pool_stats(uint64_t *reused, uint64_t *allocated);
/* Readiness reports of descriptors libuv delivered so far in this process (each a call of the
 * poll callback, each the work of one epoll event): what a mass wake-up costs. */
uint64_t async_uv_poll_reports(void);

/* Per-kind request cleanup, called by the loop's shutdown (NULL-safe). */
void async_uv_signal_request_shutdown(void);
/* signal.c: whether a signal event holds the signal; running slots take it back before a wait. */
bool async_uv_signal_is_held(int signum);
void async_uv_signal_rearm(void);
/* signal_wake.c: the loop wakes for signals with a PHP handler (pcntl_signal). */
struct sigaction;
bool async_uv_signal_wake_unwrap(int signo, struct sigaction *action);
void async_uv_signal_wake_arm(void);
void async_uv_signal_wake_request_shutdown(void);
void async_uv_poll_rinit(void);
void async_uv_poll_request_shutdown(void);
void async_uv_timer_request_shutdown(void);
/* Thread-pool work still in flight (DNS, thread events): cancel what is queued and never
 * notify what comes back during the drain that follows. */
void async_uv_work_request_shutdown(void);
void async_uv_work_rinit(void);

#include "reactor_module.h"

#endif
