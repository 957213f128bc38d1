/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Async\runtime_stats(): counters of the engine, the scheduler's coroutine contexts and the reactor. */
#include "php.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "userland.h"

PHP_FUNCTION(Async_runtime_stats)
{
	ZEND_PARSE_PARAMETERS_NONE();

	array_init(return_value);
	add_assoc_long(return_value, "active_events", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	add_assoc_long(return_value, "active_coroutines", ZEND_ASYNC_ACTIVE_COROUTINE_COUNT);
	async_collect_stats(return_value); /* the scheduler's coroutine contexts, the reactor's counters */
}
