/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: internal declarations. Uses the async extension through its public header only. */
#ifndef ASYNC_TEST_H
#define ASYNC_TEST_H

#include "php.h"
#include "ext/async/zend_async_API.h"

extern zend_module_entry async_test_module_entry;

/* A trivial reactor: one-shot and periodic timers that fire on the next execute(). */
bool async_test_backend_register(const char *module, bool allow_override);
char *async_test_module_name(const char *module);

/* The event kind of the test backend, usable without registering it too. */
zend_async_timer_event_t *async_test_new_timer_event(const zend_ulong timeout, const zend_ulong nanoseconds,
	const bool is_periodic, size_t extra_size);
size_t async_test_timer_impl_size(void);
/* How many test events are allocated and not yet freed. */
extern uint32_t async_test_live_events;

/* The function tables of the test areas, one per test_<area>.c. */
const zend_function_entry *async_test_timer_functions(void);
const zend_function_entry *async_test_poll_functions(void);
const zend_function_entry *async_test_signal_functions(void);
const zend_function_entry *async_test_process_functions(void);
const zend_function_entry *async_test_exec_functions(void);
const zend_function_entry *async_test_dns_functions(void);
const zend_function_entry *async_test_thread_functions(void);
const zend_function_entry *async_test_fs_functions(void);
const zend_function_entry *async_test_scope_functions(void);
const zend_function_entry *async_test_error_handling_functions(void);

/* Runs the registered reactor until *done is true, nothing is left to wait for, or
 * `max_ms` of loop time passed (then returns false). */
bool async_test_run_until(const bool *done, zend_long max_ms);

/* Scenario logs: callbacks append lines to the array that a scenario set. */
extern zval *async_test_log;
void async_test_logf(const char *format, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);

#endif
