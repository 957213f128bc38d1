/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Which coroutine is using an object (a curl handle, a PostgreSQL connection) for a call that
 * waits inside a C library (object_owner.c). Another coroutine's call on that object is refused
 * with an Error: the library's state belongs to the running call until it returns.
 */
#ifndef ASYNC_OBJECT_OWNER_H
#define ASYNC_OBJECT_OWNER_H

#include "hooks.h"

/* async_object_owners_t: hooks_state.h (the tables are in the module globals). */

/* False, with an Error thrown saying `message`, when another coroutine uses `object`; else true,
 * and *claimed tells whether this call took it (release it then) or its coroutine had it already. */
bool async_object_claim(async_object_owners_t *owners, zend_object *object, bool *claimed, const char *message);
/* False, with the Error thrown, when another coroutine uses `object` (a check, nothing taken). */
bool async_object_check(const async_object_owners_t *owners, zend_object *object, const char *message);
void async_object_release(async_object_owners_t *owners, zend_object *object);
/* At request end: calls a fatal error cut short never released theirs. */
void async_object_owners_forget(async_object_owners_t *owners);

#endif
