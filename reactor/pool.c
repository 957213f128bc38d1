/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Object pools for the events made most often (timers, polls). A pool keeps freed structs of
 * exactly its item size (events with no extra_size) and hands them out again, so a program
 * that waits in a loop does not allocate per wait. Pools are per request and emptied at its end.
 */
#include "reactor.h"

void *async_uv_pool_alloc(async_uv_pool_t *pool, size_t size, size_t extra_size)
{
	if (extra_size == 0 && pool->count > 0) {
		ZEND_ASSERT(pool->item_size == size);
		pool->reused++;
		void *item = pool->items[--pool->count];
		memset(item, 0, size);
		return item;
	}
	pool->item_size = size;
	pool->allocated++;
	return ecalloc(1, size + extra_size);
}

void async_uv_pool_free(async_uv_pool_t *pool, void *item, size_t extra_size)
{
	if (extra_size == 0 && pool->capacity > 0) {
		if (pool->items == NULL) {
			pool->items = emalloc(sizeof(void *) * pool->capacity);
		}
		if (pool->count < pool->capacity) {
			pool->items[pool->count++] = item;
			return;
		}
	}
	efree(item);
}

void async_uv_pool_drain(async_uv_pool_t *pool)
{
	while (pool->count > 0) {
		efree(pool->items[--pool->count]);
	}
	if (pool->items != NULL) {
		efree(pool->items);
		pool->items = NULL;
	}
	pool->reused = 0;
	pool->allocated = 0;
}
