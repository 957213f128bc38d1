/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The chaos switch, for tests only: with ASYNC_CHAOS_SEED=N in the environment the scheduler runs
 * the runnable coroutines in a random order, polls the reactor at random points and sleeps a
 * random few hundred microseconds now and then, all from a generator seeded with N, so a run that
 * fails can be repeated. Code that is right whatever the order of its coroutines passes under it;
 * code that relies on an order the API does not promise fails. Off (no variable), the scheduler
 * pays one test of a flag per pick.
 */
#include "php.h"
#include "scheduler.h"

#define chaos_state ASYNC_G(scheduler.chaos_state)

/* xorshift64: small, fast and repeatable; the quality of a test's shuffle is enough. */
uint32_t async_chaos_next(uint32_t bound)
{
	uint64_t x = chaos_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	chaos_state = x;
	return bound == 0 ? 0 : (uint32_t) (x % bound);
}

/* Read at each request's start, so `ASYNC_CHAOS_SEED=3 php ...` and a CI run with several seeds
 * need nothing else. */
void async_chaos_rinit(void)
{
	const char *seed = getenv("ASYNC_CHAOS_SEED");
	async_chaos_enabled = seed != NULL && *seed != '\0';
	if (async_chaos_enabled) {
		chaos_state = ZEND_STRTOUL(seed, NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
	}
}

/* Before a pick: one runnable coroutine chosen at random goes to the head of the run queue;
 * 1 pick in 16 polls the reactor first (I/O and timers interleave at other points), 1 in 64
 * sleeps up to 500 us (a slow machine: timers fall due in between). */
void async_chaos_before_pick(bool (*poll)(bool no_wait))
{
	if (async_chaos_next(16) == 0) {
		poll(true);
	}
	if (async_chaos_next(64) == 0) {
		usleep(async_chaos_next(500));
	}
	async_run_queue_t *queue = &async_run_queue;
	if (queue->length > 1) {
		const uint32_t mask = queue->capacity - 1;
		uint32_t i = async_chaos_next(queue->length);
		async_coroutine_t *chosen = queue->items[(queue->head + i) & mask];
		queue->items[(queue->head + i) & mask] = queue->items[queue->head];
		queue->items[queue->head] = chosen;
	}
}
