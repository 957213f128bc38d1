/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The part of PHP's executor globals that belongs to the call in progress, not to the request,
 * kept per coroutine. Two kinds of code change it around a call and put it back after:
 *  - `@` (ZEND_BEGIN_SILENCE / ZEND_END_SILENCE) lowers EG(error_reporting);
 *  - an internal function that turns warnings into exceptions around its work
 *    (zend_replace_error_handling(): PDO's constructor sets EH_THROW with PDOException).
 * A coroutine that suspends inside such a call must take that state with it and leave the
 * others the request's, or a warning in another coroutine is silenced or thrown as a
 * PDOException; and two such calls in two coroutines would each put back the other's state.
 *
 * Zend's fiber switch already keeps EG(error_reporting) per C stack (with the VM stack, the
 * current frame and the JIT trace), but a context also runs the scheduler's own work before it
 * switches, and a coroutine that starts on a context would inherit whatever was left there. So:
 * a suspending coroutine puts its state aside and the scheduler works in the request's state
 * (async_call_state_leave), a resumed one takes its own back (async_call_state_return), and a
 * coroutine starts in the request's state (async_call_state_reset), as a Fiber does: the level of
 * the error_reporting INI setting (what error_reporting() and ini_set() change; `@` does not).
 * (EG(fake_scope), also set around calls, needs nothing: zend_call_function() clears it for the
 * PHP code it calls, so no coroutine suspends with it set.)
 */
#ifndef ASYNC_CALL_STATE_H
#define ASYNC_CALL_STATE_H

#include "php.h"

typedef struct {
	int error_reporting;
	zend_error_handling_t error_handling;
	zend_class_entry *exception_class;
} async_call_state_t;

/* The request's error level: the error_reporting INI value, as Zend's fiber entry reads it
 * (E_ALL when the setting has no value). BEGIN_SILENCE caches the entry in the same global. */
static zend_always_inline int async_request_error_level(void)
{
	zend_ini_entry *entry = EG(error_reporting_ini_entry);
	if (UNEXPECTED(entry == NULL)) {
		entry = zend_hash_find_ptr(EG(ini_directives), ZSTR_KNOWN(ZEND_STR_ERROR_REPORTING));
		if (entry == NULL) {
			return E_ALL;
		}
		EG(error_reporting_ini_entry) = entry;
	}
	if (entry->value == NULL) {
		return E_ALL;
	}
	return (int) ZEND_STRTOL(ZSTR_VAL(entry->value), NULL, 0);
}

/* The state of code that runs outside any call: a coroutine's start, the scheduler's work. */
static zend_always_inline void async_call_state_reset(void)
{
	EG(error_reporting) = async_request_error_level();
	EG(error_handling) = EH_NORMAL;
	EG(exception_class) = NULL;
}

/* The running coroutine suspends: its state goes into `saved`, the request's takes its place. */
static zend_always_inline void async_call_state_leave(async_call_state_t *saved)
{
	saved->error_reporting = EG(error_reporting);
	saved->error_handling = EG(error_handling);
	saved->exception_class = EG(exception_class);
	async_call_state_reset();
}

/* It resumes: its own state is back. */
static zend_always_inline void async_call_state_return(const async_call_state_t *saved)
{
	EG(error_reporting) = saved->error_reporting;
	EG(error_handling) = saved->error_handling;
	EG(exception_class) = saved->exception_class;
}

#endif
