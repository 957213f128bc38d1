/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * zend_async_API.h: the TrueAsync engine API, for stock PHP.
 *
 * This is the one public header of the `async` extension. `make install` puts it at
 * <php include dir>/ext/async/zend_async_API.h, so another extension can
 *
 *     #include "ext/async/zend_async_API.h"
 *
 * and either register a backend (zend_async_reactor_register) or consume events through the
 * ZEND_ASYNC_* macros. Names and semantics follow upstream TrueAsync; where the two differ
 * (see docs/engine-api.md) this header says so next to the declaration.
 *
 * A consumer extension must declare ZEND_MOD_REQUIRED("async") so that async.so is loaded,
 * and its symbols resolved, before it.
 */
#ifndef ZEND_ASYNC_API_H
#define ZEND_ASYNC_API_H

#include "zend.h"
#include "zend_types.h"
#include <stdint.h>
#include <limits.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netdb.h>

/* ---------------------------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------------------------- */

/* The reactor registration has the guide's 18 entries, which is upstream's API 0.4 shape; the
 * event methods return bool as upstream does from 0.9 on. */
#define ZEND_ASYNC_API "TrueAsync API v0.4.0 (stock PHP)"
#define ZEND_ASYNC_API_VERSION_MAJOR 0
#define ZEND_ASYNC_API_VERSION_MINOR 4
#define ZEND_ASYNC_API_VERSION_PATCH 0
#define ZEND_ASYNC_API_VERSION_NUMBER \
	((ZEND_ASYNC_API_VERSION_MAJOR << 16) | (ZEND_ASYNC_API_VERSION_MINOR << 8) | ZEND_ASYNC_API_VERSION_PATCH)

#if defined(__GNUC__) && __GNUC__ >= 4
# define ZEND_ASYNC_EXPORT __attribute__((visibility("default")))
#else
# define ZEND_ASYNC_EXPORT
#endif

BEGIN_EXTERN_C()

ZEND_ASYNC_EXPORT const char *zend_async_get_api_version(void);
ZEND_ASYNC_EXPORT int zend_async_get_api_version_number(void);

/* ---------------------------------------------------------------------------------------------
 * Descriptors
 * ------------------------------------------------------------------------------------------- */

typedef int zend_socket_t;
typedef int zend_file_descriptor_t;
typedef pid_t zend_process_t;
#define ZEND_FD_NULL (-1)
#define ZEND_SOCKET_NULL (-1)

/* ---------------------------------------------------------------------------------------------
 * The base event
 * ------------------------------------------------------------------------------------------- */

typedef struct _zend_async_event_s zend_async_event_t;
typedef struct _zend_async_event_callback_s zend_async_event_callback_t;

typedef void (*zend_async_event_callback_fn)(zend_async_event_t *event,
	zend_async_event_callback_t *callback, void *result, zend_object *exception);
typedef void (*zend_async_event_callback_dispose_fn)(zend_async_event_callback_t *callback,
	zend_async_event_t *event);

struct _zend_async_event_callback_s {
	/* 0 while being built or destroyed; each vector the callback sits in holds one. */
	uint32_t ref_count;
	zend_async_event_callback_fn callback;
	zend_async_event_callback_dispose_fn dispose;
};

typedef struct {
	uint32_t length;
	uint32_t capacity;
	zend_async_event_callback_t **data;
	/* Index of the next callback that the notify in progress will call; NULL when none runs. */
	uint32_t *current_iterator;
} zend_async_callbacks_vector_t;

typedef bool (*zend_async_event_add_callback_t)(zend_async_event_t *event, zend_async_event_callback_t *callback);
typedef bool (*zend_async_event_del_callback_t)(zend_async_event_t *event, zend_async_event_callback_t *callback);
typedef bool (*zend_async_event_start_t)(zend_async_event_t *event);
typedef bool (*zend_async_event_stop_t)(zend_async_event_t *event);
typedef bool (*zend_async_event_replay_t)(zend_async_event_t *event, zend_async_event_callback_t *callback,
	zval *result, zend_object **exception);
typedef bool (*zend_async_event_dispose_t)(zend_async_event_t *event);
typedef zend_string *(*zend_async_event_info_t)(zend_async_event_t *event);
typedef void (*zend_async_event_notify_handler_t)(zend_async_event_t *event, void *result, zend_object *exception);

struct _zend_async_event_s {
	/* Bits 0-12: the base flags below. Bits 13 and up belong to the event kind. */
	uint32_t flags;
	/* Offset from the start of the event to the caller's extra_size bytes. */
	uint32_t extra_offset;
	union {
		/* C events: the owners' reference count. */
		uint32_t ref_count;
		/* Events embedded in a zend_object (F_ZEND_OBJ): where the object starts. */
		uint32_t zend_object_offset;
	};
	/* How many start() calls are outstanding; the handle is armed while this is above zero. */
	uint32_t loop_ref_count;
	zend_async_callbacks_vector_t callbacks;
	zend_async_event_add_callback_t add_callback;
	zend_async_event_del_callback_t del_callback;
	zend_async_event_start_t start;
	zend_async_event_stop_t stop;
	zend_async_event_replay_t replay;               /* nullable */
	zend_async_event_dispose_t dispose;
	zend_async_event_info_t info;                   /* nullable */
	zend_async_event_notify_handler_t notify_handler; /* nullable: replaces normal delivery */
};

#define ZEND_ASYNC_EVENT_F_CLOSED            (1u << 0)  /* finished: start/stop are no-ops */
#define ZEND_ASYNC_EVENT_F_RESULT_USED       (1u << 1)  /* someone will read the result */
#define ZEND_ASYNC_EVENT_F_EXC_CAUGHT        (1u << 2)  /* someone will handle the error */
#define ZEND_ASYNC_EVENT_F_ZVAL_RESULT       (1u << 3)  /* callbacks' result is a zval* */
#define ZEND_ASYNC_EVENT_F_ZEND_OBJ          (1u << 4)  /* embedded in a zend_object */
#define ZEND_ASYNC_EVENT_F_NO_FREE_MEMORY    (1u << 5)  /* dispose must not free the memory */
#define ZEND_ASYNC_EVENT_F_EXCEPTION_HANDLED (1u << 6)  /* a listener took the exception */
#define ZEND_ASYNC_EVENT_F_REFERENCE         (1u << 7)  /* the struct is an event reference */
#define ZEND_ASYNC_EVENT_F_OBJ_REF           (1u << 8)  /* extra area starts with the owning object */
#define ZEND_ASYNC_EVENT_F_CLOSE_FD          (1u << 9)  /* close the fd when the handle goes */
#define ZEND_ASYNC_EVENT_F_HIDDEN            (1u << 10) /* not counted as keeping anyone alive */
#define ZEND_ASYNC_EVENT_F_BAILOUT           (1u << 11) /* in a bailout: skip PHP handlers */

#define ZEND_ASYNC_EVENT_REFERENCE_PREFIX 0x80u

