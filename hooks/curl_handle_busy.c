/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * A curl handle serves one coroutine at a time. While curl_exec() runs in a coroutine (suspended
 * in libcurl's poll, library_poll.c), another coroutine's curl_exec() on the same handle would
 * first empty the buffer the running transfer writes its answer into (PHP resets the handle's
 * state before libcurl refuses the busy handle), and curl_setopt()/curl_reset() would change the
 * running transfer under it. Those calls from another coroutine get an Error instead, as a second
 * reader of a stream does; the coroutine that runs the transfer (its callbacks) keeps stock PHP's
 * behaviour.
 *
 * A curl multi handle may be driven by several coroutines (curl_multi_exec, curl_multi_select: a
 * shared Guzzle handler ticks from whichever coroutine waits). curl_multi_close() only removes
 * the easy handles (the multi lives as long as its object, which a waiting call holds), so it is
 * left as it is.
 */
#include "object_owner.h"

static zif_handler original_curl_exec;
static zif_handler original_curl_setopt;
static zif_handler original_curl_setopt_array;
static zif_handler original_curl_reset;
static zif_handler original_curl_multi_add_handle;

#define BUSY_MESSAGE "Another coroutine is running a transfer on this curl handle (curl_exec())"

#define transfers ASYNC_G(hooks.curl_transfers)

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

static PHP_FUNCTION(async_hook_curl_exec)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_curl_exec);
	zend_object *handle = object_argument(execute_data, 1);
	if (handle == NULL) {
		original_curl_exec(INTERNAL_FUNCTION_PARAM_PASSTHRU); /* PHP reports the bad argument */
		return;
	}
	bool claimed;
	if (!async_object_claim(&transfers, handle, &claimed, BUSY_MESSAGE)) {
		RETURN_THROWS();
	}
	original_curl_exec(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (claimed) {
		async_object_release(&transfers, handle);
	}
}

#define CHECKED_HOOK(name, argument) \
	static PHP_FUNCTION(async_hook_##name) \
	{ \
		if (async_hook_in_coroutine() && !async_object_check(&transfers, object_argument(execute_data, argument), BUSY_MESSAGE)) { \
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
	async_object_owners_forget(&transfers);
}

static const async_function_hook_t hooks[] = {
	{ "curl_exec", PHP_FN(async_hook_curl_exec), &original_curl_exec },
	{ "curl_setopt", PHP_FN(async_hook_curl_setopt), &original_curl_setopt },
	{ "curl_setopt_array", PHP_FN(async_hook_curl_setopt_array), &original_curl_setopt_array },
	{ "curl_reset", PHP_FN(async_hook_curl_reset), &original_curl_reset },
	{ "curl_multi_add_handle", PHP_FN(async_hook_curl_multi_add_handle), &original_curl_multi_add_handle },
};

const async_function_hook_table_t async_curl_busy_hooks = ASYNC_HOOK_TABLE(hooks);
