/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The run queue: a circular FIFO of coroutines ready to run; high priority goes to the head. Push
 * and pop are inline (scheduler.h): they run at every switch. */
#include "scheduler.h"


void async_queue_grow(void)
{
	async_run_queue_t *queue = &async_run_queue;
	uint32_t capacity = queue->capacity ? queue->capacity * 2 : 64;
	async_coroutine_t **items = safe_emalloc(capacity, sizeof(*items), 0);
	for (uint32_t i = 0; i < queue->length; i++) {
		items[i] = queue->items[(queue->head + i) & (queue->capacity - 1)];
	}
	if (queue->items != NULL) {
		efree(queue->items);
	}
	queue->items = items;
	queue->head = 0;
	queue->capacity = capacity;
}

/* Moves a queued coroutine to the head, the ones before it one place back (Coroutine::asHiPriority()).
 * False when it is not in the queue. */
bool async_queue_move_to_head(async_coroutine_t *co)
{
	async_run_queue_t *queue = &async_run_queue;
	const uint32_t mask = queue->capacity - 1;
	for (uint32_t i = 0; i < queue->length; i++) {
		if (queue->items[(queue->head + i) & mask] != co) {
			continue;
		}
		for (uint32_t j = i; j > 0; j--) {
			queue->items[(queue->head + j) & mask] = queue->items[(queue->head + j - 1) & mask];
		}
		queue->items[queue->head] = co;
		return true;
	}
	return false;
}

void async_queue_free(void)
{
	if (async_run_queue.items != NULL) {
		efree(async_run_queue.items);
	}
	memset(&async_run_queue, 0, sizeof(async_run_queue));
}
