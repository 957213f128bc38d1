/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The types of the hooks' per-request state that the module globals (php_async.h) hold by value.
 * Types only: the module header includes this, and hooks.h includes the module header.
 */
#ifndef ASYNC_HOOKS_STATE_H
#define ASYNC_HOOKS_STATE_H

#include "php.h"

/* Which coroutine uses which object in a library call (object_owner.h). */
typedef struct {
	HashTable *owners; /* object handle -> zend_coroutine_t *, created on first use */
} async_object_owners_t;

#endif
