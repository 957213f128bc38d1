/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The engine API layer's lifecycle: its globals, its classes, its defaults. */
#include "php.h"
#include "../zend_async_API.h"
#include "engine.h"

#ifdef ZTS
ZEND_ASYNC_EXPORT int zend_async_globals_id;
#else
ZEND_ASYNC_EXPORT zend_async_globals_t zend_async_globals_api;
#endif

static void globals_clear(zend_async_globals_t *globals)
{
	memset(globals, 0, sizeof(*globals));
}

#ifdef ZTS
static void globals_ctor(void *globals)
{
	globals_clear(globals);
}
#endif

void async_engine_minit(void)
{
#ifdef ZTS
	ts_allocate_id(&zend_async_globals_id, sizeof(zend_async_globals_t), globals_ctor, NULL);
#else
	globals_clear(&zend_async_globals_api);
#endif
	async_engine_registry_reset();
	async_register_exception_classes();
}

void async_engine_mshutdown(void)
{
	async_engine_registry_reset();
}

void async_engine_rinit(void)
{
	ZEND_ASYNC_G(active_event_count) = 0;
	ZEND_ASYNC_G(active_coroutine_count) = 0;
	ZEND_ASYNC_INITIALIZE;
}

void async_engine_rshutdown(void)
{
	ZEND_ASYNC_DEACTIVATE;
}
