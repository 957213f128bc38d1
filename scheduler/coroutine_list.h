/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Intrusive lists of coroutines, in the order they were added. A coroutine is in two at most:
 * the scheduler's list of live coroutines and its scope's. The links live in the coroutine, so
 * joining and leaving a list allocate nothing and touch no table (they run at every spawn).
 */
#ifndef ASYNC_COROUTINE_LIST_H
#define ASYNC_COROUTINE_LIST_H

#include "php.h"

typedef struct _async_coroutine_s async_coroutine_t;

typedef struct {
	async_coroutine_t *prev;
	async_coroutine_t *next;
} async_coroutine_link_t;

typedef struct {
	async_coroutine_t *first;
	async_coroutine_t *last;
	uint32_t count;
	uint32_t link_offset; /* where the list's link is in a coroutine */
} async_coroutine_list_t;

#define ASYNC_COROUTINE_LIST_INIT(offset) ((async_coroutine_list_t) { NULL, NULL, 0, (uint32_t) (offset) })

static zend_always_inline async_coroutine_link_t *async_coroutine_link(const async_coroutine_list_t *list,
	async_coroutine_t *co)
{
	return (async_coroutine_link_t *) ((char *) co + list->link_offset);
}

static zend_always_inline void async_coroutine_list_append(async_coroutine_list_t *list, async_coroutine_t *co)
{
	async_coroutine_link_t *link = async_coroutine_link(list, co);
	link->prev = list->last;
	link->next = NULL;
	if (list->last != NULL) {
		async_coroutine_link(list, list->last)->next = co;
	} else {
		list->first = co;
	}
	list->last = co;
	list->count++;
}

static zend_always_inline void async_coroutine_list_remove(async_coroutine_list_t *list, async_coroutine_t *co)
{
	async_coroutine_link_t *link = async_coroutine_link(list, co);
	if (link->prev != NULL) {
		async_coroutine_link(list, link->prev)->next = link->next;
	} else {
		list->first = link->next;
	}
	if (link->next != NULL) {
		async_coroutine_link(list, link->next)->prev = link->prev;
	} else {
		list->last = link->prev;
	}
	link->prev = link->next = NULL;
	list->count--;
}

static zend_always_inline bool async_coroutine_list_contains(const async_coroutine_list_t *list,
	async_coroutine_t *co)
{
	return async_coroutine_link(list, co)->prev != NULL || list->first == co;
}

static zend_always_inline async_coroutine_t *async_coroutine_list_next(const async_coroutine_list_t *list,
	async_coroutine_t *co)
{
	return async_coroutine_link(list, co)->next;
}

#define ASYNC_COROUTINE_LIST_FOREACH(list, co) \
	for (async_coroutine_t *co = (list)->first; co != NULL; co = async_coroutine_list_next((list), co))

/* Objects taken out of a list, each with a reference of the caller's, for loops that run code
 * which may change the list (cancelling runs finally handlers). */
typedef struct {
	zend_object **objects;
	uint32_t count;
} async_snapshot_t;

async_snapshot_t async_coroutine_list_snapshot(const async_coroutine_list_t *list);
void async_snapshot_release(async_snapshot_t *snapshot);

#endif
