/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Where a lower layer lets the layers above it take part, so that no call points up: a layer
 * registers its handler from MINIT, and the layer that owns the moment calls them all.
 *   deadlock resolvers  the scheduler, before it declares a deadlock (userland: channels with
 *                       soft timeouts close, and their waiters go on)
 *   before fork         the hooks, before PHP forks (scheduler: idle C stacks are unmapped)
 *   stats providers     Async\runtime_stats() (reactor: its pools and loop)
 */
#include "php.h"
#include "engine.h"

#define MAX_HANDLERS 8 /* per kind; they are registered once per process, by our own layers */

static struct {
	async_deadlock_resolver_t deadlock_resolvers[MAX_HANDLERS];
	uint32_t deadlock_resolver_count;
	async_before_fork_handler_t before_fork[MAX_HANDLERS];
	uint32_t before_fork_count;
	async_stats_provider_t stats_providers[MAX_HANDLERS];
	uint32_t stats_provider_count;
} points;

#define ADD_HANDLER(array, count, handler) do { \
		ZEND_ASSERT((count) < MAX_HANDLERS); \
		for (uint32_t i_ = 0; i_ < (count); i_++) { \
			if ((array)[i_] == (handler)) { \
				return; \
			} \
		} \
		(array)[(count)++] = (handler); \
	} while (0)

void async_add_deadlock_resolver(async_deadlock_resolver_t resolver)
{
	ADD_HANDLER(points.deadlock_resolvers, points.deadlock_resolver_count, resolver);
}

bool async_resolve_deadlock_by_handlers(void)
{
	bool resolved = false;
	for (uint32_t i = 0; i < points.deadlock_resolver_count; i++) {
		resolved |= points.deadlock_resolvers[i]();
	}
	return resolved;
}

void async_add_before_fork_handler(async_before_fork_handler_t handler)
{
	ADD_HANDLER(points.before_fork, points.before_fork_count, handler);
}

void async_before_fork(void)
{
	for (uint32_t i = 0; i < points.before_fork_count; i++) {
		points.before_fork[i]();
	}
}

void async_add_stats_provider(async_stats_provider_t provider)
{
	ADD_HANDLER(points.stats_providers, points.stats_provider_count, provider);
}

void async_collect_stats(zval *stats)
{
	for (uint32_t i = 0; i < points.stats_provider_count; i++) {
		points.stats_providers[i](stats);
	}
}
