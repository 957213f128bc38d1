/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * What each reactor entry does while no backend provides it: throw an Error that says so.
 * A backend that registers with a NULL entry leaves that entry here too.
 */
#include "php.h"
#include "../zend_async_API.h"
#include "engine.h"

static void throw_unavailable(const char *entry)
{
	const char *module = zend_async_get_reactor_module_name();
	if (module == NULL) {
		zend_throw_error(NULL, "Cannot call %s(): no async reactor is registered", entry);
	} else {
		zend_throw_error(NULL, "Cannot call %s(): the async reactor %s does not provide it", entry, module);
	}
}

static bool default_startup(void) { throw_unavailable("reactor_startup"); return false; }
static bool default_shutdown(void) { throw_unavailable("reactor_shutdown"); return false; }
static bool default_execute(bool no_wait) { (void) no_wait; throw_unavailable("reactor_execute"); return false; }
static bool default_loop_alive(void) { throw_unavailable("reactor_loop_alive"); return false; }

static zend_async_poll_event_t *default_new_socket_event(zend_socket_t s, async_poll_event e, size_t x)
{
	(void) s; (void) e; (void) x;
	throw_unavailable("new_socket_event");
	return NULL;
}

static zend_async_poll_event_t *default_new_poll_event(zend_file_descriptor_t f, zend_socket_t s,
	async_poll_event e, size_t x)
{
	(void) f; (void) s; (void) e; (void) x;
	throw_unavailable("new_poll_event");
	return NULL;
}

static zend_async_timer_event_t *default_new_timer_event(const zend_ulong ms, const zend_ulong ns,
	const bool periodic, size_t x)
{
	(void) ms; (void) ns; (void) periodic; (void) x;
	throw_unavailable("new_timer_event");
	return NULL;
}

static zend_async_signal_event_t *default_new_signal_event(int signum, size_t x)
{
	(void) signum; (void) x;
	throw_unavailable("new_signal_event");
	return NULL;
}

static zend_async_process_event_t *default_new_process_event(zend_process_t p, size_t x)
{
	(void) p; (void) x;
	throw_unavailable("new_process_event");
	return NULL;
}

static zend_async_thread_event_t *default_new_thread_event(zend_async_thread_entry_t entry, void *arg, size_t x)
{
	(void) entry; (void) arg; (void) x;
	throw_unavailable("new_thread_event");
	return NULL;
}

static zend_async_filesystem_event_t *default_new_filesystem_event(zend_string *path, const unsigned int fl, size_t x)
{
	(void) path; (void) fl; (void) x;
	throw_unavailable("new_filesystem_event");
	return NULL;
}

static zend_async_dns_nameinfo_t *default_getnameinfo(const struct sockaddr *addr, int fl, size_t x)
{
	(void) addr; (void) fl; (void) x;
	throw_unavailable("getnameinfo");
	return NULL;
}

static zend_async_dns_addrinfo_t *default_getaddrinfo(const char *node, const char *svc,
	const struct addrinfo *hints, size_t x)
{
	(void) node; (void) svc; (void) hints; (void) x;
	throw_unavailable("getaddrinfo");
	return NULL;
}

static void default_freeaddrinfo(struct addrinfo *ai)
{
	(void) ai;
	throw_unavailable("freeaddrinfo");
}

static zend_async_exec_event_t *default_new_exec_event(zend_async_exec_mode mode, const char *cmd,
	zval *buf, zval *rv, zval *err, const char *cwd, const char *env, size_t x)
{
	(void) mode; (void) cmd; (void) buf; (void) rv; (void) err; (void) cwd; (void) env; (void) x;
	throw_unavailable("new_exec_event");
	return NULL;
}

static int default_exec(zend_async_exec_mode mode, const char *cmd, zval *buf, zval *rv, zval *err,
	const char *cwd, const char *env, const zend_ulong timeout)
{
	(void) mode; (void) cmd; (void) buf; (void) rv; (void) err; (void) cwd; (void) env; (void) timeout;
	throw_unavailable("exec");
	return -1;
}

/* Set by async_engine_registry_reset() in MINIT. */
ZEND_ASYNC_EXPORT zend_async_reactor_startup_t zend_async_reactor_startup_fn;
ZEND_ASYNC_EXPORT zend_async_reactor_shutdown_t zend_async_reactor_shutdown_fn;
ZEND_ASYNC_EXPORT zend_async_reactor_execute_t zend_async_reactor_execute_fn;
ZEND_ASYNC_EXPORT zend_async_reactor_loop_alive_t zend_async_reactor_loop_alive_fn;
ZEND_ASYNC_EXPORT zend_async_new_socket_event_t zend_async_new_socket_event_fn;
ZEND_ASYNC_EXPORT zend_async_new_poll_event_t zend_async_new_poll_event_fn;
ZEND_ASYNC_EXPORT zend_async_new_timer_event_t zend_async_new_timer_event_fn;
ZEND_ASYNC_EXPORT zend_async_new_signal_event_t zend_async_new_signal_event_fn;
ZEND_ASYNC_EXPORT zend_async_new_process_event_t zend_async_new_process_event_fn;
ZEND_ASYNC_EXPORT zend_async_new_thread_event_t zend_async_new_thread_event_fn;
ZEND_ASYNC_EXPORT zend_async_new_filesystem_event_t zend_async_new_filesystem_event_fn;
ZEND_ASYNC_EXPORT zend_async_getnameinfo_t zend_async_getnameinfo_fn;
ZEND_ASYNC_EXPORT zend_async_getaddrinfo_t zend_async_getaddrinfo_fn;
ZEND_ASYNC_EXPORT zend_async_freeaddrinfo_t zend_async_freeaddrinfo_fn;
ZEND_ASYNC_EXPORT zend_async_new_exec_event_t zend_async_new_exec_event_fn;
ZEND_ASYNC_EXPORT zend_async_exec_t zend_async_exec_fn;

void async_engine_reactor_defaults_set(void)
{
	zend_async_reactor_startup_fn = default_startup;
	zend_async_reactor_shutdown_fn = default_shutdown;
	zend_async_reactor_execute_fn = default_execute;
	zend_async_reactor_loop_alive_fn = default_loop_alive;
	zend_async_new_socket_event_fn = default_new_socket_event;
	zend_async_new_poll_event_fn = default_new_poll_event;
	zend_async_new_timer_event_fn = default_new_timer_event;
	zend_async_new_signal_event_fn = default_new_signal_event;
	zend_async_new_process_event_fn = default_new_process_event;
	zend_async_new_thread_event_fn = default_new_thread_event;
	zend_async_new_filesystem_event_fn = default_new_filesystem_event;
	zend_async_getnameinfo_fn = default_getnameinfo;
	zend_async_getaddrinfo_fn = default_getaddrinfo;
	zend_async_freeaddrinfo_fn = default_freeaddrinfo;
	zend_async_new_exec_event_fn = default_new_exec_event;
	zend_async_exec_fn = default_exec;
}
