/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * pcntl_fork() while coroutines other than the main one live throws, as upstream: the child
 * would inherit their stacks and their waits on the parent's reactor (timers, sockets, the
 * thread pool's work) and could finish none of them. With only the main coroutine left (or
 * nothing ever spawned) it is PHP's own fork, after the engine's before-fork handlers.
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
	async_before_fork();
	original_pcntl_fork(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static const async_function_hook_t hooks[] = {
	{ "pcntl_fork", PHP_FN(async_hook_pcntl_fork), &original_pcntl_fork },
};

const async_function_hook_table_t async_fork_hooks = ASYNC_HOOK_TABLE(hooks);