#define ZEND_ASYNC_EVENT_IS_CLOSED(ev)          (((ev)->flags & ZEND_ASYNC_EVENT_F_CLOSED) != 0)
#define ZEND_ASYNC_EVENT_SET_CLOSED(ev)         ((ev)->flags |= ZEND_ASYNC_EVENT_F_CLOSED)
#define ZEND_ASYNC_EVENT_CLR_CLOSED(ev)         ((ev)->flags &= ~ZEND_ASYNC_EVENT_F_CLOSED)
#define ZEND_ASYNC_EVENT_WILL_RESULT_USED(ev)   (((ev)->flags & ZEND_ASYNC_EVENT_F_RESULT_USED) != 0)
#define ZEND_ASYNC_EVENT_SET_RESULT_USED(ev)    ((ev)->flags |= ZEND_ASYNC_EVENT_F_RESULT_USED)
#define ZEND_ASYNC_EVENT_CLR_RESULT_USED(ev)    ((ev)->flags &= ~ZEND_ASYNC_EVENT_F_RESULT_USED)
#define ZEND_ASYNC_EVENT_WILL_EXC_CAUGHT(ev)    (((ev)->flags & ZEND_ASYNC_EVENT_F_EXC_CAUGHT) != 0)
#define ZEND_ASYNC_EVENT_SET_EXC_CAUGHT(ev)     ((ev)->flags |= ZEND_ASYNC_EVENT_F_EXC_CAUGHT)
#define ZEND_ASYNC_EVENT_CLR_EXC_CAUGHT(ev)     ((ev)->flags &= ~ZEND_ASYNC_EVENT_F_EXC_CAUGHT)
#define ZEND_ASYNC_EVENT_WILL_ZVAL_RESULT(ev)   (((ev)->flags & ZEND_ASYNC_EVENT_F_ZVAL_RESULT) != 0)
#define ZEND_ASYNC_EVENT_SET_ZVAL_RESULT(ev)    ((ev)->flags |= ZEND_ASYNC_EVENT_F_ZVAL_RESULT)
#define ZEND_ASYNC_EVENT_CLR_ZVAL_RESULT(ev)    ((ev)->flags &= ~ZEND_ASYNC_EVENT_F_ZVAL_RESULT)
#define ZEND_ASYNC_EVENT_IS_ZEND_OBJ(ev)        (((ev)->flags & ZEND_ASYNC_EVENT_F_ZEND_OBJ) != 0)
#define ZEND_ASYNC_EVENT_SET_ZEND_OBJ(ev)       ((ev)->flags |= ZEND_ASYNC_EVENT_F_ZEND_OBJ)
#define ZEND_ASYNC_EVENT_SET_ZEND_OBJ_OFFSET(ev, off) ((ev)->zend_object_offset = (uint32_t)(off))
#define ZEND_ASYNC_EVENT_IS_NO_FREE_MEMORY(ev)  (((ev)->flags & ZEND_ASYNC_EVENT_F_NO_FREE_MEMORY) != 0)
#define ZEND_ASYNC_EVENT_SET_NO_FREE_MEMORY(ev) ((ev)->flags |= ZEND_ASYNC_EVENT_F_NO_FREE_MEMORY)
#define ZEND_ASYNC_EVENT_IS_EXCEPTION_HANDLED(ev)  (((ev)->flags & ZEND_ASYNC_EVENT_F_EXCEPTION_HANDLED) != 0)
#define ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(ev) ((ev)->flags |= ZEND_ASYNC_EVENT_F_EXCEPTION_HANDLED)
#define ZEND_ASYNC_EVENT_CLR_EXCEPTION_HANDLED(ev) ((ev)->flags &= ~ZEND_ASYNC_EVENT_F_EXCEPTION_HANDLED)
#define ZEND_ASYNC_EVENT_IS_REFERENCE(ev)       ((ev)->flags == ZEND_ASYNC_EVENT_REFERENCE_PREFIX)
#define ZEND_ASYNC_EVENT_WITH_OBJECT_REF(ev)    ((ev)->flags |= ZEND_ASYNC_EVENT_F_OBJ_REF)
#define ZEND_ASYNC_EVENT_HAS_OBJECT_REF(ev)     (((ev)->flags & ZEND_ASYNC_EVENT_F_OBJ_REF) != 0)
#define ZEND_ASYNC_EVENT_SHOULD_CLOSE_FD(ev)    (((ev)->flags & ZEND_ASYNC_EVENT_F_CLOSE_FD) != 0)
#define ZEND_ASYNC_EVENT_SET_CLOSE_FD(ev)       ((ev)->flags |= ZEND_ASYNC_EVENT_F_CLOSE_FD)
#define ZEND_ASYNC_EVENT_CLR_CLOSE_FD(ev)       ((ev)->flags &= ~ZEND_ASYNC_EVENT_F_CLOSE_FD)
#define ZEND_ASYNC_EVENT_IS_HIDDEN(ev)          (((ev)->flags & ZEND_ASYNC_EVENT_F_HIDDEN) != 0)
#define ZEND_ASYNC_EVENT_SET_HIDDEN(ev)         ((ev)->flags |= ZEND_ASYNC_EVENT_F_HIDDEN)
#define ZEND_ASYNC_EVENT_CLR_HIDDEN(ev)         ((ev)->flags &= ~ZEND_ASYNC_EVENT_F_HIDDEN)
#define ZEND_ASYNC_EVENT_IS_BAILOUT(ev)         (((ev)->flags & ZEND_ASYNC_EVENT_F_BAILOUT) != 0)
#define ZEND_ASYNC_EVENT_SET_BAILOUT(ev)        ((ev)->flags |= ZEND_ASYNC_EVENT_F_BAILOUT)

/* The caller's extra_size bytes, reserved by the factory behind the backend's own struct. */
#define ZEND_ASYNC_EVENT_EXTRA(ev)              ((void *) ((char *) (ev) + (ev)->extra_offset))

#define ZEND_ASYNC_EVENT_TO_OBJECT(ev) \
	(ZEND_ASYNC_EVENT_HAS_OBJECT_REF(ev) \
		? *(zend_object **) ZEND_ASYNC_EVENT_EXTRA(ev) \
		: (zend_object *) ((char *) (ev) + (ev)->zend_object_offset))

/* Reference counting. Factories return events with one reference, owned by the caller. */
#define ZEND_ASYNC_EVENT_REFCOUNT(ev) \
	(ZEND_ASYNC_EVENT_IS_ZEND_OBJ(ev) ? GC_REFCOUNT(ZEND_ASYNC_EVENT_TO_OBJECT(ev)) : (ev)->ref_count)
/* The guide's spelling. */
#define ZEND_ASYNC_EVENT_REF(ev) ZEND_ASYNC_EVENT_REFCOUNT(ev)

#define ZEND_ASYNC_EVENT_ADD_REF(ev) do { \
		if (ZEND_ASYNC_EVENT_IS_ZEND_OBJ(ev)) { \
			GC_ADDREF(ZEND_ASYNC_EVENT_TO_OBJECT(ev)); \
		} else { \
			(ev)->ref_count++; \
		} \
	} while (0)

/* Drops a reference without ever disposing. */
#define ZEND_ASYNC_EVENT_DEL_REF(ev) do { \
		if (ZEND_ASYNC_EVENT_IS_ZEND_OBJ(ev)) { \
			GC_DELREF(ZEND_ASYNC_EVENT_TO_OBJECT(ev)); \
		} else if ((ev)->ref_count > 0) { \
			(ev)->ref_count--; \
		} \
	} while (0)

/* Drops a reference; the last one disposes the event. */
#define ZEND_ASYNC_EVENT_RELEASE(ev) zend_async_event_release(ev)

ZEND_ASYNC_EXPORT void zend_async_event_release(zend_async_event_t *event);

