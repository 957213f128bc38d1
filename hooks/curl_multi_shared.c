/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * One curl multi handle driven by several coroutines (a shared Guzzle handler whose promises are
 * waited on in two coroutines: each loops curl_multi_exec()/curl_multi_select()).
 *
 * curl_multi_select() waits on the sockets its multi handle had when it was called. If another
 * coroutine's curl_multi_exec() then finishes those transfers, the waiting one sleeps out its
 * whole timeout: the sockets it waits on are idle in curl's connection cache, or closed, and
 * nothing wakes it (in stock PHP one thread drives the handle and this cannot happen). So a
 * curl_multi_exec() that changed the number of running transfers wakes the coroutines waiting in
 * curl_multi_select() on the same handle; their select returns 0 as an early timeout
 * (async_library_poll_curl) and their loop calls curl_multi_exec() to see the new state.
 *
 * Only a change wakes them: two coroutines whose transfers are still in flight would otherwise
 * wake each other for ever. The count to compare with is the one the handle's previous
 * curl_multi_exec() gave, kept here per handle: the caller's $still_running variable is often a
 * fresh one on each call (Symfony's CurlHttpClient), which would look like a change every time.
 * The counts are keyed by the multi object's handle number, which PHP gives to a new object once
 * the old one is freed: curl_multi_init() (the only way to make a multi handle: it can be neither
 * constructed nor cloned) forgets the count kept under the new object's number, as memcached_busy.c's
 * constructor forgets a reused handle's persistent id, so a new handle never starts from a freed
 * one's count (whose first exec would then wake nobody when it gave that same count).
 */
#include "hooks.h"

static zif_handler original_curl_multi_init;
static zif_handler original_curl_multi_exec;
static zif_handler original_curl_multi_select;

#define selects ASYNC_G(hooks.curl_multi_selects)
#define running_counts ASYNC_G(hooks.curl_multi_running) /* multi object handle => running transfers */

/* A coroutine waiting in curl_multi_select(); lives on that call's C stack. */
typedef struct {
	async_list_node_t in_list;
	zend_object *multi;
	zend_coroutine_t *coroutine;
} select_wait_t;

static zend_object *multi_argument(zend_execute_data *execute_data)
{
	if (ZEND_NUM_ARGS() < 1) {
		return NULL;
	}
	zval *arg = ZEND_CALL_ARG(execute_data, 1);
	ZVAL_DEREF(arg);
	return Z_TYPE_P(arg) == IS_OBJECT ? Z_OBJ_P(arg) : NULL;
}

/* The by-reference $still_running argument's value, or -1 when it holds no number. */
static zend_long still_running_argument(zend_execute_data *execute_data)
{
	if (ZEND_NUM_ARGS() < 2) {
		return -1;
	}
	zval *arg = ZEND_CALL_ARG(execute_data, 2);
	ZVAL_DEREF(arg);
	return Z_TYPE_P(arg) == IS_LONG ? Z_LVAL_P(arg) : -1;
}

static void wake_selects_on(zend_object *multi)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	ASYNC_LIST_FOREACH(&selects, node) {
		select_wait_t *wait = ASYNC_LIST_ENTRY(node, select_wait_t, in_list);
		zend_coroutine_t *coroutine = wait->coroutine;
		if (wait->multi == multi && coroutine != self && coroutine->waker != NULL
			&& coroutine->waker->status == ZEND_ASYNC_WAKER_WAITING) {
			ZEND_ASYNC_RESUME(coroutine);
		}
	}
}

/* In or out of a coroutine: a handle made outside one may be driven in one later. */
static PHP_FUNCTION(async_hook_curl_multi_init)
{
	original_curl_multi_init(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (running_counts != NULL && Z_TYPE_P(return_value) == IS_OBJECT) {
		zend_hash_index_del(running_counts, Z_OBJ_P(return_value)->handle);
	}
}

static PHP_FUNCTION(async_hook_curl_multi_exec)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_curl_multi_exec);
	zend_object *multi = multi_argument(execute_data);
	original_curl_multi_exec(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	zend_long running = still_running_argument(execute_data);
	if (multi == NULL || running < 0) {
		return;
	}
	if (running_counts == NULL) {
		ALLOC_HASHTABLE(running_counts);
		zend_hash_init(running_counts, 8, NULL, NULL, 0);
	}
	zval *known = zend_hash_index_find(running_counts, multi->handle);
	if (known != NULL && Z_LVAL_P(known) == running) {
		return;
	}
	zval count;
	ZVAL_LONG(&count, running);
	zend_hash_index_update(running_counts, multi->handle, &count);
	if (!async_list_empty(&selects)) {
		wake_selects_on(multi);
	}
}

static PHP_FUNCTION(async_hook_curl_multi_select)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_curl_multi_select);
	select_wait_t wait = { .multi = multi_argument(execute_data), .coroutine = ZEND_ASYNC_CURRENT_COROUTINE };
	async_list_node_init(&wait.in_list);
	async_list_append(&selects, &wait.in_list);
	zend_try {
		original_curl_multi_select(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	} zend_catch {
		async_list_remove(&selects, &wait.in_list); /* the record is on this stack */
		zend_bailout();
	} zend_end_try();
	async_list_remove(&selects, &wait.in_list);
}

void async_curl_multi_shared_rinit(void)
{
	async_list_init(&selects);
	running_counts = NULL;
}

void async_curl_multi_shared_post_deactivate(void)
{
	if (running_counts != NULL) {
		zend_hash_destroy(running_counts);
		FREE_HASHTABLE(running_counts);
		running_counts = NULL;
	}
}

static const async_function_hook_t hooks[] = {
	{ "curl_multi_init", PHP_FN(async_hook_curl_multi_init), &original_curl_multi_init },
	{ "curl_multi_exec", PHP_FN(async_hook_curl_multi_exec), &original_curl_multi_exec },
	{ "curl_multi_select", PHP_FN(async_hook_curl_multi_select), &original_curl_multi_select },
};

const async_function_hook_table_t async_curl_multi_shared_hooks = ASYNC_HOOK_TABLE(hooks);
