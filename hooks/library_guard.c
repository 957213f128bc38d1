/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The guard around PHP calls that run libpq: every ext/pgsql function, and every method of PDO,
 * PDOStatement and pdo_pgsql's own classes once pdo_pgsql is loaded. When a wait inside the call
 * was cancelled (library_pgsql.c cancelled the query on the server and let libpq read the
 * answer), the call must still end with the cancellation: the query's error would otherwise
 * reach the coroutine instead (a PDOException whose "previous" is the cancellation, which a
 * catch (PDOException) swallows, or a warning turned into an ErrorException by a handler). The
 * cancellation is held per call frame, warnings are silenced until the call returns, and the
 * guard then drops what the call returned or threw and throws the cancellation.
 *
 * The original handler is kept in the function's reserved slot (zend_get_resource_handle), so
 * one guard handler serves every function. Outside a cancellation it costs one call and one
 * check.
 */
#include "hooks.h"
#include "library.h"
#include "object_owner.h"
#include "zend_exceptions.h"
#include "zend_extensions.h"

typedef struct _async_pgsql_held {
	struct _async_pgsql_held *next;
	zend_execute_data *frame;
	zend_object *cancellation;
	int error_reporting;
} held_t;

/* The slot is reserved once per process (zend_get_resource_handle). */
static int reserved_slot = -1;
#define held_list ASYNC_G(hooks.pgsql_held_list)
#define connections_in_use ASYNC_G(hooks.pgsql_connections_in_use)

static void throw_held_cancellation(zend_execute_data *execute_data, zval *return_value);

static ZEND_NAMED_FUNCTION(library_guard)
{
	zif_handler original = (zif_handler) execute_data->func->internal_function.reserved[reserved_slot];
	zend_object *connection = async_hook_in_coroutine() ? async_pgsql_connection_of_call(execute_data) : NULL;
	bool claimed = false;
	if (connection != NULL && !async_object_claim(&connections_in_use, connection, &claimed,
			"Another coroutine is using this PostgreSQL connection; use one connection per coroutine")) {
		RETURN_THROWS();
	}
	original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (claimed) {
		async_object_release(&connections_in_use, connection);
	}
	if (UNEXPECTED(held_list != NULL)) {
		throw_held_cancellation(execute_data, return_value);
	}
}

/* The call held a cancellation: it ends with it, whatever it returned or threw. */
static void throw_held_cancellation(zend_execute_data *execute_data, zval *return_value)
{
	for (held_t **link = &held_list; *link != NULL; link = &(*link)->next) {
		held_t *held = *link;
		if (held->frame != execute_data) {
			continue;
		}
		*link = held->next;
		EG(error_reporting) = held->error_reporting;
		if (EG(exception) != NULL) {
			zend_clear_exception();
		}
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		zend_throw_exception_internal(held->cancellation);
		efree(held);
		return;
	}
}

bool async_library_guard_hold(zend_object *cancellation)
{
	zend_execute_data *frame = EG(current_execute_data);
	if (reserved_slot < 0 || frame == NULL || frame->func == NULL || frame->func->type != ZEND_INTERNAL_FUNCTION
			|| frame->func->internal_function.handler != library_guard) {
		return false;
	}
	held_t *held = emalloc(sizeof(*held));
	held->frame = frame;
	held->cancellation = cancellation;
	held->error_reporting = EG(error_reporting);
	held->next = held_list;
	held_list = held;
	EG(error_reporting) = 0;
	return true;
}

bool async_library_guard_holds(void)
{
	for (const held_t *held = held_list; held != NULL; held = held->next) {
		if (held->frame == EG(current_execute_data)) {
			return true;
		}
	}
	return false;
}

void async_library_hold_or_keep_pending(void)
{
	zend_object *cancellation = EG(exception);
	if (cancellation != NULL) {
		EG(exception) = NULL;
		if (!async_library_guard_hold(cancellation)) {
			EG(exception) = cancellation;
		}
	}
}

/* A call that never returned (a fatal error): what it held went with the request. */
void async_library_guard_post_deactivate(void)
{
	async_object_owners_forget(&connections_in_use);
	while (held_list != NULL) {
		held_t *held = held_list;
		held_list = held->next;
		efree(held);
	}
}

static void guard_function(zend_function *fn, bool install)
{
	if (fn->type != ZEND_INTERNAL_FUNCTION) {
		return;
	}
	zend_internal_function *internal = &fn->internal_function;
	if (install && internal->handler != library_guard) {
		internal->reserved[reserved_slot] = (void *) internal->handler;
		internal->handler = library_guard;
	} else if (!install && internal->handler == library_guard) {
		internal->handler = (zif_handler) internal->reserved[reserved_slot];
		internal->reserved[reserved_slot] = NULL;
	}
}

static void guard_methods(zend_class_entry *ce, bool install)
{
	zend_function *fn;
	ZEND_HASH_FOREACH_PTR(&ce->function_table, fn) {
		guard_function(fn, install);
	} ZEND_HASH_FOREACH_END();
}

static void guard_all(bool install)
{
	zend_module_entry *pgsql = zend_hash_str_find_ptr(&module_registry, ZEND_STRL("pgsql"));
	zend_module_entry *pdo_pgsql = zend_hash_str_find_ptr(&module_registry, ZEND_STRL("pdo_pgsql"));
	zend_function *fn;
	zend_class_entry *ce;

	if (pgsql != NULL) {
		ZEND_HASH_FOREACH_PTR(CG(function_table), fn) {
			if (fn->type == ZEND_INTERNAL_FUNCTION && fn->internal_function.module == pgsql) {
				guard_function(fn, install);
			}
		} ZEND_HASH_FOREACH_END();
	}
	if (pdo_pgsql != NULL) {
		ZEND_HASH_FOREACH_PTR(CG(class_table), ce) {
			if (ce->type != ZEND_INTERNAL_CLASS) {
				continue;
			}
			bool pdo_class = zend_string_equals_literal_ci(ce->name, "PDO")
				|| zend_string_equals_literal_ci(ce->name, "PDOStatement");
			if (pdo_class || ce->info.internal.module == pdo_pgsql) {
				guard_methods(ce, install);
			}
		} ZEND_HASH_FOREACH_END();
	}
}

void async_library_guard_install(void)
{
	if (reserved_slot < 0) {
		reserved_slot = zend_get_resource_handle("async");
	}
	if (reserved_slot >= 0) {
		async_pgsql_connection_classes_install();
		guard_all(true);
	}
}

void async_library_guard_restore(void)
{
	if (reserved_slot >= 0) {
		guard_all(false);
	}
}