/* ---------------------------------------------------------------------------------------------
 * Active event count. Every started, non-hidden event counts once; the scheduler reads the
 * count to tell "something can still wake us" from a deadlock.
 * ------------------------------------------------------------------------------------------- */

#define ZEND_ASYNC_INCREASE_EVENT_COUNT(ev) do { \
		if (!ZEND_ASYNC_EVENT_IS_HIDDEN(ev) && ZEND_ASYNC_G(active_event_count) < UINT_MAX) { \
			ZEND_ASYNC_G(active_event_count)++; \
		} \
	} while (0)

#define ZEND_ASYNC_DECREASE_EVENT_COUNT(ev) do { \
		if (!ZEND_ASYNC_EVENT_IS_HIDDEN(ev) && ZEND_ASYNC_G(active_event_count) > 0) { \
			ZEND_ASYNC_G(active_event_count)--; \
		} \
	} while (0)

#define ZEND_ASYNC_INCREASE_COROUTINE_COUNT do { ZEND_ASYNC_G(active_coroutine_count)++; } while (0)
#define ZEND_ASYNC_DECREASE_COROUTINE_COUNT do { \
		if (ZEND_ASYNC_G(active_coroutine_count) > 0) { ZEND_ASYNC_G(active_coroutine_count)--; } \
	} while (0)

/*
 * The start/stop discipline, for use at the top of a backend's start() and stop() methods
 * (both return bool). start: a closed event never re-arms; a started one only counts one more
 * user. stop: only the last of nested starts disarms; a closed event is only uncounted, so
 * always stop an event *before* setting it closed (zend_async_event_close does that).
 * After the prologue the method does the real (dis)arm and then calls
 * EVENT_START_EPILOGUE / EVENT_STOP_EPILOGUE.
 */
#define EVENT_START_PROLOGUE(ev) do { \
		if (ZEND_ASYNC_EVENT_IS_CLOSED(ev)) { \
			return true; \
		} \
		if ((ev)->loop_ref_count > 0) { \
			(ev)->loop_ref_count++; \
			return true; \
		} \
	} while (0)

#define EVENT_START_EPILOGUE(ev) do { \
		(ev)->loop_ref_count = 1; \
		ZEND_ASYNC_INCREASE_EVENT_COUNT(ev); \
	} while (0)

#define EVENT_STOP_PROLOGUE(ev) do { \
		if ((ev)->loop_ref_count == 0) { \
			return true; \
		} \
		if (ZEND_ASYNC_EVENT_IS_CLOSED(ev)) { \
			(ev)->loop_ref_count = 0; \
			return true; \
		} \
		if ((ev)->loop_ref_count > 1) { \
			(ev)->loop_ref_count--; \
			return true; \
		} \
	} while (0)

#define EVENT_STOP_EPILOGUE(ev) do { \
		(ev)->loop_ref_count = 0; \
		ZEND_ASYNC_DECREASE_EVENT_COUNT(ev); \
	} while (0)

/* Stops the event however many starts it has, then marks it closed. */
ZEND_ASYNC_EXPORT void zend_async_event_close(zend_async_event_t *event);

/* ---------------------------------------------------------------------------------------------
 * The callbacks vector
 * ------------------------------------------------------------------------------------------- */

/* Allocates a callback of `size` bytes (0: the base size; otherwise at least the base size),
 * with ref_count 0 and a dispose that frees it when the last vector lets go. */
ZEND_ASYNC_EXPORT zend_async_event_callback_t *zend_async_event_callback_new(
	zend_async_event_callback_fn callback, size_t size);
#define ZEND_ASYNC_EVENT_CALLBACK(fn)             zend_async_event_callback_new(fn, 0)
#define ZEND_ASYNC_EVENT_CALLBACK_EX(fn, size)    zend_async_event_callback_new(fn, size)
#define ZEND_ASYNC_EVENT_CALLBACK_ADD_REF(cb)     ((cb)->ref_count++)
#define ZEND_ASYNC_EVENT_CALLBACK_DEC_REF(cb)     do { if ((cb)->ref_count > 1) { (cb)->ref_count--; } } while (0)
#define ZEND_ASYNC_EVENT_CALLBACK_RELEASE(cb)     do { \
		if ((cb)->ref_count > 1) { \
			(cb)->ref_count--; \
		} else if ((cb)->dispose != NULL) { \
			(cb)->dispose((cb), NULL); \
		} \
	} while (0)

/* Appends the callback and takes a reference on it. */
ZEND_ASYNC_EXPORT bool zend_async_callbacks_push(zend_async_event_t *event, zend_async_event_callback_t *callback);
/* Removes the callback and disposes it (drops the vector's reference). Safe during notify:
 * no other callback is skipped or called twice. Order is not preserved. False if absent. */
ZEND_ASYNC_EXPORT bool zend_async_callbacks_remove(zend_async_event_t *event, zend_async_event_callback_t *callback);
/* Calls every callback once, holding a reference on the event meanwhile. A nested notify of
 * the same event is refused with E_CORE_WARNING. Stops early once EG(exception) is set.
 * With from_handler false and a notify_handler set, calls the handler instead. */
ZEND_ASYNC_EXPORT void zend_async_callbacks_notify(zend_async_event_t *event, void *result,
	zend_object *exception, bool from_handler);
/* Stops the event, marks it closed, then notifies. */
ZEND_ASYNC_EXPORT void zend_async_callbacks_notify_and_close(zend_async_event_t *event, void *result,
	zend_object *exception);
/* Disposes every callback and frees the vector. Called from an event's dispose. */
ZEND_ASYNC_EXPORT void zend_async_callbacks_free(zend_async_event_t *event);

#define ZEND_ASYNC_CALLBACKS_NOTIFY(ev, r, e)              zend_async_callbacks_notify((ev), (r), (e), false)
#define ZEND_ASYNC_CALLBACKS_NOTIFY_FROM_HANDLER(ev, r, e) zend_async_callbacks_notify((ev), (r), (e), true)
#define ZEND_ASYNC_CALLBACKS_NOTIFY_AND_CLOSE(ev, r, e)    zend_async_callbacks_notify_and_close((ev), (r), (e))

/* ---------------------------------------------------------------------------------------------
 * Event kinds. Each begins with its ABI struct; a backend's struct begins with that.
 * ------------------------------------------------------------------------------------------- */

typedef enum {
	ASYNC_READABLE = 1,
	ASYNC_WRITABLE = 2,
	ASYNC_DISCONNECT = 4,
	ASYNC_PRIORITIZED = 8
} async_poll_event;

/* Poll event flag (the kind's bits of event.flags), an addition of this implementation: the owner
 * releases the event before it closes the descriptor, or lets the reactor close it (F_CLOSE_FD).
 * The reactor then need not check, each time the event starts again, that the descriptor still
 * is the file it was made for (one fstat() per wait otherwise). Set it before the first start. */
#define ZEND_ASYNC_POLL_F_OWNER_CLOSES (1u << 13)
#define ZEND_ASYNC_POLL_OWNER_CLOSES(ev)     (((ev)->flags & ZEND_ASYNC_POLL_F_OWNER_CLOSES) != 0)
#define ZEND_ASYNC_POLL_SET_OWNER_CLOSES(ev) ((ev)->flags |= ZEND_ASYNC_POLL_F_OWNER_CLOSES)

typedef struct {
	zend_async_event_t base;
	bool is_socket;
	union {
		zend_file_descriptor_t file;
		zend_socket_t socket;
	};
	async_poll_event events;           /* what the caller waits for */
	async_poll_event triggered_events; /* what fired, valid during notify */
} zend_async_poll_event_t;

