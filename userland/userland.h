/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Internal: the Async\ functions and classes that PHP users call. */
#ifndef ASYNC_USERLAND_H
#define ASYNC_USERLAND_H

#include "php.h"
#include "../zend_async_API.h"
#include "../php_async.h" /* the module globals: userland's per-request state is there */


void async_userland_minit(void);
void async_userland_rinit(void);
void async_channel_rinit(void);
void async_userland_register_channel(void);
void async_userland_register_context(void);
void async_userland_register_cpu_snapshot(void);
void async_userland_register_spawn_with(void);
void async_userland_register_task_group(void);

extern zend_class_entry *async_ce_scope_provider;
void async_userland_register_pool(void);
void async_userland_register_fs_watcher(void);
void async_userland_register_thread_channel(void);

extern zend_class_entry *async_ce_timeout;

void async_userland_register_timeout(void);
zend_async_event_t *async_timeout_event(zend_object *object);
bool async_timeout_is_cancelled(zend_object *object);

extern zend_class_entry *async_ce_future;
extern zend_class_entry *async_ce_future_state;
void async_userland_register_future(void);
zend_async_event_t *async_future_event(zend_object *future);
void async_future_outcome(zend_object *future, zval **result, zend_object **exception);
bool async_future_has_state(zend_object *future);
/* Handed to an API (awaited, a cancellation token): no "never used" warning for it. */
void async_future_mark_used(zend_object *future);
/* A pending Future settled from C; its state in *state (borrowed: the Future holds it).
 * `release_producer(producer)` (nullable) runs when the state goes. */
zend_object *async_future_new_pending(zend_object **state, void (*release_producer)(void *), void *producer);
zend_async_event_t *async_future_state_event(zend_object *state);
/* Completes the state with a value, or fails it (exception not NULL); nothing if it is settled
 * already (a cancelled Future). */
void async_future_state_settle(zend_object *state, zval *result, zend_object *exception);
/* RETURN a Future already failed with `exception` (borrowed). */
void async_future_new_failed(zval *return_value, zend_object *exception);
void async_userland_register_signal(void);
zend_object *async_context_of_coroutine(zend_coroutine_t *coroutine);

/* awaitable.c */
/* The result and exception of a completed Coroutine or Future (borrowed); marks the exception as
 * handled. A Timeout's outcome is null. */
void async_awaitable_take_outcome(zend_object *object, zval **result, zend_object **exception);
zend_async_event_t *async_awaitable_event(zend_object *object);
bool async_awaitable_completed(zend_object *object);
bool async_awaitable_never_completes(zend_object *object);
zend_object *async_token_error(zend_object *token);
/* Adds a cancellation token to the current wait; throws (false) if it has completed already. */
bool async_await_add_token(zend_coroutine_t *self, zend_object *token);
/* await() for any Completable: the result in return_value, or false with an exception thrown. */
bool async_await_object(zend_object *awaitable, zend_object *cancellation, zval *return_value);

#endif
