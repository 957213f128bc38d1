/* Async\runtime_stats(): counters of the engine, the scheduler's coroutine contexts and the reactor. */
#include "php.h"
#include "../zend_async_API.h"
#include "../reactor/reactor_module.h"
#include "../scheduler/scheduler.h"
#include "userland.h"

PHP_FUNCTION(Async_runtime_stats)
{
	ZEND_PARSE_PARAMETERS_NONE();

	array_init(return_value);
	add_assoc_long(return_value, "active_events", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	add_assoc_long(return_value, "active_coroutines", ZEND_ASYNC_ACTIVE_COROUTINE_COUNT);
	/* C stacks mapped for coroutines (running one or idle in the pool), and whether their guard
	 * pages are guard regions, merged with the stacks into fewer mappings (docs/scheduler.md). */
	add_assoc_long(return_value, "fiber_contexts", async_fibers_count());
	add_assoc_long(return_value, "fiber_contexts_idle", async_fibers_idle_count());
	add_assoc_bool(return_value, "fiber_guard_regions", async_fiber_guard_regions());
	if (zend_async_get_reactor_module_name() != NULL && strcmp(zend_async_get_reactor_module_name(), "libuv") == 0) {
		async_reactor_stats(return_value);
	}
}