typedef struct {
	zend_async_event_t base;
	unsigned int timeout;              /* milliseconds */
	bool is_periodic;
} zend_async_timer_event_t;

typedef struct {
	zend_async_event_t base;
	int signal;
} zend_async_signal_event_t;

typedef struct {
	zend_async_event_t base;
	zend_process_t process;
	/* WEXITSTATUS, or -signal when the child was killed by a signal, -1 if unknown. */
	zend_long exit_code;
} zend_async_process_event_t;

typedef struct _zend_async_thread_event_s zend_async_thread_event_t;
/* Runs on another thread: no Zend API calls there. */
typedef void (*zend_async_thread_entry_t)(zend_async_thread_event_t *event, void *arg);

struct _zend_async_thread_event_s {
	zend_async_event_t base;
	zend_async_thread_entry_t entry;
	void *arg;
	/* Set when the entry has returned; read on the loop thread during notify. */
	bool finished;
};

#define ZEND_ASYNC_FS_EVENT_RENAME     (1u << 0)
#define ZEND_ASYNC_FS_EVENT_CHANGE     (1u << 1)
#define ZEND_ASYNC_FS_EVENT_RECURSIVE  (1u << 0) /* a creation flag */

typedef struct {
	zend_async_event_t base;
	zend_string *path;
	unsigned int flags;
	unsigned int triggered_events;
	zend_string *triggered_filename;   /* owned by the event; valid during notify */
} zend_async_filesystem_event_t;

typedef struct {
	zend_async_event_t base;
	zend_string *hostname;             /* results, owned by the event */
	zend_string *service;
} zend_async_dns_nameinfo_t;

typedef struct {
	zend_async_event_t base;
	const char *node;                  /* the event's copies of the request */
	const char *service;
	/* The result, set before the notification. The event owns it until a consumer takes it:
	 * read the pointer, set the field to NULL, later free it with ZEND_ASYNC_FREEADDRINFO.
	 * Whatever is still here when the event is freed is freed with it. */
	struct addrinfo *result;
} zend_async_dns_addrinfo_t;

typedef enum {
	ZEND_ASYNC_EXEC_MODE_EXEC,        /* exec(): the last line */
	ZEND_ASYNC_EXEC_MODE_SYSTEM,      /* system(): print everything, return the last line */
	ZEND_ASYNC_EXEC_MODE_EXEC_ARRAY,  /* exec() with an array: every line */
	ZEND_ASYNC_EXEC_MODE_PASSTHRU,    /* passthru(): raw output */
	ZEND_ASYNC_EXEC_MODE_SHELL_EXEC   /* shell_exec(): the whole output */
} zend_async_exec_mode;

typedef struct {
	zend_async_event_t base;
	zend_async_exec_mode exec_mode;
	bool terminated;
	char *cmd;
	zval *return_value;
	zval *result_buffer;
	size_t output_len;
	char *output_buffer;
	zend_long exit_code;
	int term_signal;
	zval *std_error;
} zend_async_exec_event_t;

/* ---------------------------------------------------------------------------------------------
 * Reactor registration: the guide's 18 entries.
 * ------------------------------------------------------------------------------------------- */

typedef bool (*zend_async_reactor_startup_t)(void);
typedef bool (*zend_async_reactor_shutdown_t)(void);
typedef bool (*zend_async_reactor_execute_t)(bool no_wait);
typedef bool (*zend_async_reactor_loop_alive_t)(void);
typedef zend_async_poll_event_t *(*zend_async_new_socket_event_t)(zend_socket_t socket,
	async_poll_event events, size_t extra_size);
typedef zend_async_poll_event_t *(*zend_async_new_poll_event_t)(zend_file_descriptor_t fh,
	zend_socket_t socket, async_poll_event events, size_t extra_size);
typedef zend_async_timer_event_t *(*zend_async_new_timer_event_t)(const zend_ulong timeout,
	const zend_ulong nanoseconds, const bool is_periodic, size_t extra_size);
typedef zend_async_signal_event_t *(*zend_async_new_signal_event_t)(int signum, size_t extra_size);
typedef zend_async_process_event_t *(*zend_async_new_process_event_t)(zend_process_t process_handle,
	size_t extra_size);
typedef zend_async_thread_event_t *(*zend_async_new_thread_event_t)(zend_async_thread_entry_t entry,
	void *arg, size_t extra_size);
typedef zend_async_filesystem_event_t *(*zend_async_new_filesystem_event_t)(zend_string *path,
	const unsigned int flags, size_t extra_size);
typedef zend_async_dns_nameinfo_t *(*zend_async_getnameinfo_t)(const struct sockaddr *addr,
	int flags, size_t extra_size);
typedef zend_async_dns_addrinfo_t *(*zend_async_getaddrinfo_t)(const char *node, const char *service,
	const struct addrinfo *hints, size_t extra_size);
typedef void (*zend_async_freeaddrinfo_t)(struct addrinfo *ai);
typedef zend_async_exec_event_t *(*zend_async_new_exec_event_t)(zend_async_exec_mode exec_mode,
	const char *cmd, zval *return_buffer, zval *return_value, zval *std_error, const char *cwd,
	const char *env, size_t extra_size);
typedef int (*zend_async_exec_t)(zend_async_exec_mode exec_mode, const char *cmd, zval *return_buffer,
	zval *return_value, zval *std_error, const char *cwd, const char *env, const zend_ulong timeout);

ZEND_ASYNC_EXPORT extern zend_async_reactor_startup_t zend_async_reactor_startup_fn;
ZEND_ASYNC_EXPORT extern zend_async_reactor_shutdown_t zend_async_reactor_shutdown_fn;
ZEND_ASYNC_EXPORT extern zend_async_reactor_execute_t zend_async_reactor_execute_fn;
ZEND_ASYNC_EXPORT extern zend_async_reactor_loop_alive_t zend_async_reactor_loop_alive_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_socket_event_t zend_async_new_socket_event_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_poll_event_t zend_async_new_poll_event_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_timer_event_t zend_async_new_timer_event_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_signal_event_t zend_async_new_signal_event_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_process_event_t zend_async_new_process_event_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_thread_event_t zend_async_new_thread_event_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_filesystem_event_t zend_async_new_filesystem_event_fn;
ZEND_ASYNC_EXPORT extern zend_async_getnameinfo_t zend_async_getnameinfo_fn;
ZEND_ASYNC_EXPORT extern zend_async_getaddrinfo_t zend_async_getaddrinfo_fn;
ZEND_ASYNC_EXPORT extern zend_async_freeaddrinfo_t zend_async_freeaddrinfo_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_exec_event_t zend_async_new_exec_event_fn;
ZEND_ASYNC_EXPORT extern zend_async_exec_t zend_async_exec_fn;

/*
 * Registers a backend. The core keeps the module pointer: pass a static string.
 * - no backend yet, or the same module again: stored, true;
 * - another module, allow_override false: refused, false, with an error naming both modules
 *   (E_CORE_WARNING at startup; an Error exception when called while PHP code runs);
 * - another module, allow_override true: replaces the first, true.
 */
