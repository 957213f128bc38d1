/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * A cancellation that reaches a database driver surfaces as itself.
 *
 * A cancelled coroutine waiting inside mysqlnd (a query, a connect) gets the cancellation in
 * EG(exception) from the hooked socket wait; mysqlnd sees a failed read ("MySQL server has gone
 * away") and mysqli, in its default exception mode, throws mysqli_sql_exception, which PHP chains
 * to the pending cancellation as its previous exception. A `catch (mysqli_sql_exception $e)` then
 * swallows the cancellation and the coroutine runs on. So the functions and methods of mysqli and
 * PDO are wrapped: when one returns with an exception that is not a cancellation but has one in
 * its chain, in a cancelled coroutine, the cancellation itself is thrown instead.
 *
 * The original handler is kept in the function's reserved slot (copied with the function when a
 * user class inherits the method), so the wrapper needs no look-up.
 */
#include "hooks.h"
#include "zend_exceptions.h"
#include "zend_extensions.h"

static int reserved_slot = -1;

static const char *const wrapped_classes[] = {"mysqli", "mysqli_stmt", "mysqli_result", "pdo", "pdostatement",
	"redis", "redisarray", "rediscluster", "redissentinel"}; /* phpredis: RedisException, same chain */
static const char wrapped_prefix[] = "mysqli_";

static zend_object *previous_of(zend_object *exception)
{
	zval rv;
	zval *previous = zend_read_property_ex(zend_get_exception_base(exception), exception,
		ZSTR_KNOWN(ZEND_STR_PREVIOUS), true, &rv);
	return previous != NULL && Z_TYPE_P(previous) == IS_OBJECT ? Z_OBJ_P(previous) : NULL;
}

static void surface_cancellation(void)
{
	zend_object *thrown = EG(exception);
	zend_coroutine_t *coroutine = ZEND_ASYNC_CURRENT_COROUTINE;
	if (coroutine == NULL || !ZEND_COROUTINE_IS_CANCELLED(coroutine)
			|| instanceof_function(thrown->ce, async_ce_cancellation)) {
		return;
	}
	for (zend_object *link = previous_of(thrown); link != NULL; link = previous_of(link)) {
		if (instanceof_function(link->ce, async_ce_cancellation)) {
			GC_ADDREF(link);
			zend_clear_exception();
			zend_throw_exception_internal(link);
			return;
		}
	}
}

static ZEND_NAMED_FUNCTION(wrapped_call)
{
	zif_handler original = (zif_handler) execute_data->func->internal_function.reserved[reserved_slot];
	original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (UNEXPECTED(EG(exception) != NULL)) {
		surface_cancellation();
	}
}

static void wrap(zend_function *fn, bool install)
{
	if (fn->type != ZEND_INTERNAL_FUNCTION) {
		return;
	}
	zend_internal_function *internal = &fn->internal_function;
	if (install && internal->handler != wrapped_call && internal->handler != NULL) {
		internal->reserved[reserved_slot] = (void *) internal->handler;
		internal->handler = wrapped_call;
	} else if (!install && internal->handler == wrapped_call) {
		internal->handler = (zif_handler) internal->reserved[reserved_slot];
		internal->reserved[reserved_slot] = NULL;
	}
}

static void wrap_all(bool install)
{
	if (reserved_slot < 0) {
		return;
	}
	for (size_t i = 0; i < sizeof(wrapped_classes) / sizeof(wrapped_classes[0]); i++) {
		zend_class_entry *ce = zend_hash_str_find_ptr(CG(class_table), wrapped_classes[i], strlen(wrapped_classes[i]));
		if (ce == NULL || ce->type != ZEND_INTERNAL_CLASS) {
			continue; /* the extension is not loaded */
		}
		zend_function *fn;
		ZEND_HASH_MAP_FOREACH_PTR(&ce->function_table, fn) {
			if (fn->common.scope == ce) {
				wrap(fn, install);
			}
		} ZEND_HASH_FOREACH_END();
	}
	zend_string *name;
	zend_function *fn;
	ZEND_HASH_MAP_FOREACH_STR_KEY_PTR(CG(function_table), name, fn) {
		if (name != NULL && ZSTR_LEN(name) > sizeof(wrapped_prefix) - 1
				&& memcmp(ZSTR_VAL(name), wrapped_prefix, sizeof(wrapped_prefix) - 1) == 0) {
			wrap(fn, install);
		}
	} ZEND_HASH_FOREACH_END();
}

void async_db_cancellation_install(void)
{
	if (reserved_slot < 0) {
		reserved_slot = zend_get_resource_handle("async");
	}
	wrap_all(true);
}

void async_db_cancellation_restore(void)
{
	wrap_all(false);
}
