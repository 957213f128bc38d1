/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Async\Context: values keyed by a string or an object, kept by a scope (inherited by the scopes
 * below it) or by a coroutine (its own); current_context(), coroutine_context(), root_context(),
 * Coroutine::getContext(). The scheduler only keeps and frees the object (async_context_slot_t). */
#include "php.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "context_arginfo.h"

typedef struct {
	HashTable strings;          /* string key => value */
	HashTable object_keys;      /* object handle => the key object (held, so the handle stays its) */
	HashTable object_values;    /* object handle => value */
	/* The scope that keeps it (weak: the scope resets it when it goes); find() walks up from its
	 * parent. NULL for a coroutine's Context or one made with `new`. */
	zend_async_scope_t *scope;
	zend_object std;
} async_context_t;

static zend_class_entry *async_ce_context;
static zend_class_entry *async_ce_context_exception;
static zend_object_handlers context_handlers;

#define CONTEXT_FROM_OBJ(obj) ((async_context_t *) ((char *) (obj) - XtOffsetOf(async_context_t, std)))
#define THIS_CONTEXT() CONTEXT_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

static zend_object *context_create_object(zend_class_entry *ce)
{
	async_context_t *context = zend_object_alloc(sizeof(async_context_t), ce);
	zend_hash_init(&context->strings, 8, NULL, ZVAL_PTR_DTOR, 0);
	zend_hash_init(&context->object_keys, 8, NULL, ZVAL_PTR_DTOR, 0);
	zend_hash_init(&context->object_values, 8, NULL, ZVAL_PTR_DTOR, 0);
	zend_object_std_init(&context->std, ce);
	object_properties_init(&context->std, ce);
	context->std.handlers = &context_handlers;
	return &context->std;
}

static void context_free(zend_object *object)
{
	async_context_t *context = CONTEXT_FROM_OBJ(object);
	zend_hash_destroy(&context->strings);
	zend_hash_destroy(&context->object_values);
	zend_hash_destroy(&context->object_keys);
	zend_object_std_dtor(object);
}