ZEND_ASYNC_EXPORT bool zend_async_reactor_register(char *module, bool allow_override,
	zend_async_reactor_startup_t startup, zend_async_reactor_shutdown_t shutdown,
	zend_async_reactor_execute_t execute, zend_async_reactor_loop_alive_t loop_alive,
	zend_async_new_socket_event_t new_socket_event, zend_async_new_poll_event_t new_poll_event,
	zend_async_new_timer_event_t new_timer_event, zend_async_new_signal_event_t new_signal_event,
	zend_async_new_process_event_t new_process_event, zend_async_new_thread_event_t new_thread_event,
	zend_async_new_filesystem_event_t new_filesystem_event, zend_async_getnameinfo_t getnameinfo,
	zend_async_getaddrinfo_t getaddrinfo, zend_async_freeaddrinfo_t freeaddrinfo,
	zend_async_new_exec_event_t new_exec_event, zend_async_exec_t exec);

/* The registered reactor's module name, or NULL. */
ZEND_ASYNC_EXPORT const char *zend_async_get_reactor_module_name(void);

#define ZEND_ASYNC_REACTOR_STARTUP()           zend_async_reactor_startup_fn()
#define ZEND_ASYNC_REACTOR_SHUTDOWN()          zend_async_reactor_shutdown_fn()
#define ZEND_ASYNC_REACTOR_EXECUTE(no_wait)    zend_async_reactor_execute_fn(no_wait)
#define ZEND_ASYNC_REACTOR_LOOP_ALIVE()        zend_async_reactor_loop_alive_fn()

#define ZEND_ASYNC_NEW_SOCKET_EVENT(s, ev)             zend_async_new_socket_event_fn((s), (ev), 0)
#define ZEND_ASYNC_NEW_SOCKET_EVENT_EX(s, ev, sz)      zend_async_new_socket_event_fn((s), (ev), (sz))
#define ZEND_ASYNC_NEW_POLL_EVENT(fh, s, ev)           zend_async_new_poll_event_fn((fh), (s), (ev), 0)
#define ZEND_ASYNC_NEW_POLL_EVENT_EX(fh, s, ev, sz)    zend_async_new_poll_event_fn((fh), (s), (ev), (sz))
#define ZEND_ASYNC_NEW_TIMER_EVENT(ms, periodic)       zend_async_new_timer_event_fn((ms), 0, (periodic), 0)
#define ZEND_ASYNC_NEW_TIMER_EVENT_EX(ms, periodic, sz) zend_async_new_timer_event_fn((ms), 0, (periodic), (sz))
#define ZEND_ASYNC_NEW_TIMER_EVENT_NS(ms, ns, periodic) zend_async_new_timer_event_fn((ms), (ns), (periodic), 0)
#define ZEND_ASYNC_NEW_TIMER_EVENT_NS_EX(ms, ns, periodic, sz) zend_async_new_timer_event_fn((ms), (ns), (periodic), (sz))
#define ZEND_ASYNC_NEW_SIGNAL_EVENT(sig)               zend_async_new_signal_event_fn((sig), 0)
#define ZEND_ASYNC_NEW_SIGNAL_EVENT_EX(sig, sz)        zend_async_new_signal_event_fn((sig), (sz))
#define ZEND_ASYNC_NEW_PROCESS_EVENT(p)                zend_async_new_process_event_fn((p), 0)
#define ZEND_ASYNC_NEW_PROCESS_EVENT_EX(p, sz)         zend_async_new_process_event_fn((p), (sz))
#define ZEND_ASYNC_NEW_THREAD_EVENT(entry, arg)        zend_async_new_thread_event_fn((entry), (arg), 0)
#define ZEND_ASYNC_NEW_THREAD_EVENT_EX(entry, arg, sz) zend_async_new_thread_event_fn((entry), (arg), (sz))
#define ZEND_ASYNC_NEW_FILESYSTEM_EVENT(path, fl)      zend_async_new_filesystem_event_fn((path), (fl), 0)
#define ZEND_ASYNC_NEW_FILESYSTEM_EVENT_EX(path, fl, sz) zend_async_new_filesystem_event_fn((path), (fl), (sz))
#define ZEND_ASYNC_GETNAMEINFO(addr, fl)               zend_async_getnameinfo_fn((addr), (fl), 0)
#define ZEND_ASYNC_GETNAMEINFO_EX(addr, fl, sz)        zend_async_getnameinfo_fn((addr), (fl), (sz))
#define ZEND_ASYNC_GETADDRINFO(node, svc, hints)       zend_async_getaddrinfo_fn((node), (svc), (hints), 0)
#define ZEND_ASYNC_GETADDRINFO_EX(node, svc, hints, sz) zend_async_getaddrinfo_fn((node), (svc), (hints), (sz))
#define ZEND_ASYNC_FREEADDRINFO(ai)                    zend_async_freeaddrinfo_fn(ai)
#define ZEND_ASYNC_NEW_EXEC_EVENT(m, cmd, buf, rv, err, cwd, env) \
	zend_async_new_exec_event_fn((m), (cmd), (buf), (rv), (err), (cwd), (env), 0)
#define ZEND_ASYNC_NEW_EXEC_EVENT_EX(m, cmd, buf, rv, err, cwd, env, sz) \
	zend_async_new_exec_event_fn((m), (cmd), (buf), (rv), (err), (cwd), (env), (sz))
#define ZEND_ASYNC_EXEC(m, cmd, buf, rv, err, cwd, env, timeout) \
	zend_async_exec_fn((m), (cmd), (buf), (rv), (err), (cwd), (env), (timeout))

/* ---------------------------------------------------------------------------------------------
 * Scheduler side
 * ------------------------------------------------------------------------------------------- */

typedef struct _zend_coroutine_s zend_coroutine_t;
typedef struct _zend_async_scope_s zend_async_scope_t;
typedef struct _zend_async_context_s zend_async_context_t;
typedef struct _zend_async_waker_s zend_async_waker_t;
typedef struct _zend_async_microtask_s zend_async_microtask_t;

typedef struct {
	zend_fcall_info fci;
	zend_fcall_info_cache fci_cache;
} zend_fcall_t;

typedef void (*zend_coroutine_entry_t)(void);
typedef void (*zend_async_coroutine_dispose)(zend_coroutine_t *coroutine);

struct _zend_coroutine_s {
	/* Fires once, when the coroutine finishes, with a zval* result (F_ZVAL_RESULT). */
	zend_async_event_t event;
	zend_fcall_t *fcall;                   /* userland entry */
	zend_coroutine_entry_t internal_entry; /* set when fcall is NULL */
	void *extended_data;
	zend_async_waker_t *waker;
	zend_async_scope_t *scope;
	zval result;
	zend_object *exception;
	zend_async_context_t *context;
	HashTable *internal_context;
	zend_string *filename;                 /* where it was spawned */
	uint32_t lineno;
	zend_async_coroutine_dispose extended_dispose;
};

/* Coroutine flags, in event.flags from bit 13. Finished is the base CLOSED bit. */
#define ZEND_COROUTINE_F_STARTED   (1u << 13)
#define ZEND_COROUTINE_F_CANCELLED (1u << 14)
#define ZEND_COROUTINE_F_ZOMBIE    (1u << 15)
#define ZEND_COROUTINE_F_PROTECTED (1u << 16)
#define ZEND_COROUTINE_F_MAIN      (1u << 17)
#define ZEND_COROUTINE_F_FIBER     (1u << 18)
#define ZEND_COROUTINE_F_YIELD     (1u << 19)

