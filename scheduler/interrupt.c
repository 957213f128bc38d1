/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * A VM interrupt raised while every coroutine waits: pcntl's handler with pcntl_async_signals(true)
 * (or Zend's timeout) raises EG(vm_interrupt) and the work is done at PHP's next interrupt check,
 * but no PHP code runs while the scheduler waits in the reactor (which a signal PHP handles wakes:
 * reactor/signal_wake.c). The scheduler then runs the check in a coroutine of its own, first in
 * the queue, as the VM would (zend_interrupt_helper): the handler runs at once, in PHP code that
 * may wait, spawn, cancel or exit(). In sync mode pcntl raises nothing: its handlers wait for
 * pcntl_signal_dispatch() as in stock PHP.
 */
#include "scheduler.h"

#define dispatcher_queued ASYNC_G(scheduler.interrupt_dispatcher_queued)

static void run_interrupt(void)
{
	dispatcher_queued = false;
	if (!zend_atomic_bool_load_ex(&EG(vm_interrupt))) {
		return; /* some PHP code ran it meanwhile */
	}
	zend_atomic_bool_store_ex(&EG(vm_interrupt), false);
	if (zend_atomic_bool_load_ex(&EG(timed_out))) {
		zend_timeout();
	} else if (zend_interrupt_function != NULL) {
		zend_interrupt_function(EG(current_execute_data));
	}
}

bool async_scheduler_dispatch_interrupt(void)
{
	if (EXPECTED(!zend_atomic_bool_load_ex(&EG(vm_interrupt)))) {
		return false;
	}
	if (dispatcher_queued) {
		return true;
	}
	if (async_scheduler.main_scope == NULL) {
		return false;
	}
	/* Also while shutting down: the reactor does not block with an interrupt pending, so leaving it
	 * to PHP code that may never run would spin. */
	async_coroutine_t *co = async_scheduler_spawn_in(async_scheduler.main_scope, ZEND_COROUTINE_HI_PRIORITY);
	co->coroutine.internal_entry = run_interrupt;
	dispatcher_queued = true;
	return true;
}

void async_scheduler_interrupt_rshutdown(void)
{
	dispatcher_queued = false;
}
