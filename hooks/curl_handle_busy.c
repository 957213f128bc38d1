/*
 * A curl handle serves one coroutine at a time. While curl_exec() runs in a coroutine (suspended
 * in libcurl's poll, library_poll.c), another coroutine's curl_exec() on the same handle would
 * first empty the buffer the running transfer writes its answer into (PHP resets the handle's
 * state before libcurl refuses the busy handle), and curl_setopt()/curl_reset() would change the
 * running transfer under it. Those calls from another coroutine get an Error instead, as a second
 * reader of a stream does; the coroutine that runs the transfer (its callbacks) keeps stock PHP's
 * behaviour.
 */
#include "hooks.h"

static zif_handler original_curl_exec;
static zif_handler original_curl_setopt;
static zif_handler original_curl_setopt_array;
static zif_handler original_curl_reset;
static zif_handler original_curl_multi_add_handle;

/* Object handle of a CurlHandle in curl_exec() -> the coroutine running it. */
static HashTable *busy_handles;

/* The object passed as argument `n` (1-based), if it is one. */
static zend_object *object_argument(zend_execute_data *execute_data, uint32_t n)
{
	if (ZEND_NUM_ARGS() < n) {
		return NULL;
	}
	zval *arg = ZEND_CALL_ARG(execute_data, n);
	ZVAL_DEREF(arg);
	return Z_TYPE_P(arg) == IS_OBJECT ? Z_OBJ_P(arg) : NULL;
}

/* True (an Error thrown) when another coroutine runs a transfer on this handle. */
static bool refuse_busy(zend_object *handle)
{
	if (busy_handles == NULL || handle == NULL) {
		return false;
	}
	zend_coroutine_t *owner = zend_hash_index_find_ptr(busy_handles, handle->handle);
	if (owner == NULL || owner == ZEND_ASYNC_CURRENT_COROUTINE) {
		return false;
	}
	zend_throw_error(NULL, "Another coroutine is running a transfer on this curl handle (curl_exec())");
	return true;
}

static PHP_FUNCTION(async_hook_curl_exec)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_curl_exec);
	zend_object *handle = object_argument(execute_data, 1);
	if (handle == NULL) {
		original_curl_exec(INTERNAL_FUNCTION_PARAM_PASSTHRU); /* PHP reports the bad argument */
		return;
	}
	if (refuse_busy(handle)) {
		RETURN_THROWS();
	}
	if (busy_handles == NULL) {
		ALLOC_HASHTABLE(busy_handles);
		zend_hash_init(busy_handles, 8, NULL, NULL, 0);
	}
	bool marked = zend_hash_index_add_ptr(busy_handles, handle->handle, ZEND_ASYNC_CURRENT_COROUTINE) != NULL;
	original_curl_exec(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (marked) {
		zend_hash_index_del(busy_handles, handle->handle);
	}
}

#define CHECKED_HOOK(name, argument) \
	static PHP_FUNCTION(async_hook_##name) \
	{ \
		if (async_hooks_in_coroutine() && refuse_busy(object_argument(execute_data, argument))) { \
			RETURN_THROWS(); \
		} \
		original_##name(INTERNAL_FUNCTION_PARAM_PASSTHRU); \
	}

CHECKED_HOOK(curl_setopt, 1)
CHECKED_HOOK(curl_setopt_array, 1)
CHECKED_HOOK(curl_reset, 1)
CHECKED_HOOK(curl_multi_add_handle, 2)

/* Entries of transfers a fatal error cut short: the request is over. */
void async_curl_busy_post_deactivate(void)
{
	if (busy_handles != NULL) {
		zend_hash_destroy(busy_handles);
		FREE_HASHTABLE(busy_handles);
		busy_handles = NULL;
	}
}

static const async_function_hook_t hooks[] = {
	{ "curl_exec", PHP_FN(async_hook_curl_exec), &original_curl_exec },
	{ "curl_setopt", PHP_FN(async_hook_curl_setopt), &original_curl_setopt },
	{ "curl_setopt_array", PHP_FN(async_hook_curl_setopt_array), &original_curl_setopt_array },
	{ "curl_reset", PHP_FN(async_hook_curl_reset), &original_curl_reset },
	{ "curl_multi_add_handle", PHP_FN(async_hook_curl_multi_add_handle), &original_curl_multi_add_handle },
};

const async_function_hook_table_t async_curl_busy_hooks = ASYNC_HOOK_TABLE(hooks);
