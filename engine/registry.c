/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Registration of the reactor and the scheduler, the version query and the enablement
 * predicates. Every entry starts as a default that says clearly that nothing is registered.
 */
#include "php.h"
#include "../zend_async_API.h"
#include "engine.h"

static char *reactor_module_name = NULL;
static char *scheduler_module_name = NULL;

ZEND_ASYNC_EXPORT const char *zend_async_get_api_version(void)
{
	return ZEND_ASYNC_API;
}

ZEND_ASYNC_EXPORT int zend_async_get_api_version_number(void)
{
	return ZEND_ASYNC_API_VERSION_NUMBER;
}

ZEND_ASYNC_EXPORT const char *zend_async_get_reactor_module_name(void)
{
	return reactor_module_name;
}

ZEND_ASYNC_EXPORT const char *zend_async_get_scheduler_module_name(void)
{
	return scheduler_module_name;
}

ZEND_ASYNC_EXPORT bool zend_async_reactor_is_enabled(void)
{
	return reactor_module_name != NULL;
}

ZEND_ASYNC_EXPORT bool zend_scheduler_is_enabled(void)
{
	return scheduler_module_name != NULL;
}

ZEND_ASYNC_EXPORT bool zend_async_is_enabled(void)
{
	return reactor_module_name != NULL && scheduler_module_name != NULL;
}

/*
 * Decides whether `module` may take the group. A refusal names both modules: as an Error
 * exception when PHP code is running (the caller can catch it), otherwise as a startup warning
 * (a backend's MINIT sees false and decides what to do).
 */
static bool registration_allowed(const char *group, char **current, char *module, bool allow_override)
{
	if (module == NULL || *module == '\0') {
		zend_error(E_CORE_WARNING, "A module without a name cannot register the %s", group);
		return false;
	}

	if (*current == NULL || *current == module || strcmp(*current, module) == 0 || allow_override) {
		return true;
	}

	if (EG(current_execute_data) != NULL) {
		zend_throw_error(NULL, "The module %s is trying to override the %s, which was registered by the module %s",
			module, group, *current);
	} else {
		zend_error(E_CORE_WARNING, "The module %s is trying to override the %s, which was registered by the module %s",
			module, group, *current);
	}
	return false;
}

ZEND_ASYNC_EXPORT bool zend_async_reactor_register(char *module, bool allow_override,
	zend_async_reactor_startup_t startup, zend_async_reactor_shutdown_t shutdown,
	zend_async_reactor_execute_t execute, zend_async_reactor_loop_alive_t loop_alive,
	zend_async_new_socket_event_t new_socket_event, zend_async_new_poll_event_t new_poll_event,
	zend_async_new_timer_event_t new_timer_event, zend_async_new_signal_event_t new_signal_event,
	zend_async_new_process_event_t new_process_event, zend_async_new_thread_event_t new_thread_event,
	zend_async_new_filesystem_event_t new_filesystem_event, zend_async_getnameinfo_t getnameinfo,
	zend_async_getaddrinfo_t getaddrinfo, zend_async_freeaddrinfo_t freeaddrinfo,
	zend_async_new_exec_event_t new_exec_event, zend_async_exec_t exec)
{
	if (!registration_allowed("reactor", &reactor_module_name, module, allow_override)) {
		return false;
	}

	reactor_module_name = module;

	/* A NULL entry keeps the default, which throws "not supported by the backend". */
	async_engine_reactor_defaults_set();
#define TAKE(slot) if (slot != NULL) { zend_async_##slot##_fn = slot; }
	if (startup != NULL) { zend_async_reactor_startup_fn = startup; }
	if (shutdown != NULL) { zend_async_reactor_shutdown_fn = shutdown; }
	if (execute != NULL) { zend_async_reactor_execute_fn = execute; }
	if (loop_alive != NULL) { zend_async_reactor_loop_alive_fn = loop_alive; }
	TAKE(new_socket_event)
	TAKE(new_poll_event)
	TAKE(new_timer_event)
	TAKE(new_signal_event)
	TAKE(new_process_event)
	TAKE(new_thread_event)
	TAKE(new_filesystem_event)
	TAKE(getnameinfo)
	TAKE(getaddrinfo)
	TAKE(freeaddrinfo)
	TAKE(new_exec_event)
	TAKE(exec)
#undef TAKE
	return true;
}

ZEND_ASYNC_EXPORT bool zend_async_scheduler_register(char *module, bool allow_override,
	zend_async_scheduler_launch_t launch, zend_async_new_coroutine_t new_coroutine,
	zend_async_new_scope_t new_scope, zend_async_new_context_t new_context,
	zend_async_spawn_t spawn, zend_async_suspend_t suspend,
	zend_async_enqueue_coroutine_t enqueue_coroutine, zend_async_resume_t resume,
	zend_async_cancel_t cancel, zend_async_spawn_and_throw_t spawn_and_throw,
	zend_async_shutdown_t shutdown, zend_async_get_coroutines_t get_coroutines,
	zend_async_add_microtask_t add_microtask, zend_async_get_awaiting_info_t get_awaiting_info,
	zend_async_get_class_ce_t get_class_ce)
{
	if (!registration_allowed("scheduler", &scheduler_module_name, module, allow_override)) {
		return false;
	}

	scheduler_module_name = module;

	async_engine_scheduler_defaults_set();
#define TAKE(slot, name) if (slot != NULL) { zend_async_##name##_fn = slot; }
	TAKE(launch, scheduler_launch)
	TAKE(new_coroutine, new_coroutine)
	TAKE(new_scope, new_scope)
	TAKE(new_context, new_context)
	TAKE(spawn, spawn)
	TAKE(suspend, suspend)
	TAKE(enqueue_coroutine, enqueue_coroutine)
	TAKE(resume, resume)
	TAKE(cancel, cancel)
	TAKE(spawn_and_throw, spawn_and_throw)
	TAKE(shutdown, shutdown)
	TAKE(get_coroutines, get_coroutines)
	TAKE(add_microtask, add_microtask)
	TAKE(get_awaiting_info, get_awaiting_info)
	TAKE(get_class_ce, get_class_ce)
#undef TAKE
	return true;
}

void async_engine_registry_reset(void)
{
	reactor_module_name = NULL;
	scheduler_module_name = NULL;
	async_engine_reactor_defaults_set();
	async_engine_scheduler_defaults_set();
}
