/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The engine API's `scope_provider` of a new coroutine (ZEND_ASYNC_SPAWN_WITH_PROVIDER, which
 * Async\spawn_with() uses). The provider's provideScope() names the scope (null: the spawner's);
 * a provider that is an Async\SpawnStrategy also sees the coroutine: beforeCoroutineEnqueue() once it
 * is in its scope and before it is queued (an exception there cancels the spawn), then
 * afterCoroutineEnqueue() (an exception there cancels the coroutine).
 *
 * The interfaces are declared by the userland layer: the scheduler calls the methods by name and
 * finds SpawnStrategy in the class table, so it needs none of that layer's symbols. The hooks run
 * as the scheduler's own work (they cannot suspend): the caller gives the coroutine its call only
 * after spawn returns, so the coroutine must not get to run in between.
 */
#include "scheduler.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

/* Calls provider->method(...) by name: false (thrown) when it threw or the method is missing. */
static bool call_method(zend_object *provider, const char *method, zval *retval, uint32_t count, zval *params)
{
	zend_string *name = zend_string_init(method, strlen(method), 0);
	zend_result called = zend_call_method_if_exists(provider, name, retval, count, params);
	zend_string_release(name);
	if (called != SUCCESS && EG(exception) == NULL) {
		zend_throw_error(zend_ce_type_error, "%s is not a scope provider: it has no method %s()",
			ZSTR_VAL(provider->ce->name), method);
	}
	if (EG(exception) != NULL) {
		zval_ptr_dtor(retval);
		ZVAL_UNDEF(retval);
		return false;
	}
	return true;
}

bool async_spawn_provider_scope(zend_object *provider, zend_async_scope_t **scope)
{
	zval retval;
	ZVAL_UNDEF(&retval);
	if (!call_method(provider, "provideScope", &retval, 0, NULL)) {
		return false;
	}
	if (Z_TYPE(retval) == IS_NULL) {
		*scope = NULL;
		return true;
	}
	if (Z_TYPE(retval) != IS_OBJECT || !instanceof_function(Z_OBJCE(retval), async_ce_scope)) {
		zend_type_error("%s::provideScope() must return an Async\\Scope or null, %s returned",
			ZSTR_VAL(provider->ce->name), zend_zval_type_name(&retval));
		zval_ptr_dtor(&retval);
		return false;
	}
	/* The provider keeps its scope (or a coroutine does): the reference it returned can go. When
	 * nothing else holds it, the scope lives on in the coroutine that joins it just after. */
	*scope = ASYNC_SCOPE_FROM_OBJ(Z_OBJ(retval));
	GC_ADDREF(Z_OBJ(retval));
	zval_ptr_dtor(&retval);
	return true;
}

static bool is_spawn_strategy(zend_object *provider)
{
	zend_class_entry *strategy = zend_hash_str_find_ptr(CG(class_table), "async\\spawnstrategy",
		sizeof("async\\spawnstrategy") - 1);
	return strategy != NULL && instanceof_function(provider->ce, strategy);
}

static bool call_hook(zend_object *provider, const char *method, async_coroutine_t *co, zend_async_scope_t *scope)
{
	zval params[2], retval;
	ZVAL_OBJ(&params[0], &co->std);
	ZVAL_OBJ(&params[1], ASYNC_SCOPE_OBJ(scope));
	ZVAL_UNDEF(&retval);
	bool was = ZEND_ASYNC_G(in_scheduler_context);
	ZEND_ASYNC_G(in_scheduler_context) = true;
	bool called = call_method(provider, method, &retval, 2, params);
	ZEND_ASYNC_G(in_scheduler_context) = was;
	zval_ptr_dtor(&retval);
	return called;
}

async_coroutine_t *async_spawn_with_provider(zend_async_scope_t *scope, zend_object *provider, int32_t priority)
{
	async_coroutine_t *co = async_coroutine_new(scope);
	async_list_append(&async_scheduler.live, &co->live_link); /* takes the new object's reference */
	ZEND_ASYNC_INCREASE_COROUTINE_COUNT;
	async_scope_add_coroutine(scope, co);
	if (!is_spawn_strategy(provider)) {
		async_queue_push(co, priority >= ZEND_COROUTINE_HI_PRIORITY);
		return co;
	}

	GC_ADDREF(&co->std); /* the hooks may drop everything else that holds it */
	if (!call_hook(provider, "beforeCoroutineEnqueue", co, scope)) {
		/* Never queued, never run: it ends at once, cancelled; the spawner gets the exception. */
		zend_object *error = EG(exception);
		EG(exception) = NULL;
		ZEND_ASYNC_CANCEL(&co->coroutine, NULL, false);
		EG(exception) = error;
		OBJ_RELEASE(&co->std);
		return NULL;
	}
	if (!ZEND_COROUTINE_IS_FINISHED(&co->coroutine)) {
		async_queue_push(co, priority >= ZEND_COROUTINE_HI_PRIORITY);
	}
	if (!call_hook(provider, "afterCoroutineEnqueue", co, scope)) {
		zend_object *error = EG(exception);
		EG(exception) = NULL;
		ZEND_ASYNC_CANCEL(&co->coroutine, NULL, false);
		EG(exception) = error;
		OBJ_RELEASE(&co->std);
		return NULL;
	}
	if (ZEND_COROUTINE_IS_FINISHED(&co->coroutine)) {
		/* A hook cancelled it: there is no coroutine left to give a call to. */
		OBJ_RELEASE(&co->std);
		zend_async_throw(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The coroutine was cancelled by the SpawnStrategy before it started");
		return NULL;
	}
	GC_DELREF(&co->std); /* the scheduler's live list still holds it: it has not ended */
	return co;
}
