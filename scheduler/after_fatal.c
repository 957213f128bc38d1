/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * What runs after a fatal error (memory_limit, E_USER_ERROR, ...). As in stock PHP, no PHP frame
 * resumes: no other coroutine runs again, so their finally blocks do not run (coroutine.c and
 * scheduler.c turn the UnwindExit of a delayed out-of-memory error into the bailout of any other
 * fatal error). As upstream, the finally handlers of each Scope still run, after the shutdown
 * functions: the Scopes that have handlers pending when the error is raised are kept here (PHP
 * would free those held by global variables before modules shut down, without their
 * destructors), and the handlers run when the module shuts the request down.
 */
#include "php.h"
#include "zend_exceptions.h"
#include "scheduler.h"

static void (*original_error_cb)(int type, zend_string *error_filename, const uint32_t error_lineno, zend_string *message);

/* The Scopes kept, each with a reference; NULL when no fatal error was raised. */
#define kept_scopes ASYNC_G(scheduler.after_fatal_kept_scopes)
/* While the handlers run, a second fatal error keeps nothing more (the table is being walked). */
#define running_handlers ASYNC_G(scheduler.after_fatal_running)

static bool has_finally_pending(zend_async_scope_t *scope)
{
	return !scope->finally_done && Z_TYPE(scope->finally_handlers) == IS_ARRAY;
}

static void keep_scopes_with_finally(void)
{
	zend_objects_store *store = &EG(objects_store);
	for (uint32_t i = 1; i < store->top; i++) {
		zend_object *object = store->object_buckets[i];
		if (!IS_OBJ_VALID(object) || object->ce != async_ce_scope || !has_finally_pending(ASYNC_SCOPE_FROM_OBJ(object))) {
			continue;
		}
		if (kept_scopes == NULL) {
			ALLOC_HASHTABLE(kept_scopes);
			zend_hash_init(kept_scopes, 8, NULL, ZVAL_PTR_DTOR, 0);
		}
		if (zend_hash_index_exists(kept_scopes, object->handle)) {
			continue; /* kept at an earlier fatal error */
		}
		zval zv;
		ZVAL_OBJ_COPY(&zv, object);
		zend_hash_index_add_new(kept_scopes, object->handle, &zv);
	}
}

static void on_error(int type, zend_string *error_filename, const uint32_t error_lineno, zend_string *message)
{
	if ((type & E_FATAL_ERRORS) && !(type & E_DONT_BAIL) && !running_handlers && EG(objects_store).object_buckets != NULL
			&& !(EG(flags) & EG_FLAGS_OBJECT_STORE_NO_REUSE)) {
		keep_scopes_with_finally();
	}
	original_error_cb(type, error_filename, error_lineno, message);
}

void async_after_fatal_minit(void)
{
	original_error_cb = zend_error_cb;
	zend_error_cb = on_error;
}

static void run_handlers_of_kept_scopes(void);

/* An exception a kept Scope's finally handler threw goes to the Scope's exception handler, as
 * upstream, with null for the coroutine (none ran the handler); false when it has none. */
static bool give_to_exception_handler(zend_async_scope_t *scope, zval *scope_zv)
{
	if (Z_TYPE(scope->exception_handler) == IS_UNDEF) {
		return false;
	}
	zval args[3], retval, callable;
	ZVAL_COPY_VALUE(&args[0], scope_zv);
	ZVAL_NULL(&args[1]);
	ZVAL_OBJ(&args[2], EG(exception));
	GC_ADDREF(EG(exception));
	zend_clear_exception();
	ZVAL_COPY(&callable, &scope->exception_handler);
	call_user_function(NULL, NULL, &callable, &retval, 3, args);
	zval_ptr_dtor(&retval);
	zval_ptr_dtor(&callable);
	zval_ptr_dtor(&args[2]);
	return true;
}

/* Each kept Scope's handlers, in the order they were added, with the Scope. They cannot wait
 * (the scheduler is gone: the same Error as in a destructor the scheduler runs). An exception
 * one throws goes to the Scope's exception handler, each on its own; without one (or when the
 * exception handler throws) no PHP frame is below it, as below a shutdown function: it is
 * reported as uncaught, a fatal error, which ends the handlers left. */
static void run_kept_finally_handlers(void)
{
	/* A frame below the handlers, as a coroutine has (coroutine.c): without one, PHP reports an
	 * exception the moment it is thrown, before the Scope's exception handler could get it. */
	static zend_function bottom_function = { ZEND_INTERNAL_FUNCTION };
	zend_execute_data bottom;
	memset(&bottom, 0, sizeof(bottom));
	bottom.func = &bottom_function;
	zend_execute_data *previous = EG(current_execute_data);
	EG(current_execute_data) = &bottom;
	volatile bool bailout = false; /* a second fatal error in a handler */
	zend_try {
		run_handlers_of_kept_scopes();
	} zend_catch {
		bailout = true;
	} zend_end_try();
	EG(current_execute_data) = previous;
	if (bailout) {
		zend_bailout();
	}
	if (EG(exception) != NULL) {
		zend_exception_error(EG(exception), E_ERROR); /* no handler took it: a fatal error */
	}
}

static void run_handlers_of_kept_scopes(void)
{
	zval *kept;
	ZEND_HASH_FOREACH_VAL(kept_scopes, kept) {
		zend_async_scope_t *scope = ASYNC_SCOPE_FROM_OBJ(Z_OBJ_P(kept));
		if (!has_finally_pending(scope)) {
			continue;
		}
		/* Done: a handler added now runs at once. The Scope keeps the array (and frees it), so a
		 * second fatal error in a handler leaks nothing. */
		scope->finally_done = true;
		zval retval, *handler;
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(scope->finally_handlers), handler) {
			call_user_function(NULL, NULL, handler, &retval, 1, kept);
			zval_ptr_dtor(&retval);
			if (EG(exception) != NULL && (!give_to_exception_handler(scope, kept) || EG(exception) != NULL)) {
				return; /* no exception handler, or it threw: reported as uncaught */
			}
		} ZEND_HASH_FOREACH_END();
	} ZEND_HASH_FOREACH_END();
}

void async_after_fatal_rshutdown(void)
{
	if (kept_scopes == NULL) {
		return;
	}
	HashTable *scopes = kept_scopes;
	if (CG(unclean_shutdown)) {
		bool was = ZEND_ASYNC_G(in_scheduler_context);
		ZEND_ASYNC_G(in_scheduler_context) = true;
		running_handlers = true;
		zend_try {
			run_kept_finally_handlers();
		} zend_end_try();
		running_handlers = false;
		ZEND_ASYNC_G(in_scheduler_context) = was;
	}
	kept_scopes = NULL;
	zend_try {
		zend_hash_destroy(scopes);
	} zend_end_try();
	FREE_HASHTABLE(scopes);
}
