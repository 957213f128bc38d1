/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * A libmemcached handle serves one coroutine at a time. Its waits are cooperative (libmemcached's
 * poll() is redirected, library_hooks.c), so a coroutine can be suspended in the middle of a get
 * while another one runs; libmemcached's state (the server's read buffer, the pending replies) is
 * not made to be entered twice, and a second call on the same handle would read the first one's
 * answer or break it. Every Memcached method of another coroutine on a handle in use therefore
 * throws an Error, as a second reader of a stream does. Calls made by the coroutine that holds it
 * (a fetch() or cache callback) keep stock behaviour.
 *
 * Objects made with the same persistent id share one libmemcached handle (php-memcached keeps it
 * across objects and requests), so such objects count as one: the key is the persistent id,
 * recorded by the constructor, else the object.
 *
 * Each method's original handler is kept in the function's reserved slot, as library_guard.c does.
 */
#include "hooks.h"
#include "library.h"
#include "zend_extensions.h"

#define BUSY_MESSAGE "Another coroutine is using this Memcached connection; use one Memcached object (and persistent id) per coroutine"

static int reserved_slot = -1;
static HashTable *users;          /* handle key -> zend_coroutine_t * */
static HashTable *persistent_ids; /* object handle -> persistent id (zend_string) */

static zif_handler original_of(zend_execute_data *execute_data)
{
	return (zif_handler) execute_data->func->internal_function.reserved[reserved_slot];
}

static HashTable *new_table(dtor_func_t destructor)
{
	HashTable *table;
	ALLOC_HASHTABLE(table);
	zend_hash_init(table, 8, NULL, destructor, 0);
	return table;
}

/* The constructor records the persistent id the object was made with. */
static ZEND_NAMED_FUNCTION(memcached_constructor)
{
	original_of(execute_data)(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	zend_object *self = Z_OBJ(EX(This));
	zval *id = ZEND_NUM_ARGS() >= 1 ? ZEND_CALL_ARG(execute_data, 1) : NULL;
	if (id != NULL) {
		ZVAL_DEREF(id);
	}
	if (EG(exception) == NULL && id != NULL && Z_TYPE_P(id) == IS_STRING && Z_STRLEN_P(id) > 0) {
		if (persistent_ids == NULL) {
			persistent_ids = new_table(ZVAL_PTR_DTOR);
		}
		zval copy;
		ZVAL_STR_COPY(&copy, Z_STR_P(id));
		zend_hash_index_update(persistent_ids, self->handle, &copy);
	} else if (persistent_ids != NULL) {
		zend_hash_index_del(persistent_ids, self->handle); /* a handle reused by a new object */
	}
}

/* Claims the object's libmemcached handle for the running coroutine: false with the Error thrown
 * when another coroutine holds it; *key is set when this call took it (release it then). */
static bool claim(zend_object *self, zval *key)
{
	ZVAL_UNDEF(key);
	zval *id = persistent_ids != NULL ? zend_hash_index_find(persistent_ids, self->handle) : NULL;
	zend_coroutine_t *owner = NULL;
	if (users != NULL) {
		owner = id != NULL ? zend_hash_find_ptr(users, Z_STR_P(id)) : zend_hash_index_find_ptr(users, self->handle);
	}
	if (owner != NULL) {
		if (owner == ZEND_ASYNC_CURRENT_COROUTINE) {
			return true;
		}
		zend_throw_error(NULL, BUSY_MESSAGE);
		return false;
	}
	if (users == NULL) {
		users = new_table(NULL);
	}
	if (id != NULL) {
		zend_hash_add_ptr(users, Z_STR_P(id), ZEND_ASYNC_CURRENT_COROUTINE);
		ZVAL_STR_COPY(key, Z_STR_P(id));
	} else {
		zend_hash_index_add_ptr(users, self->handle, ZEND_ASYNC_CURRENT_COROUTINE);
		ZVAL_LONG(key, self->handle);
	}
	return true;
}

static void release(zval *key)
{
	if (Z_TYPE_P(key) == IS_STRING) {
		zend_hash_del(users, Z_STR_P(key));
		zval_ptr_dtor_str(key);
	} else if (Z_TYPE_P(key) == IS_LONG) {
		zend_hash_index_del(users, (zend_ulong) Z_LVAL_P(key));
	}
}

static ZEND_NAMED_FUNCTION(memcached_guard)
{
	zif_handler original = original_of(execute_data);
	if (!async_hook_in_coroutine() || Z_TYPE(EX(This)) != IS_OBJECT) {
		original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}
	zval key;
	if (!claim(Z_OBJ(EX(This)), &key)) {
		RETURN_THROWS();
	}
	original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	release(&key);
}

/* Methods that only read what the last call left, or never touch libmemcached's connection. */
static bool unguarded(const zend_string *name)
{
	static const char *const names[] = { "getresultcode", "getresultmessage", "ispersistent", "ispristine" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (zend_string_equals_cstr(name, names[i], strlen(names[i]))) {
			return true;
		}
	}
	return false;
}

static void swap_methods(bool install)
{
	zend_class_entry *ce = zend_hash_str_find_ptr(CG(class_table), ZEND_STRL("memcached"));
	if (ce == NULL || ce->type != ZEND_INTERNAL_CLASS) {
		return;
	}
	zend_string *lc_name;
	zend_function *fn;
	ZEND_HASH_FOREACH_STR_KEY_PTR(&ce->function_table, lc_name, fn) {
		if (fn->type != ZEND_INTERNAL_FUNCTION || lc_name == NULL || unguarded(lc_name)) {
			continue;
		}
		zend_internal_function *internal = &fn->internal_function;
		zif_handler ours = zend_string_equals_literal(lc_name, "__construct") ? memcached_constructor : memcached_guard;
		if (install && internal->handler != ours) {
			internal->reserved[reserved_slot] = (void *) internal->handler;
			internal->handler = ours;
		} else if (!install && internal->handler == ours) {
			internal->handler = (zif_handler) internal->reserved[reserved_slot];
			internal->reserved[reserved_slot] = NULL;
		}
	} ZEND_HASH_FOREACH_END();
}

void async_memcached_busy_install(void)
{
	if (reserved_slot < 0) {
		reserved_slot = zend_get_resource_handle("async memcached");
	}
	if (reserved_slot >= 0) {
		swap_methods(true);
	}
}

void async_memcached_busy_restore(void)
{
	if (reserved_slot >= 0) {
		swap_methods(false);
	}
}

/* At request end: the objects are gone, and calls a fatal error cut short never released. */
void async_memcached_busy_post_deactivate(void)
{
	HashTable **tables[] = { &users, &persistent_ids };
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if (*tables[i] != NULL) {
			zend_hash_destroy(*tables[i]);
			FREE_HASHTABLE(*tables[i]);
			*tables[i] = NULL;
		}
	}
}