#define ZEND_COROUTINE_IS_FINISHED(co)  ZEND_ASYNC_EVENT_IS_CLOSED(&(co)->event)
#define ZEND_COROUTINE_SET_FINISHED(co) ZEND_ASYNC_EVENT_SET_CLOSED(&(co)->event)
#define ZEND_COROUTINE_IS_STARTED(co)   (((co)->event.flags & ZEND_COROUTINE_F_STARTED) != 0)
#define ZEND_COROUTINE_SET_STARTED(co)  ((co)->event.flags |= ZEND_COROUTINE_F_STARTED)
#define ZEND_COROUTINE_IS_CANCELLED(co) (((co)->event.flags & ZEND_COROUTINE_F_CANCELLED) != 0)
#define ZEND_COROUTINE_SET_CANCELLED(co) ((co)->event.flags |= ZEND_COROUTINE_F_CANCELLED)
#define ZEND_COROUTINE_IS_ZOMBIE(co)    (((co)->event.flags & ZEND_COROUTINE_F_ZOMBIE) != 0)
#define ZEND_COROUTINE_SET_ZOMBIE(co)   ((co)->event.flags |= ZEND_COROUTINE_F_ZOMBIE)
#define ZEND_COROUTINE_IS_PROTECTED(co) (((co)->event.flags & ZEND_COROUTINE_F_PROTECTED) != 0)
#define ZEND_COROUTINE_SET_PROTECTED(co) ((co)->event.flags |= ZEND_COROUTINE_F_PROTECTED)
#define ZEND_COROUTINE_CLR_PROTECTED(co) ((co)->event.flags &= ~ZEND_COROUTINE_F_PROTECTED)
#define ZEND_COROUTINE_IS_MAIN(co)      (((co)->event.flags & ZEND_COROUTINE_F_MAIN) != 0)
#define ZEND_COROUTINE_SET_MAIN(co)     ((co)->event.flags |= ZEND_COROUTINE_F_MAIN)

#define ZEND_COROUTINE_NORMAL      0
#define ZEND_COROUTINE_HI_PRIORITY 255

typedef bool (*zend_async_scheduler_launch_t)(void);
typedef zend_coroutine_t *(*zend_async_new_coroutine_t)(zend_async_scope_t *scope);
/* with_zend_object is accepted and ignored by this extension's scheduler: every scope it makes is
 * an Async\Scope object (the scope lives inside it, and the object's refcount is the scope's),
 * so there is no objectless scope to make; false gets the same as true. */
typedef zend_async_scope_t *(*zend_async_new_scope_t)(zend_async_scope_t *parent, bool with_zend_object);
typedef zend_async_context_t *(*zend_async_new_context_t)(void);
typedef zend_coroutine_t *(*zend_async_spawn_t)(zend_async_scope_t *scope, zend_object *scope_provider,
	int32_t priority);
/* is_bailout is accepted and ignored by this extension's scheduler. Upstream's patched php-src
 * passes it from the zend_catch of a fatal error (ZEND_ASYNC_RUN_SCHEDULER_AFTER_MAIN(true)); stock
 * PHP never calls from_main=true, and this extension runs what is left after the script itself
 * (its RSHUTDOWN, where CG(unclean_shutdown) tells it a fatal error happened and it runs nothing). */
typedef bool (*zend_async_suspend_t)(bool from_main, bool is_bailout);
typedef bool (*zend_async_enqueue_coroutine_t)(zend_coroutine_t *coroutine);
typedef bool (*zend_async_resume_t)(zend_coroutine_t *coroutine, zend_object *error, const bool transfer_error);
/* is_safely is accepted and ignored by this extension's scheduler: every cancellation is the safe
 * kind: a coroutine that never ran ends without running, a suspended one wakes with the error
 * thrown where it waits, a running one gets it at its next suspension point, and one inside a
 * protect() section (ZEND_COROUTINE_F_PROTECTED) when the section ends. Nothing in the extension
 * asks for another kind. */
typedef bool (*zend_async_cancel_t)(zend_coroutine_t *coroutine, zend_object *error, bool transfer_error,
	const bool is_safely);
typedef bool (*zend_async_spawn_and_throw_t)(zend_object *exception, zend_async_scope_t *scope, int32_t priority);
typedef bool (*zend_async_shutdown_t)(void);
typedef zend_array *(*zend_async_get_coroutines_t)(void);
typedef bool (*zend_async_add_microtask_t)(zend_async_microtask_t *microtask);
typedef zend_array *(*zend_async_get_awaiting_info_t)(zend_coroutine_t *coroutine);

typedef enum {
	ZEND_ASYNC_CLASS_NO = 0,
	ZEND_ASYNC_CLASS_AWAITABLE = 1,
	ZEND_ASYNC_CLASS_COROUTINE = 2,
	ZEND_ASYNC_CLASS_SCOPE = 3,
	ZEND_ASYNC_CLASS_CONTEXT = 4,
	ZEND_ASYNC_CLASS_SCOPE_PROVIDER = 5,
	ZEND_ASYNC_CLASS_SPAWN_STRATEGY = 6,
	ZEND_ASYNC_CLASS_TIMEOUT = 7,
	ZEND_ASYNC_CLASS_COMPLETABLE = 8,
	ZEND_ASYNC_CLASS_CHANNEL = 10,
	ZEND_ASYNC_CLASS_FUTURE = 11,

	ZEND_ASYNC_EXCEPTION_DEFAULT = 30,      /* Async\AsyncException */
	ZEND_ASYNC_EXCEPTION_CANCELLATION = 31, /* Async\AsyncCancellation */
	ZEND_ASYNC_EXCEPTION_TIMEOUT = 32,      /* Async\TimeoutException */
	ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT = 33, /* Async\InputOutputException */
	ZEND_ASYNC_EXCEPTION_POLL = 34,         /* Async\PollException */
	ZEND_ASYNC_EXCEPTION_DNS = 35,          /* Async\DnsException */
	ZEND_ASYNC_EXCEPTION_DEADLOCK = 36,     /* Async\DeadlockError */
	ZEND_ASYNC_EXCEPTION_OPERATION_CANCELLED = 38, /* Async\OperationCanceledException */
	ZEND_ASYNC_EXCEPTION_COMPOSITE = 41     /* Async\CompositeException (ours) */
} zend_async_class;

typedef zend_class_entry *(*zend_async_get_class_ce_t)(zend_async_class type);

ZEND_ASYNC_EXPORT extern zend_async_scheduler_launch_t zend_async_scheduler_launch_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_coroutine_t zend_async_new_coroutine_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_scope_t zend_async_new_scope_fn;
ZEND_ASYNC_EXPORT extern zend_async_new_context_t zend_async_new_context_fn;
ZEND_ASYNC_EXPORT extern zend_async_spawn_t zend_async_spawn_fn;
ZEND_ASYNC_EXPORT extern zend_async_suspend_t zend_async_suspend_fn;
ZEND_ASYNC_EXPORT extern zend_async_enqueue_coroutine_t zend_async_enqueue_coroutine_fn;
ZEND_ASYNC_EXPORT extern zend_async_resume_t zend_async_resume_fn;
ZEND_ASYNC_EXPORT extern zend_async_cancel_t zend_async_cancel_fn;
ZEND_ASYNC_EXPORT extern zend_async_spawn_and_throw_t zend_async_spawn_and_throw_fn;
ZEND_ASYNC_EXPORT extern zend_async_shutdown_t zend_async_shutdown_fn;
ZEND_ASYNC_EXPORT extern zend_async_get_coroutines_t zend_async_get_coroutines_fn;
ZEND_ASYNC_EXPORT extern zend_async_add_microtask_t zend_async_add_microtask_fn;
ZEND_ASYNC_EXPORT extern zend_async_get_awaiting_info_t zend_async_get_awaiting_info_fn;
ZEND_ASYNC_EXPORT extern zend_async_get_class_ce_t zend_async_get_class_ce_fn;

