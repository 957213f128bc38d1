/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * What each scheduler entry does while no scheduler is registered, as upstream's core does:
 * the factories throw "Async API is not enabled", suspend says false, shutdown and launch
 * succeed trivially, queries return NULL, and get_class_ce gives the Async\ exception classes.
 */
#include "php.h"
#include "../zend_async_API.h"
#include "engine.h"

static void throw_not_enabled(void)
{
	zend_throw_error(NULL, "Async API is not enabled: no async scheduler is registered");
}

static bool default_launch(void) { return true; }
static zend_coroutine_t *default_new_coroutine(zend_async_scope_t *s) { (void) s; throw_not_enabled(); return NULL; }
static zend_async_scope_t *default_new_scope(zend_async_scope_t *p, bool o) { (void) p; (void) o; throw_not_enabled(); return NULL; }

static zend_async_context_t *default_new_context(void)
{
	zend_throw_error(NULL, "Context API is not enabled");
	return NULL;
}

static zend_coroutine_t *default_spawn(zend_async_scope_t *s, zend_object *p, int32_t prio)
{
	(void) s; (void) p; (void) prio;
	throw_not_enabled();
	return NULL;
}

static bool default_suspend(bool from_main, bool is_bailout) { (void) from_main; (void) is_bailout; return false; }
static bool default_enqueue(zend_coroutine_t *co) { (void) co; throw_not_enabled(); return false; }

static bool default_resume(zend_coroutine_t *co, zend_object *err, const bool transfer)
{
	(void) co; (void) err; (void) transfer;
	throw_not_enabled();
	return false;
}

static bool default_cancel(zend_coroutine_t *co, zend_object *err, bool transfer, const bool safely)
{
	(void) co; (void) err; (void) transfer; (void) safely;
	throw_not_enabled();
	return false;
}

static bool default_spawn_and_throw(zend_object *exc, zend_async_scope_t *s, int32_t prio)
{
	(void) exc; (void) s; (void) prio;
	throw_not_enabled();
	return false;
}

static bool default_shutdown(void) { return true; }
static zend_array *default_get_coroutines(void) { return NULL; }
static bool default_add_microtask(zend_async_microtask_t *m) { (void) m; return true; }
static zend_array *default_get_awaiting_info(zend_coroutine_t *co) { (void) co; return NULL; }

/* Set by async_engine_registry_reset() in MINIT. */
ZEND_ASYNC_EXPORT zend_async_scheduler_launch_t zend_async_scheduler_launch_fn;
ZEND_ASYNC_EXPORT zend_async_new_coroutine_t zend_async_new_coroutine_fn;
ZEND_ASYNC_EXPORT zend_async_new_scope_t zend_async_new_scope_fn;
ZEND_ASYNC_EXPORT zend_async_new_context_t zend_async_new_context_fn;
ZEND_ASYNC_EXPORT zend_async_spawn_t zend_async_spawn_fn;
ZEND_ASYNC_EXPORT zend_async_suspend_t zend_async_suspend_fn;
ZEND_ASYNC_EXPORT zend_async_enqueue_coroutine_t zend_async_enqueue_coroutine_fn;
ZEND_ASYNC_EXPORT zend_async_resume_t zend_async_resume_fn;
ZEND_ASYNC_EXPORT zend_async_cancel_t zend_async_cancel_fn;
ZEND_ASYNC_EXPORT zend_async_spawn_and_throw_t zend_async_spawn_and_throw_fn;
ZEND_ASYNC_EXPORT zend_async_shutdown_t zend_async_shutdown_fn;
ZEND_ASYNC_EXPORT zend_async_get_coroutines_t zend_async_get_coroutines_fn;
ZEND_ASYNC_EXPORT zend_async_add_microtask_t zend_async_add_microtask_fn;
ZEND_ASYNC_EXPORT zend_async_get_awaiting_info_t zend_async_get_awaiting_info_fn;
ZEND_ASYNC_EXPORT zend_async_get_class_ce_t zend_async_get_class_ce_fn;

void async_engine_scheduler_defaults_set(void)
{
	zend_async_scheduler_launch_fn = default_launch;
	zend_async_new_coroutine_fn = default_new_coroutine;
	zend_async_new_scope_fn = default_new_scope;
	zend_async_new_context_fn = default_new_context;
	zend_async_spawn_fn = default_spawn;
	zend_async_suspend_fn = default_suspend;
	zend_async_enqueue_coroutine_fn = default_enqueue;
	zend_async_resume_fn = default_resume;
	zend_async_cancel_fn = default_cancel;
	zend_async_spawn_and_throw_fn = default_spawn_and_throw;
	zend_async_shutdown_fn = default_shutdown;
	zend_async_get_coroutines_fn = default_get_coroutines;
	zend_async_add_microtask_fn = default_add_microtask;
	zend_async_get_awaiting_info_fn = default_get_awaiting_info;
	zend_async_get_class_ce_fn = async_exception_class_of;
}
