/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * A hooked call that fails without having waited still goes through the scheduler. Retrying is
 * what servers and clients do (an accept loop, a reconnect loop), and a failure that comes at
 * once (a refused connect on loopback, an accept with no descriptor free) would otherwise let such
 * a loop spin in one coroutine for ever: the others never ran, timers never fired, and the
 * coroutines whose end would have freed descriptors never ended (2.4 million failed accepts in
 * 5 s). Stock PHP returns those failures at once too; here they also let the others run.
 */
#include "hooks.h"
#include <errno.h>

/* How long a coroutine sleeps after an accept that failed for want of descriptors or memory:
 * short enough that a server accepts again soon after some are free, long enough that the loop
 * costs no CPU meanwhile (and warns 100 times a second, not a million). */
#define SHORTAGE_PAUSE_MS 10

bool async_hook_yield(void)
{
	ZEND_ASYNC_SUSPEND(); /* no waker: to the back of the run queue (the reactor runs in turn) */
	return EG(exception) == NULL;
}

bool async_hook_is_resource_shortage(int error)
{
	return error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM;
}

bool async_hook_pause_after_shortage(zend_long left_ms)
{
	if (left_ms == 0) {
		return async_hook_yield();
	}
	zend_ulong ms = left_ms < 0 || left_ms > SHORTAGE_PAUSE_MS ? SHORTAGE_PAUSE_MS : (zend_ulong) left_ms;
	return async_hook_sleep(ms, 0) != ASYNC_HOOK_WAIT_FAILED;
}