static HashTable *context_get_gc(zend_object *object, zval **table, int *n)
{
	async_context_t *context = CONTEXT_FROM_OBJ(object);
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	zval *value;
	ZEND_HASH_FOREACH_VAL(&context->strings, value) {
		zend_get_gc_buffer_add_zval(buffer, value);
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_VAL(&context->object_keys, value) {
		zend_get_gc_buffer_add_zval(buffer, value);
	} ZEND_HASH_FOREACH_END();
	ZEND_HASH_FOREACH_VAL(&context->object_values, value) {
		zend_get_gc_buffer_add_zval(buffer, value);
	} ZEND_HASH_FOREACH_END();
	zend_get_gc_buffer_use(buffer, table, n);
	return object->properties;
}

/* ---- the Contexts the scheduler keeps ---- */

static zend_object *scope_context(zend_async_scope_t *scope)
{
	async_context_slot_t *slot = async_scope_context_slot(scope);
	if (slot->object == NULL) {
		slot->object = context_create_object(async_ce_context);
		async_context_t *context = CONTEXT_FROM_OBJ(slot->object);
		context->scope = scope;
		slot->owner_ref = &context->scope;
	}
	return slot->object;
}

static zend_object *coroutine_context(zend_coroutine_t *coroutine)
{
	zend_object **slot = async_coroutine_context_slot(coroutine);
	if (*slot == NULL) {
		*slot = context_create_object(async_ce_context);
	}
	return *slot;
}

/* ---- lookup ---- */

/* The key of a method's first argument: a string or an object, else a TypeError (false). */
static bool parse_key(zval *key)
{
	if (Z_TYPE_P(key) == IS_STRING || Z_TYPE_P(key) == IS_OBJECT) {
		return true;
	}
	zend_argument_type_error(1, "must be of type string|object, %s given", zend_zval_type_name(key));
	return false;
}

static zval *find_local(async_context_t *context, zval *key)
{
	if (Z_TYPE_P(key) == IS_STRING) {
		return zend_symtable_find(&context->strings, Z_STR_P(key));
	}
	return zend_hash_index_find(&context->object_values, Z_OBJ_HANDLE_P(key));
}

/* Here, then in the Contexts of the scopes above (those that have none are skipped). */
static zval *find_inherited(async_context_t *context, zval *key)
{
	zval *value = find_local(context, key);
	if (value != NULL || context->scope == NULL) {
		return value;
	}
	for (zend_async_scope_t *scope = context->scope->parent_scope; scope != NULL; scope = scope->parent_scope) {
		zend_object *parent = async_scope_context_slot(scope)->object;
		if (parent != NULL && (value = find_local(CONTEXT_FROM_OBJ(parent), key)) != NULL) {
			return value;
		}
	}
	return NULL;
}

static void throw_not_found(zval *key)
{
	if (Z_TYPE_P(key) == IS_STRING) {
		zend_throw_exception_ex(async_ce_context_exception, 0, "Context key \"%s\" not found", Z_STRVAL_P(key));
	} else {
		zend_throw_exception_ex(async_ce_context_exception, 0, "Context key of type %s not found",
			ZSTR_VAL(Z_OBJCE_P(key)->name));
	}
}

#define PARSE_KEY() \
	zval *key; \
	ZEND_PARSE_PARAMETERS_START(1, 1) \
		Z_PARAM_ZVAL(key) \
	ZEND_PARSE_PARAMETERS_END(); \
	if (!parse_key(key)) { \
		RETURN_THROWS(); \
	}

ZEND_METHOD(Async_Context, find)
{
	PARSE_KEY();
	zval *value = find_inherited(THIS_CONTEXT(), key);
	if (value != NULL) {
		RETURN_COPY(value);
	}
	RETURN_NULL();
}

ZEND_METHOD(Async_Context, get)
{
	PARSE_KEY();
	zval *value = find_inherited(THIS_CONTEXT(), key);
	if (value == NULL) {
		throw_not_found(key);
		RETURN_THROWS();
	}
	RETURN_COPY(value);
}

ZEND_METHOD(Async_Context, has)
{
	PARSE_KEY();
	RETURN_BOOL(find_inherited(THIS_CONTEXT(), key) != NULL);
}

ZEND_METHOD(Async_Context, findLocal)
{
	PARSE_KEY();
	zval *value = find_local(THIS_CONTEXT(), key);
	if (value != NULL) {
		RETURN_COPY(value);
	}
	RETURN_NULL();
}

ZEND_METHOD(Async_Context, getLocal)
{
	PARSE_KEY();
	zval *value = find_local(THIS_CONTEXT(), key);
	if (value == NULL) {
		throw_not_found(key);
		RETURN_THROWS();
	}
	RETURN_COPY(value);
}

ZEND_METHOD(Async_Context, hasLocal)
{
	PARSE_KEY();
	RETURN_BOOL(find_local(THIS_CONTEXT(), key) != NULL);
}

ZEND_METHOD(Async_Context, set)
{
	zval *key, *value;
	bool replace = false;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_ZVAL(key)
		Z_PARAM_ZVAL(value)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(replace)
	ZEND_PARSE_PARAMETERS_END();
	if (!parse_key(key)) {
		RETURN_THROWS();
	}

	async_context_t *context = THIS_CONTEXT();
	if (!replace && find_local(context, key) != NULL) {
		zend_throw_exception(async_ce_context_exception, "Context key already exists and replace is false", 0);
		RETURN_THROWS();
	}
	Z_TRY_ADDREF_P(value);
	if (Z_TYPE_P(key) == IS_STRING) {
		zend_symtable_update(&context->strings, Z_STR_P(key), value);
	} else {
		zend_ulong handle = Z_OBJ_HANDLE_P(key);
		if (!zend_hash_index_exists(&context->object_keys, handle)) {
			Z_ADDREF_P(key);
			zend_hash_index_add_new(&context->object_keys, handle, key);
		}
		zend_hash_index_update(&context->object_values, handle, value);
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(Async_Context, unset)
{
	PARSE_KEY();
	async_context_t *context = THIS_CONTEXT();
	if (Z_TYPE_P(key) == IS_STRING) {
		zend_symtable_del(&context->strings, Z_STR_P(key));
	} else {
		zend_hash_index_del(&context->object_values, Z_OBJ_HANDLE_P(key));
		zend_hash_index_del(&context->object_keys, Z_OBJ_HANDLE_P(key));
	}
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

/* Coroutine::getContext(), for the scheduler that holds the class (async_class_services_t). */
zend_object *async_context_of_coroutine(zend_coroutine_t *coroutine)
{
	return coroutine_context(coroutine);
}

/* ---- functions ---- */

ZEND_FUNCTION(Async_current_context)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		RETURN_THROWS();
	}
	/* A coroutine always has a scope but for the scheduler's own work: that is the main one's. */
	zend_async_scope_t *scope = self->scope != NULL ? self->scope : ZEND_ASYNC_MAIN_SCOPE;
	RETURN_OBJ_COPY(scope_context(scope));
}

ZEND_FUNCTION(Async_coroutine_context)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(coroutine_context(self));
}

ZEND_FUNCTION(Async_root_context)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (async_current_or_launch() == NULL) {
		RETURN_THROWS();
	}
	RETURN_OBJ_COPY(scope_context(ZEND_ASYNC_MAIN_SCOPE));
}

void async_userland_register_context(void)
{
	async_ce_context_exception = register_class_Async_ContextException(async_ce_async_exception);
	async_ce_context = register_class_Async_Context();
	async_ce_context->create_object = context_create_object;
	memcpy(&context_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	context_handlers.offset = XtOffsetOf(async_context_t, std);
	context_handlers.free_obj = context_free;
	context_handlers.get_gc = context_get_gc;
	context_handlers.clone_obj = NULL;
}
