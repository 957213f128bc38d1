/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Async\spawn_with() and the Async\SpawnStrategy interface. The provider and its hooks are the
 * engine API's scope_provider of a new coroutine (scheduler/spawn_provider.c does the work). */
#include "php.h"
#include "../zend_async_API.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "spawn_with_arginfo.h"

zend_class_entry *async_ce_spawn_strategy;

PHP_FUNCTION(Async_spawn_with)
{
	zend_object *provider;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zval *args = NULL;
	uint32_t args_count = 0;
	HashTable *named_args = NULL;

	ZEND_PARSE_PARAMETERS_START(2, -1)
		Z_PARAM_OBJ_OF_CLASS(provider, async_ce_scope_provider)
		Z_PARAM_FUNC(fci, fcc)
		Z_PARAM_VARIADIC_WITH_NAMED(args, args_count, named_args)
	ZEND_PARSE_PARAMETERS_END();

	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH_PROVIDER(provider);
	if (coroutine == NULL) {
		RETURN_THROWS();
	}
	async_coroutine_set_call(coroutine, &fci, &fcc, args, args_count, named_args);
	RETURN_OBJ_COPY(ASYNC_COROUTINE_OBJ(ASYNC_COROUTINE_OF(coroutine)));
}

void async_userland_register_spawn_with(void)
{
	async_ce_spawn_strategy = register_class_Async_SpawnStrategy(async_ce_scope_provider);
}
