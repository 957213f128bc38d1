/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Internal to the extension: how the module entry drives the engine API layer. */
#ifndef ASYNC_ENGINE_H
#define ASYNC_ENGINE_H

#include "../zend_async_API.h"

void async_engine_reactor_defaults_set(void);
void async_engine_scheduler_defaults_set(void);
void async_engine_registry_reset(void);

/* Registers the Async\ exception classes. */
void async_register_exception_classes(void);

extern zend_class_entry *async_ce_async_exception;
extern zend_class_entry *async_ce_cancellation;
extern zend_class_entry *async_ce_operation_canceled_exception;
extern zend_class_entry *async_ce_timeout_exception;
extern zend_class_entry *async_ce_input_output_exception;
extern zend_class_entry *async_ce_poll_exception;
extern zend_class_entry *async_ce_dns_exception;
extern zend_class_entry *async_ce_deadlock_error;
extern zend_class_entry *async_ce_composite_exception;

/* The class of an exception kind, as the built-in get_class_ce gives it. */
zend_class_entry *async_exception_class_of(zend_async_class type);

/* True (an Error thrown, unless one is pending) when code the scheduler runs for itself (a
 * destructor, a callback: ZEND_ASYNC_IS_SCHEDULER_CONTEXT) tries to wait (waker.c). */
bool async_refuse_wait_in_scheduler(void);
/* start() and stop() of events that arm nothing (a coroutine, a scope, a Future's state, a Channel
 * waiter): what settles them is not a loop handle but code that notifies them (event.c). */
bool async_event_start_nothing(zend_async_event_t *event);
bool async_event_stop_nothing(zend_async_event_t *event);
/* Notes in the waker where the wait is (getSuspendLocation()): the frame running now. */
static zend_always_inline void async_waker_note_location(zend_async_waker_t *waker)
{
	waker->suspend_frame = EG(current_execute_data);
	waker->lineno = 0;
}
/* Fills the waker's filename and lineno from its frame: the innermost PHP code of a suspended
 * coroutine (waker.c). */
void async_waker_resolve_location(zend_async_waker_t *waker);
/* The wait is over (its coroutine was woken): its events stop watching now rather than when the
 * coroutine runs again, so a ready socket is not reported again and again meanwhile (waker.c). */
void async_waker_stop_events(zend_async_waker_t *waker);
/* Disarms an event however many start() calls it had (event.c). */
void async_event_stop_all(zend_async_event_t *event);

/* Extension points (extension_points.c): a layer registers from MINIT, the layer that owns the
 * moment calls every handler. No call then points up from a lower layer to a higher one. */
typedef bool (*async_deadlock_resolver_t)(void);   /* true: it woke or ended some waiter */
typedef void (*async_before_fork_handler_t)(void);
typedef void (*async_stats_provider_t)(zval *stats); /* adds its keys to the array */
void async_add_deadlock_resolver(async_deadlock_resolver_t resolver);
bool async_resolve_deadlock_by_handlers(void);
void async_add_before_fork_handler(async_before_fork_handler_t handler);
void async_before_fork(void);
void async_add_stats_provider(async_stats_provider_t provider);
void async_collect_stats(zval *stats);

/* INI values (ini.c): false, with a warning naming the setting, for a value the setting does not
 * take; for ZEND_INI_MH handlers, which then return FAILURE. */
bool async_ini_parse_number(const zend_ini_entry *entry, zend_string *value, zend_long min, zend_long max,
	zend_long *number);
bool async_ini_parse_switch(const zend_ini_entry *entry, zend_string *value, bool *on);

void async_engine_minit(void);
void async_engine_mshutdown(void);
void async_engine_rinit(void);
void async_engine_rshutdown(void);

#endif
