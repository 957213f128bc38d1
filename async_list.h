/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The one list of the extension: intrusive, doubly linked, circular around a head node (the idea of
 * libuv's queue.h). The node lives inside the listed struct, so joining and leaving a list allocate
 * nothing; ASYNC_LIST_ENTRY() gets from a node back to its struct.
 *
 *     typedef struct { ...; async_list_node_t in_queue; } waiter_t;
 *     async_list_t queue;                   async_list_init(&queue);
 *     async_list_append(&queue, &w->in_queue);
 *     ASYNC_LIST_FOREACH_SAFE(&queue, node, next) {
 *         waiter_t *w = ASYNC_LIST_ENTRY(node, waiter_t, in_queue); ...
 *     }
 *
 * A list's head points at itself: a list must not be copied or moved once initialised (keep it in
 * a struct that stays put: module globals, an allocated object). A node that is in no list has NULL
 * links (async_list_node_init(), and async_list_remove() leaves it so), which makes
 * async_list_node_linked() a constant-time membership test and a second remove harmless.
 */
#ifndef ASYNC_LIST_H
#define ASYNC_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct async_list_node_s {
	struct async_list_node_s *prev;
	struct async_list_node_s *next;
} async_list_node_t;

typedef struct {
	async_list_node_t head;
	uint32_t count;
} async_list_t;

#define ASYNC_LIST_ENTRY(node, type, member) ((type *) ((char *) (node) - offsetof(type, member)))

static inline void async_list_init(async_list_t *list)
{
	list->head.prev = list->head.next = &list->head;
	list->count = 0;
}

static inline void async_list_node_init(async_list_node_t *node)
{
	node->prev = node->next = NULL;
}

static inline bool async_list_node_linked(const async_list_node_t *node)
{
	return node->next != NULL;
}

static inline bool async_list_empty(const async_list_t *list)
{
	return list->head.next == &list->head;
}

static inline uint32_t async_list_count(const async_list_t *list)
{
	return list->count;
}

/* The first and last node, or NULL when the list is empty. */
static inline async_list_node_t *async_list_first(const async_list_t *list)
{
	return async_list_empty(list) ? NULL : list->head.next;
}

static inline async_list_node_t *async_list_last(const async_list_t *list)
{
	return async_list_empty(list) ? NULL : list->head.prev;
}

/* The node after / before `node`, or NULL at the end. */
static inline async_list_node_t *async_list_next(const async_list_t *list, const async_list_node_t *node)
{
	return node->next == &list->head ? NULL : node->next;
}

static inline async_list_node_t *async_list_prev(const async_list_t *list, const async_list_node_t *node)
{
	return node->prev == &list->head ? NULL : node->prev;
}

static inline void async_list_insert_between(async_list_node_t *node, async_list_node_t *prev, async_list_node_t *next)
{
	node->prev = prev;
	node->next = next;
	prev->next = node;
	next->prev = node;
}

static inline void async_list_append(async_list_t *list, async_list_node_t *node)
{
	async_list_insert_between(node, list->head.prev, &list->head);
	list->count++;
}

static inline void async_list_prepend(async_list_t *list, async_list_node_t *node)
{
	async_list_insert_between(node, &list->head, list->head.next);
	list->count++;
}

/* Removes a node from the list it is in; a node in no list is left alone. */
static inline void async_list_remove(async_list_t *list, async_list_node_t *node)
{
	if (!async_list_node_linked(node)) {
		return;
	}
	node->prev->next = node->next;
	node->next->prev = node->prev;
	node->prev = node->next = NULL;
	list->count--;
}

/* Takes the first node off the list, or NULL when it is empty. */
static inline async_list_node_t *async_list_shift(async_list_t *list)
{
	async_list_node_t *node = async_list_first(list);
	if (node != NULL) {
		async_list_remove(list, node);
	}
	return node;
}

/* Walks the list; the body must not remove `node` (use the _SAFE form for that). */
#define ASYNC_LIST_FOREACH(list, node) \
	for (async_list_node_t *node = (list)->head.next; node != &(list)->head; node = node->next)

/* Walks the list while the body may remove `node` (but no other node). */
#define ASYNC_LIST_FOREACH_SAFE(list, node, tmp) \
	for (async_list_node_t *node = (list)->head.next, *tmp = node->next; node != &(list)->head; \
		node = tmp, tmp = node->next)

#endif
