/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Async\ScopeProvider and the methods of Async\Scope (the scopes themselves: scheduler/scope.c). */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_closures.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "scope_arginfo.h"

zend_class_entry *async_ce_scope_provider;

#define THIS_SCOPE() ASYNC_SCOPE_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

ZEND_METHOD(Async_Scope, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
}

ZEND_METHOD(Async_Scope, inherit)
{
	zend_object *parent_object = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(parent_object, async_ce_scope)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_scope_t *parent;
	if (parent_object != NULL) {
		parent = ASYNC_SCOPE_FROM_OBJ(parent_object);
	} else {
		zend_coroutine_t *self = async_current_or_launch();
		if (self == NULL) {
			RETURN_THROWS();
		}
		parent = self->scope;
	}
	zend_async_scope_t *scope = async_scope_new(parent);
	if (scope == NULL) {
		RETURN_THROWS();
	}
	RETURN_OBJ(ASYNC_SCOPE_OBJ(scope));
}

ZEND_METHOD(Async_Scope, provideScope)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(Async_Scope, spawn)
{
	zval *task;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zval *args = NULL;
	uint32_t args_count = 0;
	HashTable *named_args = NULL;

	ZEND_PARSE_PARAMETERS_START(1, -1)
		Z_PARAM_OBJECT_OF_CLASS(task, zend_ce_closure)
		Z_PARAM_VARIADIC_WITH_NAMED(args, args_count, named_args)
	ZEND_PARSE_PARAMETERS_END();

	if (zend_fcall_info_init(task, 0, &fci, &fcc, NULL, NULL) != SUCCESS) {
		RETURN_THROWS();
	}
	zend_async_scope_t *scope = THIS_SCOPE();
	if (!async_scope_check_spawn(scope)) {
		RETURN_THROWS();
	}
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH(scope);
	if (coroutine == NULL) {
		RETURN_THROWS();
	}
	async_coroutine_set_call(coroutine, &fci, &fcc, args, args_count, named_args);
	RETURN_OBJ_COPY(ASYNC_COROUTINE_OBJ(ASYNC_COROUTINE_OF(coroutine)));
}

ZEND_METHOD(Async_Scope, cancel)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_cancellation)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_scope_cancel(THIS_SCOPE(), cancellation);
}

/* The checks both waits share: a scheduler, no wait for one's own scope. */
static zend_coroutine_t *waiter_for(zend_async_scope_t *scope, zend_object *cancellation)
{
	if (cancellation != NULL && async_awaitable_event(cancellation) == NULL) {
		zend_type_error("Cannot use an instance of %s as a cancellation token", ZSTR_VAL(cancellation->ce->name));
		return NULL;
	}
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		return NULL;
	}
	if (async_scope_contains(scope, self)) {
		zend_throw_error(NULL, "Cannot await a Scope from one of its own coroutines: it would wait for itself (deadlock)");
		return NULL;
	}
	return self;
}

ZEND_METHOD(Async_Scope, awaitCompletion)
{
	zend_object *cancellation;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(cancellation, async_ce_awaitable)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	zend_async_scope_t *scope = THIS_SCOPE();
	zend_coroutine_t *self = waiter_for(scope, cancellation);
	if (self == NULL) {
		RETURN_THROWS();
	}
	if (async_scope_is_finished(scope) || scope->closed) {
		return; /* nothing to wait for (a disposed scope: see awaitAfterCancellation) */
	}
	if (scope->cancelled) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The Scope has been cancelled");
		RETURN_THROWS();
	}
	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, &scope->event, false, zend_async_waker_callback_resolve, NULL)
			|| !async_await_add_token(self, cancellation)) {
		zend_async_waker_clean(self);
		RETURN_THROWS();
	}
	ZEND_ASYNC_SUSPEND();
}

/* Waits for the scope to be empty, collecting the exceptions its coroutines end with. */
typedef struct {
	zend_coroutine_event_callback_t base;
	zend_async_scope_t *scope;
	zval *errors;  /* on the waiting method's stack, alive while it waits */
} empty_callback_t;

static void on_scope_event(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) result;
	empty_callback_t *cb = (empty_callback_t *) callback;
	zend_coroutine_t *coroutine = cb->base.coroutine;
	if (coroutine->waker == NULL || coroutine->waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
		GC_ADDREF(exception);
		add_next_index_object(cb->errors, exception);
	}
	if (async_scope_is_empty(cb->scope)) {
		ZEND_ASYNC_RESUME(coroutine);
	}
}

