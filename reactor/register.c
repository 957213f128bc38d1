/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The libuv backend's registration and settings. It registers in MINIT as "libuv" without
 * allow_override, so a later backend must ask to replace it; INI async.default_reactor=0 leaves
 * the slot free for another backend.
 */
#include "reactor.h"
#include "ext/standard/info.h"

/* Process-wide: the backend registers once, in MINIT, and these settings are PHP_INI_SYSTEM. */
async_reactor_settings_t async_reactor_settings;
static bool default_reactor = true;
static char reactor_module[] = "libuv";

/* ZEND_INI_MH's parameters that a handler does not need. */
#define INI_MH_UNUSED() do { (void) entry; (void) mh_arg1; (void) mh_arg2; (void) mh_arg3; (void) stage; } while (0)

static ZEND_INI_MH(on_update_pool_size)
{
	INI_MH_UNUSED();
	zend_long size;
	if (!async_ini_parse_number(entry, new_value, 0, 1000000, &size)) {
		return FAILURE;
	}
	*(zend_long *) ((char *) mh_arg2 + (size_t) mh_arg1) = size;
	return SUCCESS;
}

static ZEND_INI_MH(on_update_default_reactor)
{
	INI_MH_UNUSED();
	return async_ini_parse_switch(entry, new_value, &default_reactor) ? SUCCESS : FAILURE;
}

PHP_INI_BEGIN()
	STD_PHP_INI_ENTRY("async.timer_pool_size", "1024", PHP_INI_SYSTEM, on_update_pool_size,
		timer_pool_size, async_reactor_settings_t, async_reactor_settings)
	STD_PHP_INI_ENTRY("async.poll_pool_size", "1024", PHP_INI_SYSTEM, on_update_pool_size,
		poll_pool_size, async_reactor_settings_t, async_reactor_settings)
	PHP_INI_ENTRY("async.default_reactor", "1", PHP_INI_SYSTEM, on_update_default_reactor)
PHP_INI_END()


/* Async\runtime_stats(): the pools' reuse and the loop's state, while this backend is the one
 * registered. */
static void reactor_stats(zval *stats)
{
	const char *registered = zend_async_get_reactor_module_name();
	if (registered == NULL || strcmp(registered, reactor_module) != 0) {
		return;
	}
	uint64_t reused = 0, allocated = 0;
	add_assoc_bool(stats, "reactor_loop_started", async_uv_loop_started());
	async_uv_timer_pool_stats(&reused, &allocated);
	add_assoc_long(stats, "timer_pool_reused", (zend_long) reused);
	add_assoc_long(stats, "timer_pool_allocated", (zend_long) allocated);
	reused = allocated = 0;
	async_uv_poll_pool_stats(&reused, &allocated);
	add_assoc_long(stats, "poll_pool_reused", (zend_long) reused);
	add_assoc_long(stats, "poll_pool_allocated", (zend_long) allocated);
	add_assoc_long(stats, "poll_reports", (zend_long) async_uv_poll_reports());
}

void async_reactor_minit(int type, int module_number)
{
	REGISTER_INI_ENTRIES();
	if (!default_reactor) {
		return;
	}
	if (!zend_async_reactor_register(reactor_module, false,
			async_uv_reactor_startup, async_uv_reactor_shutdown, async_uv_reactor_execute, async_uv_reactor_loop_alive,
			async_uv_new_socket_event, async_uv_new_poll_event, async_uv_new_timer_event, async_uv_new_signal_event,
			async_uv_new_process_event, async_uv_new_thread_event, async_uv_new_filesystem_event,
			async_uv_getnameinfo, async_uv_getaddrinfo, async_uv_freeaddrinfo,
			async_uv_new_exec_event, async_uv_exec)) {
		zend_error(E_CORE_WARNING, "The libuv reactor could not be registered");
		return;
	}
	async_add_stats_provider(reactor_stats);
}

void async_reactor_mshutdown(int type, int module_number)
{
	(void) type;
	UNREGISTER_INI_ENTRIES();
}

/* Only when our backend is the registered one: another backend runs its own loop. */
static bool ours(void)
{
	return zend_async_get_reactor_module_name() == reactor_module;
}

/* The request's lists (live events, poll handles, work in flight) start empty. */
void async_reactor_rinit(void)
{
	async_uv_events_rinit();
	async_uv_poll_rinit();
	async_uv_work_rinit();
}

void async_reactor_rshutdown(void)
{
	if (ours() || async_uv_loop_started()) {
		async_uv_reactor_shutdown();
	}
}

void async_reactor_post_deactivate(void)
{
	async_uv_free_orphans();
	async_uv_timer_request_shutdown();
}


/* php --ri async: the libuv the process runs with, and the one it was built against when they differ. */
void async_reactor_minfo(void)
{
	char compiled[32];
	snprintf(compiled, sizeof(compiled), "%d.%d.%d", UV_VERSION_MAJOR, UV_VERSION_MINOR, UV_VERSION_PATCH);
	/* Upstream's label for its libuv backend, which scripts look for in phpinfo(). */
	php_info_print_table_row(2, "LibUv Reactor", "Enabled");
	php_info_print_table_row(2, "libuv version", uv_version_string());
	if (strcmp(compiled, uv_version_string()) != 0) {
		php_info_print_table_row(2, "libuv version (compiled)", compiled);
	}
}
