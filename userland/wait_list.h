/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Coroutines waiting for "something changed" on an object (a FileSystemWatcher's next change, a
 * ThreadChannel's value or free slot). Waking wakes them all; each looks again at what it waits
 * for and waits again if someone else took it: no reservation, so a waiter cancelled after it
 * was woken loses nothing for the others.
 */
#ifndef ASYNC_WAIT_LIST_H
#define ASYNC_WAIT_LIST_H

#include "php.h"
#include "../async_list.h"

/* Suspends the current coroutine (the main script too) until async_wait_list_wake() or, with an
 * exception thrown (false), until it is cancelled or `cancellation` (nullable) completes. `owner`
 * is held meanwhile; `what` names the wait in deadlock reports. */
bool async_wait_list_wait(async_list_t *list, zend_object *owner, zend_object *cancellation, const char *what);

/* Wakes every waiter of the list. */
void async_wait_list_wake(async_list_t *list);

/* Lets go of waiters still listed when the owner is freed (only after a fatal error: a waiter
 * holds its owner). */
void async_wait_list_forget(async_list_t *list);

#endif