ZEND_METHOD(Async_Scope, awaitAfterCancellation)
{
	zend_fcall_info fci = empty_fcall_info;
	zend_fcall_info_cache fcc = empty_fcall_info_cache;
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_FUNC_OR_NULL(fci, fcc)
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_awaitable)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	zend_async_scope_t *scope = THIS_SCOPE();
	if (!scope->cancelled) {
		zend_throw_error(NULL, "Cannot await a Scope after cancellation: it has not been cancelled (call cancel() or dispose() first)");
		RETURN_THROWS();
	}
	zend_coroutine_t *self = waiter_for(scope, cancellation);
	if (self == NULL) {
		RETURN_THROWS();
	}
	if (async_scope_is_empty(scope)) {
		return;
	}

	zval errors;
	array_init(&errors);
	empty_callback_t *cb = ecalloc(1, sizeof(*cb));
	cb->base.base.callback = on_scope_event;
	cb->scope = scope;
	cb->errors = &errors;
	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, &scope->event, false, NULL, &cb->base)
			|| !async_await_add_token(self, cancellation)) {
		zend_async_waker_clean(self);
		zval_ptr_dtor(&errors);
		RETURN_THROWS();
	}
	ZEND_ASYNC_SUSPEND();

	if (!EG(exception) && ZEND_FCI_INITIALIZED(fci)) {
		zval *error, retval, args[2];
		ZVAL_OBJ(&args[1], ASYNC_SCOPE_OBJ(scope));
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(errors), error) {
			ZVAL_COPY_VALUE(&args[0], error);
			fci.retval = &retval;
			fci.params = args;
			fci.param_count = 2;
			if (zend_call_function(&fci, &fcc) == SUCCESS) {
				zval_ptr_dtor(&retval);
			}
			if (EG(exception)) {
				break;
			}
		} ZEND_HASH_FOREACH_END();
	}
	zval_ptr_dtor(&errors);
}

ZEND_METHOD(Async_Scope, isFinished)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(async_scope_is_finished(THIS_SCOPE()));
}

ZEND_METHOD(Async_Scope, isClosed)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(THIS_SCOPE()->closed);
}

ZEND_METHOD(Async_Scope, isCancelled)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(THIS_SCOPE()->cancelled);
}

static void set_handler(zval *slot, zend_fcall_info *fci)
{
	zval_ptr_dtor(slot);
	ZVAL_COPY(slot, &fci->function_name);
}

ZEND_METHOD(Async_Scope, setExceptionHandler)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_FUNC(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	set_handler(&THIS_SCOPE()->exception_handler, &fci);
}

ZEND_METHOD(Async_Scope, setChildScopeExceptionHandler)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_FUNC(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	set_handler(&THIS_SCOPE()->child_exception_handler, &fci);
}

ZEND_METHOD(Async_Scope, finally)
{
	zval *callback;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(callback, zend_ce_closure)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_scope_add_finally(THIS_SCOPE(), callback);
}

ZEND_METHOD(Async_Scope, dispose)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	async_scope_dispose(THIS_SCOPE(), false);
}

ZEND_METHOD(Async_Scope, disposeSafely)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	async_scope_dispose(THIS_SCOPE(), true);
}

ZEND_METHOD(Async_Scope, asNotSafely)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_SCOPE()->not_safely = true;
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(Async_Scope, disposeAfterTimeout)
{
	zend_long timeout;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(timeout)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	if (timeout < 0) {
		zend_argument_value_error(1, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	zend_async_scope_t *scope = THIS_SCOPE();
	if (scope->closed) {
		return; /* disposed already */
	}
	if (async_current_or_launch() == NULL || !async_scope_set_dispose_timeout(scope, timeout)) {
		RETURN_THROWS();
	}
}

ZEND_METHOD(Async_Scope, getChildScopes)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_async_scope_t *scope = THIS_SCOPE();
	array_init_size(return_value, scope->children_count);
	for (uint32_t i = 0; i < scope->children_count; i++) {
		GC_ADDREF(ASYNC_SCOPE_OBJ(scope->children[i]));
		add_next_index_object(return_value, ASYNC_SCOPE_OBJ(scope->children[i]));
	}
}

void async_userland_register_scope(void)
{
	async_ce_scope_provider = register_class_Async_ScopeProvider();
	async_scope_bind_class(register_class_Async_Scope(async_ce_scope_provider));
}
