/* The run queue: a circular FIFO of coroutines ready to run; high priority goes to the head. */
#include "scheduler.h"

typedef struct {
	async_coroutine_t **items;
	uint32_t head;
	uint32_t length;
	uint32_t capacity; /* a power of two */
} run_queue_t;

ZEND_TLS run_queue_t run_queue;

static zend_never_inline void grow(void)
{
	uint32_t capacity = run_queue.capacity ? run_queue.capacity * 2 : 64;
	async_coroutine_t **items = safe_emalloc(capacity, sizeof(*items), 0);
	for (uint32_t i = 0; i < run_queue.length; i++) {
		items[i] = run_queue.items[(run_queue.head + i) & (run_queue.capacity - 1)];
	}
	if (run_queue.items != NULL) {
		efree(run_queue.items);
	}
	run_queue.items = items;
	run_queue.head = 0;
	run_queue.capacity = capacity;
}

void async_queue_push(async_coroutine_t *co, bool at_head)
{
	if (run_queue.length == run_queue.capacity) {
		grow();
	}
	if (at_head) {
		run_queue.head = (run_queue.head - 1) & (run_queue.capacity - 1);
		run_queue.items[run_queue.head] = co;
	} else {
		run_queue.items[(run_queue.head + run_queue.length) & (run_queue.capacity - 1)] = co;
	}
	run_queue.length++;
	co->queued = true;
}

async_coroutine_t *async_queue_pop(void)
{
	if (run_queue.length == 0) {
		return NULL;
	}
	async_coroutine_t *co = run_queue.items[run_queue.head];
	run_queue.head = (run_queue.head + 1) & (run_queue.capacity - 1);
	run_queue.length--;
	co->queued = false;
	return co;
}

uint32_t async_queue_length(void)
{
	return run_queue.length;
}

void async_queue_free(void)
{
	if (run_queue.items != NULL) {
		efree(run_queue.items);
	}
	memset(&run_queue, 0, sizeof(run_queue));
}
