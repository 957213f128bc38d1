/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Coroutine lists: async_list.h's, with the node in the coroutine. A coroutine is in two at most:
 * the scheduler's list of live coroutines (`live_link`) and its scope's (`scope_link`); joining and
 * leaving allocate nothing and touch no table (they run at every spawn).
 */
#ifndef ASYNC_COROUTINE_LIST_H
#define ASYNC_COROUTINE_LIST_H

#include "php.h"
#include "../async_list.h"

typedef struct _async_coroutine_s async_coroutine_t;

/* Objects taken out of a list, each with a reference of the caller's, for loops that run code
 * which may change the list (cancelling runs finally handlers). */
typedef struct {
	zend_object **objects;
	uint32_t count;
} async_snapshot_t;

/* `link_offset`: where the list's node is in a coroutine (XtOffsetOf(async_coroutine_t, live_link)). */
async_snapshot_t async_coroutine_list_snapshot(const async_list_t *list, size_t link_offset);
void async_snapshot_release(async_snapshot_t *snapshot);

#endif
