/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Output buffers per coroutine. PHP keeps one stack of output handlers per request (OG(handlers),
 * with OG(active) its top and OG(running) the handler being called); here every coroutine has
 * its own. At each switch the leaving coroutine's part of the output globals is put aside and
 * the entering one's put in place, so ob_start() in a coroutine buffers only that coroutine's
 * output. A coroutine starts with no buffer; what leaves its stack goes to the SAPI, as the
 * output of a script without buffers does. The main script keeps the request's stack (the
 * output_buffering INI buffer included). The request-wide part of the output globals (flags,
 * where output started) stays shared. Buffers a coroutine leaves open are flushed when it ends,
 * as PHP flushes the script's at request end.
 *
 * Only coroutines that have something on their stack while suspended cost anything: their
 * state waits in `parked`, keyed by the coroutine.
 */
#include "scheduler.h"
#include "zend_exceptions.h"
#include "main/php_output.h"

typedef struct {
	zend_stack handlers;
	php_output_handler *active;
	php_output_handler *running;
} coroutine_output_t;

#define parked ASYNC_G(scheduler.output_parked)
#define parked_ready ASYNC_G(scheduler.output_parked_ready)

static bool current_is_empty(void)
{
	return async_output_stack_empty();
}

/* Frees the handlers of a stack without calling them: their output is lost. */
static void free_handlers(zend_stack *handlers)
{
	php_output_handler **handler;
	while ((handler = zend_stack_top(handlers)) != NULL) {
		php_output_handler_free(handler);
		zend_stack_del_top(handlers);
	}
	zend_stack_destroy(handlers);
}

static void install_empty(void)
{
	zend_stack_init(&OG(handlers), sizeof(php_output_handler *));
	OG(active) = NULL;
	OG(running) = NULL;
}

/* Puts `from`'s part of the output globals aside and `to`'s in place. A stack without an owner
 * (`from` NULL or finished: a coroutine that died in a fatal error) goes on top of `to`'s, so
 * that PHP flushes it with the rest at request end, as it would have without coroutines. */
void async_output_switch_buffers(async_coroutine_t *from, async_coroutine_t *to)
{
	zend_stack orphan;
	bool has_orphan = false;

	if (current_is_empty()) {
		zend_stack_destroy(&OG(handlers)); /* frees what a past ob_start() allocated */
	} else if (from != NULL && !ZEND_COROUTINE_IS_FINISHED(&from->coroutine)) {
		if (!parked_ready) {
			zend_hash_init(&parked, 8, NULL, NULL, 0);
			parked_ready = true;
		}
		coroutine_output_t *saved = emalloc(sizeof(*saved));
		saved->handlers = OG(handlers);
		saved->active = OG(active);
		saved->running = OG(running);
		zend_hash_index_update_ptr(&parked, (zend_ulong) (uintptr_t) from, saved);
	} else {
		orphan = OG(handlers);
		has_orphan = true;
	}

	coroutine_output_t *saved = parked_ready ? zend_hash_index_find_ptr(&parked, (zend_ulong) (uintptr_t) to) : NULL;
	if (saved == NULL) {
		install_empty();
	} else {
		OG(handlers) = saved->handlers;
		OG(active) = saved->active;
		OG(running) = saved->running;
		efree(saved);
		zend_hash_index_del(&parked, (zend_ulong) (uintptr_t) to);
	}
	async_output_any_parked = parked_ready && zend_hash_num_elements(&parked) > 0;

	if (has_orphan) {
		php_output_handler **handlers = orphan.elements;
		for (int i = 0; i < zend_stack_count(&orphan); i++) {
			handlers[i]->level = zend_stack_push(&OG(handlers), &handlers[i]);
			OG(active) = handlers[i];
		}
		zend_stack_destroy(&orphan);
	}
}

void async_output_coroutine_ended(void)
{
	if (current_is_empty()) {
		return;
	}
	/* As at request end: every buffer flushed down, then gone. A handler that throws is
	 * reported, as PHP reports an exception thrown while it ends a request. */
	php_output_end_all();
	if (EG(exception) != NULL) {
		zend_exception_error(EG(exception), E_WARNING);
		zend_clear_exception();
	}
	if (!current_is_empty()) {
		free_handlers(&OG(handlers)); /* a handler refused to go (ob_start flags) */
		install_empty();
	}
}

void async_output_rshutdown(void)
{
	if (!parked_ready) {
		return;
	}
	/* Only what coroutines that never resumed (after a fatal error) left behind. */
	coroutine_output_t *saved;
	ZEND_HASH_FOREACH_PTR(&parked, saved) {
		free_handlers(&saved->handlers);
		efree(saved);
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&parked);
	parked_ready = false;
	async_output_any_parked = false;
}
