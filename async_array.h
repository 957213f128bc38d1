/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The one way an array of the extension grows: it doubles when full (a constant amortised cost
 * per append), from `initial` items at the first append. Zend has no typed growable array to
 * use instead (a HashTable is a table; zend_ptr_stack holds pointers only and grows by a fixed
 * block). The ring of the run queue grows on its own (scheduler/queue.c): it must unwrap.
 *
 *     ASYNC_ARRAY_RESERVE(scope->children, scope->children_count, scope->children_capacity, 4);
 *     scope->children[scope->children_count++] = child;
 */
#ifndef ASYNC_ARRAY_H
#define ASYNC_ARRAY_H

#include "zend.h"

static zend_always_inline void *async_array_reserve(void *items, uint32_t used, uint32_t *capacity, size_t item_size,
	uint32_t initial)
{
	if (EXPECTED(used < *capacity)) {
		return items;
	}
	*capacity = *capacity ? *capacity * 2 : initial;
	return safe_erealloc(items, *capacity, item_size, 0);
}

/* Makes room for items[used]: `items` (a pointer) and `capacity` (a uint32_t) are updated. */
#define ASYNC_ARRAY_RESERVE(items, used, capacity, initial) \
	((items) = async_array_reserve((items), (used), &(capacity), sizeof(*(items)), (initial)))

#endif