/* Same refusal/override rules as zend_async_reactor_register. */
ZEND_ASYNC_EXPORT bool zend_async_scheduler_register(char *module, bool allow_override,
	zend_async_scheduler_launch_t launch, zend_async_new_coroutine_t new_coroutine,
	zend_async_new_scope_t new_scope, zend_async_new_context_t new_context,
	zend_async_spawn_t spawn, zend_async_suspend_t suspend,
	zend_async_enqueue_coroutine_t enqueue_coroutine, zend_async_resume_t resume,
	zend_async_cancel_t cancel, zend_async_spawn_and_throw_t spawn_and_throw,
	zend_async_shutdown_t shutdown, zend_async_get_coroutines_t get_coroutines,
	zend_async_add_microtask_t add_microtask, zend_async_get_awaiting_info_t get_awaiting_info,
	zend_async_get_class_ce_t get_class_ce);

ZEND_ASYNC_EXPORT const char *zend_async_get_scheduler_module_name(void);

#define ZEND_ASYNC_SCHEDULER_LAUNCH()               zend_async_scheduler_launch_fn()
#define ZEND_ASYNC_NEW_COROUTINE(scope)             zend_async_new_coroutine_fn(scope)
#define ZEND_ASYNC_NEW_SCOPE(parent)                zend_async_new_scope_fn((parent), false)
#define ZEND_ASYNC_NEW_SCOPE_WITH_OBJECT(parent)    zend_async_new_scope_fn((parent), true)
#define ZEND_ASYNC_SPAWN()                          zend_async_spawn_fn(NULL, NULL, ZEND_COROUTINE_NORMAL)
#define ZEND_ASYNC_SPAWN_WITH(scope)                zend_async_spawn_fn((scope), NULL, ZEND_COROUTINE_NORMAL)
#define ZEND_ASYNC_SPAWN_WITH_PROVIDER(provider)    zend_async_spawn_fn(NULL, (provider), ZEND_COROUTINE_NORMAL)
#define ZEND_ASYNC_SPAWN_WITH_PRIORITY(priority)    zend_async_spawn_fn(NULL, NULL, (priority))
#define ZEND_ASYNC_SPAWN_WITH_SCOPE_EX(scope, prio) zend_async_spawn_fn((scope), NULL, (prio))
#define ZEND_ASYNC_SUSPEND()                        zend_async_suspend_fn(false, false)
#define ZEND_ASYNC_RUN_SCHEDULER_AFTER_MAIN(bail)   zend_async_suspend_fn(true, (bail))
#define ZEND_ASYNC_ENQUEUE_COROUTINE(co)            zend_async_enqueue_coroutine_fn(co)
#define ZEND_ASYNC_RESUME(co)                       zend_async_resume_fn((co), NULL, false)
#define ZEND_ASYNC_RESUME_WITH_ERROR(co, err, tr)   zend_async_resume_fn((co), (err), (tr))
#define ZEND_ASYNC_CANCEL(co, err, tr)              zend_async_cancel_fn((co), (err), (tr), false)
#define ZEND_ASYNC_CANCEL_EX(co, err, tr, safely)   zend_async_cancel_fn((co), (err), (tr), (safely))
#define ZEND_ASYNC_SPAWN_AND_THROW(exc, scope, p)   zend_async_spawn_and_throw_fn((exc), (scope), (p))
#define ZEND_ASYNC_SHUTDOWN()                       zend_async_shutdown_fn()
#define ZEND_ASYNC_GET_COROUTINES()                 zend_async_get_coroutines_fn()
#define ZEND_ASYNC_ADD_MICROTASK(m)                 zend_async_add_microtask_fn(m)
#define ZEND_ASYNC_GET_AWAITING_INFO(co)            zend_async_get_awaiting_info_fn(co)
#define ZEND_ASYNC_GET_CE(type)                     zend_async_get_class_ce_fn(type)
#define ZEND_ASYNC_GET_EXCEPTION_CE(type)           zend_async_get_class_ce_fn(type)

/* ---------------------------------------------------------------------------------------------
 * Wakers: what a suspended coroutine waits for. The core implements them (engine/waker.c), so
 * a consumer waits on any event the same way:
 *
 *     zend_coroutine_t *co = ZEND_ASYNC_CURRENT_COROUTINE;
 *     zend_async_waker_new(co);
 *     zend_async_resume_when(co, &ZEND_ASYNC_NEW_TIMER_EVENT(10, false)->base, true,
 *         zend_async_waker_callback_resolve, NULL);
 *     ZEND_ASYNC_SUSPEND();            (starts the events, switches away, cleans up after)
 *     if (EG(exception)) ...           (the error that woke it, if any)
 * ------------------------------------------------------------------------------------------- */

typedef enum {
	ZEND_ASYNC_WAKER_NO_STATUS = 0,
	ZEND_ASYNC_WAKER_WAITING = 1,
	ZEND_ASYNC_WAKER_QUEUED = 2,
	ZEND_ASYNC_WAKER_IGNORED = 3,
	ZEND_ASYNC_WAKER_RESULT = 4
} ZEND_ASYNC_WAKER_STATUS;

/* A callback that wakes a coroutine: the coroutine and the event it was attached to. */
typedef struct {
	zend_async_event_callback_t base;
	zend_coroutine_t *coroutine;
	zend_async_event_t *event;
} zend_coroutine_event_callback_t;

typedef struct {
	zend_async_event_t *event;
	zend_coroutine_event_callback_t *callback;
} zend_async_waker_trigger_t;

#define ZEND_ASYNC_WAKER_INLINE_SLOTS 2

struct _zend_async_waker_s {
	ZEND_ASYNC_WAKER_STATUS status;
	bool events_started;
	uint32_t count;                     /* triggers in use */
	uint32_t capacity;                  /* of `more` */
	zend_async_waker_trigger_t inline_triggers[ZEND_ASYNC_WAKER_INLINE_SLOTS];
	zend_async_waker_trigger_t *more;   /* triggers beyond the inline ones */
	zend_coroutine_event_callback_t inline_callbacks[ZEND_ASYNC_WAKER_INLINE_SLOTS];
	uint8_t inline_callbacks_used;      /* bit i: inline_callbacks[i] is in use */
	zval result;                        /* what await() returns */
	zend_object *error;                 /* thrown in the coroutine when it resumes */
	zend_string *filename;              /* where it suspended: filled from suspend_frame when asked */
	uint32_t lineno;
	/* The frame running when the wait began (NULL outside PHP code); valid while it is suspended.
	 * Finding the file and line costs a walk up the frames at every suspension, so it is left to
	 * whoever asks (a deadlock report, getSuspendLocation()). */
	const zend_execute_data *suspend_frame;
};

#define ZEND_ASYNC_WAKER_WAITING_NOW(w) ((w) != NULL && (w)->status == ZEND_ASYNC_WAKER_WAITING)

/* Prepares the coroutine's waker for a new wait (no allocation: the waker lives in the
 * coroutine) and records where the coroutine suspends. */
