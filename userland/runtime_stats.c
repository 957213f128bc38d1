/* Async\runtime_stats(): counters of the engine and the reactor. */
#include "php.h"
#include "../zend_async_API.h"
#include "../reactor/reactor_module.h"
#include "userland.h"

PHP_FUNCTION(Async_runtime_stats)
{
	ZEND_PARSE_PARAMETERS_NONE();

	array_init(return_value);
	add_assoc_long(return_value, "active_events", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	add_assoc_long(return_value, "active_coroutines", ZEND_ASYNC_ACTIVE_COROUTINE_COUNT);
	if (zend_async_get_reactor_module_name() != NULL && strcmp(zend_async_get_reactor_module_name(), "libuv") == 0) {
		async_reactor_stats(return_value);
	}
}
