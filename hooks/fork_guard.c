/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * pcntl_fork() while coroutines other than the main script are alive throws an Error, as
 * upstream: the child would inherit their stacks, the reactor's armed handles and the thread
 * pool's work in flight, none of which can go on in two processes. With only the main script
 * (or before the first spawn()) it is PHP's own pcntl_fork(); the child's reactor starts anew.
 */
#include "hooks.h"

static zif_handler original_pcntl_fork;

static PHP_FUNCTION(async_hook_pcntl_fork)
{
	if (ZEND_ASYNC_ACTIVE_COROUTINE_COUNT > 0) {
		zend_throw_error(NULL, "Cannot fork() while coroutines other than the main one are running. "
			"fork() is only allowed when just the main coroutine is active.");
		RETURN_THROWS();
	}
	original_pcntl_fork(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static const async_function_hook_t hooks[] = {
	{ "pcntl_fork", PHP_FN(async_hook_pcntl_fork), &original_pcntl_fork },
};

const async_function_hook_table_t async_fork_guard_hooks = ASYNC_HOOK_TABLE(hooks);