ZEND_ASYNC_EXPORT zend_async_waker_t *zend_async_waker_new(zend_coroutine_t *coroutine);
/* Attaches `event` to the wait: when it notifies, `callback` runs (normally one of the three
 * below). With trans_event the waker takes over the caller's reference to the event; otherwise
 * it takes its own. `cb` may be a caller-built callback (NULL: the waker makes one). Throws
 * Error if the event is already closed. */
ZEND_ASYNC_EXPORT bool zend_async_resume_when(zend_coroutine_t *coroutine, zend_async_event_t *event,
	bool trans_event, zend_async_event_callback_fn callback, zend_coroutine_event_callback_t *cb);
/* Wakes the coroutine with the event's result (a zval* result is copied) or its exception. */
ZEND_ASYNC_EXPORT void zend_async_waker_callback_resolve(zend_async_event_t *event,
	zend_async_event_callback_t *callback, void *result, zend_object *exception);
/* Wakes it with an OperationCanceledException (the event's exception as previous). */
ZEND_ASYNC_EXPORT void zend_async_waker_callback_cancel(zend_async_event_t *event,
	zend_async_event_callback_t *callback, void *result, zend_object *exception);
/* Wakes it with a TimeoutException (or the event's own exception). */
ZEND_ASYNC_EXPORT void zend_async_waker_callback_timeout(zend_async_event_t *event,
	zend_async_event_callback_t *callback, void *result, zend_object *exception);
/* Starts every event of the wait (the scheduler calls it when the coroutine suspends). */
ZEND_ASYNC_EXPORT void zend_async_waker_start_events(zend_coroutine_t *coroutine);
/* Ends the wait: stops the events, detaches the callbacks, releases the events. The result and
 * error stay until the next zend_async_waker_new() or zend_async_waker_destroy(). */
ZEND_ASYNC_EXPORT void zend_async_waker_clean(zend_coroutine_t *coroutine);
/* Cleans and drops the result and error too (coroutine end). */
ZEND_ASYNC_EXPORT void zend_async_waker_destroy(zend_coroutine_t *coroutine);
/* Sets the error that the coroutine will see (the first one wins; a later one becomes its
 * previous), without waking it. */
ZEND_ASYNC_EXPORT void zend_async_waker_apply_error(zend_async_waker_t *waker, zend_object *error, bool transfer);

/* ---------------------------------------------------------------------------------------------
 * Exceptions. The classes live in namespace Async. On stock PHP a class cannot be a third root
 * of Throwable, so AsyncCancellation (and OperationCanceledException) extend \Error: a
 * `catch (\Exception $e)` never swallows a cancellation. The other exceptions extend
 * AsyncException, which extends \Exception; DeadlockError extends \Error.
 * ------------------------------------------------------------------------------------------- */

/* Creates (does not throw) an exception of the kind; CLASS_NO means DEFAULT. */
ZEND_ASYNC_EXPORT zend_object *zend_async_new_exception(zend_async_class type, const char *format, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
/* Throws one; returns it (owned by EG(exception)). */
ZEND_ASYNC_EXPORT zend_object *zend_async_throw(zend_async_class type, const char *format, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
ZEND_ASYNC_EXPORT zend_object *zend_async_throw_cancellation(const char *format, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);
ZEND_ASYNC_EXPORT zend_object *zend_async_throw_timeout(const char *format, zend_long timeout);

/* ---------------------------------------------------------------------------------------------
 * Globals and state
 * ------------------------------------------------------------------------------------------- */

typedef enum {
	ZEND_ASYNC_OFF = 0,
	ZEND_ASYNC_READY = 1,
	ZEND_ASYNC_ACTIVE = 2
} zend_async_state_t;

typedef struct {
	zend_async_state_t state;
	bool in_scheduler_context;
	bool graceful_shutdown;
	unsigned int active_coroutine_count;
	unsigned int active_event_count;
	zend_coroutine_t *coroutine;        /* the running coroutine */
	zend_async_scope_t *main_scope;
	zend_coroutine_t *scheduler;
	zend_coroutine_t *main_coroutine;
	zend_object *exit_exception;
} zend_async_globals_t;

#ifdef ZTS
ZEND_ASYNC_EXPORT extern int zend_async_globals_id;
# define ZEND_ASYNC_G(v) ZEND_TSRMG(zend_async_globals_id, zend_async_globals_t *, v)
#else
ZEND_ASYNC_EXPORT extern zend_async_globals_t zend_async_globals_api;
# define ZEND_ASYNC_G(v) (zend_async_globals_api.v)
#endif

#define ZEND_ASYNC_STATE                 ZEND_ASYNC_G(state)
#define ZEND_ASYNC_ON                    (ZEND_ASYNC_G(state) > ZEND_ASYNC_OFF)
#define ZEND_ASYNC_IS_OFF                (ZEND_ASYNC_G(state) == ZEND_ASYNC_OFF)
#define ZEND_ASYNC_IS_READY              (ZEND_ASYNC_G(state) == ZEND_ASYNC_READY)
#define ZEND_ASYNC_IS_ACTIVE             (ZEND_ASYNC_G(state) == ZEND_ASYNC_ACTIVE)
#define ZEND_ASYNC_INITIALIZE            (ZEND_ASYNC_G(state) = ZEND_ASYNC_READY)
#define ZEND_ASYNC_ACTIVATE              (ZEND_ASYNC_G(state) = ZEND_ASYNC_ACTIVE)
#define ZEND_ASYNC_DEACTIVATE            (ZEND_ASYNC_G(state) = ZEND_ASYNC_OFF)
#define ZEND_ASYNC_CURRENT_COROUTINE     ZEND_ASYNC_G(coroutine)
#define ZEND_ASYNC_MAIN_COROUTINE        ZEND_ASYNC_G(main_coroutine)
#define ZEND_ASYNC_MAIN_SCOPE            ZEND_ASYNC_G(main_scope)
#define ZEND_ASYNC_SCHEDULER             ZEND_ASYNC_G(scheduler)
#define ZEND_ASYNC_ACTIVE_COROUTINE_COUNT ZEND_ASYNC_G(active_coroutine_count)
#define ZEND_ASYNC_ACTIVE_EVENT_COUNT    ZEND_ASYNC_G(active_event_count)
#define ZEND_ASYNC_GRACEFUL_SHUTDOWN     ZEND_ASYNC_G(graceful_shutdown)
#define ZEND_ASYNC_EXIT_EXCEPTION        ZEND_ASYNC_G(exit_exception)
#define ZEND_ASYNC_IS_SCHEDULER_CONTEXT  ZEND_ASYNC_G(in_scheduler_context)
#define ZEND_ASYNC_CURRENT_SCOPE \
	(ZEND_ASYNC_G(coroutine) != NULL ? ZEND_ASYNC_G(coroutine)->scope : NULL)

/* True when both a scheduler and a reactor are registered. */
ZEND_ASYNC_EXPORT bool zend_async_is_enabled(void);
ZEND_ASYNC_EXPORT bool zend_scheduler_is_enabled(void);
ZEND_ASYNC_EXPORT bool zend_async_reactor_is_enabled(void);
#define ZEND_ASYNC_IS_ENABLED()         zend_async_is_enabled()
#define ZEND_ASYNC_REACTOR_IS_ENABLED() zend_async_reactor_is_enabled()

END_EXTERN_C()

#endif /* ZEND_ASYNC_API_H */
