/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Fiber contexts for coroutines. A context runs coroutines one after another and, between them,
 * waits in a pool of idle contexts, so spawning does not map a new C stack each time. The pool
 * keeps at most async.fiber_pool_size of them (a burst of thousands of coroutines must not leave
 * thousands of idle stacks mapped: every later fork() would copy their mappings); the rest are
 * unmapped a few at a time when the scheduler waits with nothing to run, once no new context was
 * needed for 100 ms, and those left die at request end.
 */
#include "scheduler.h"
#include "../php_async_compat.h"
#include "zend_exceptions.h"

#define idle_head ASYNC_G(scheduler.fiber_idle_head)
#define idle_count ASYNC_G(scheduler.fiber_idle_count)
#define last_growth_ns ASYNC_G(scheduler.fiber_last_growth_ns)
#define context_count ASYNC_G(scheduler.fiber_context_count)
#define unmerged_count ASYNC_G(scheduler.fiber_unmerged_count)
static char fiber_kind; /* identifies our contexts (zend_fiber_context.kind): its address, the same for every thread */

/* Trimming the pool: a few contexts per idle moment, and only once no new context was needed for
 * a while. Unmapping costs about 20 us a stack; bursts that come back to back would otherwise pay to
 * unmap thousands of stacks and then to map them again. */
#define TRIM_PER_IDLE_MOMENT 256
#define TRIM_AFTER_QUIET_NS  (100 * 1000 * 1000)

/* The fiber's C entry: runs coroutines until asked to exit, then returns to whoever asked.
 *
 * The first VM stack page of the coroutines it runs is a local here, near the top of the C stack.
 * A suspended coroutine uses 1-2 KB of its C stack, all in the top page, and that page has room for
 * a small VM page as well: the coroutine then touches one page of memory where a separate VM page
 * would make two. The VM grows past it with heap pages of ASYNC_VM_EXTENSION_PAGE_SIZE. */
static ZEND_STACK_ALIGNED void fiber_entry(zend_fiber_transfer *transfer)
{
	async_fiber_t *fiber = (async_fiber_t *) EG(current_fiber_context);
	zval first_vm_page[ASYNC_FIBER_VM_PAGE_SIZE / sizeof(zval)]; /* zval-aligned, as the VM needs */
	fiber->vm_page = (zend_vm_stack) first_vm_page;
	async_fiber_set_stack_limits(&fiber->context); /* PHP >= 8.3: the C stack check for this stack */
	async_fiber_run_loop(fiber);
	/* Returning kills the context; the one we jump to frees its stack. */
	transfer->context = (zend_fiber_context *) fiber->next_idle;
	transfer->flags = 0;
	ZVAL_NULL(&transfer->value);
}

static size_t stack_size_wanted(void)
{
	return async_fiber_stack_size > 0 ? (size_t) async_fiber_stack_size : (size_t) EG(fiber_stack_size);
}

/* A new context, or NULL with Zend's exception thrown (its stack could not be mapped). */
static async_fiber_t *create(void)
{
	last_growth_ns = async_hrtime_ns();
	async_fiber_t *fiber = ecalloc(1, sizeof(async_fiber_t));
	size_t stack_size = stack_size_wanted();
	fiber->stack_size = stack_size;
	if (!async_fiber_context_init(fiber, &fiber_kind, fiber_entry, stack_size)) {
		efree(fiber);
		return NULL;
	}
	context_count++;
	unmerged_count += !fiber->guard_merged;
	return fiber;
}

async_fiber_t *async_fiber_acquire(void)
{
	if (idle_head != NULL) {
		async_fiber_t *fiber = idle_head;
		idle_head = fiber->next_idle;
		fiber->next_idle = NULL;
		idle_count--;
		return fiber;
	}
	return create();
}

/* Called by spawn() before the coroutine exists, `alive` counting it: throws in the spawner (false)
 * when a context for it could not be had once it runs. The limits are checked for every coroutine
 * alive (fiber_budget.c); when no context is idle, the one it will need is mapped right away, so
 * that a stack that cannot be mapped at all fails here rather than when the coroutine first runs. */
bool async_fibers_reserve(uint32_t alive)
{
	if (!async_fiber_budget_admit(alive, context_count, unmerged_count, stack_size_wanted())) {
		return false;
	}
	if (idle_count > 0) {
		return true;
	}
	async_fiber_t *fiber = create();
	if (UNEXPECTED(fiber == NULL)) {
		zend_object *cause = EG(exception);
		GC_ADDREF(cause);
		zend_clear_exception();
		zval rv;
		zval *message = zend_read_property_ex(zend_get_exception_base(cause), cause, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv);
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot spawn a coroutine: its C stack (%zu KiB) could not be mapped (%s)",
			stack_size_wanted() / 1024, Z_TYPE_P(message) == IS_STRING ? Z_STRVAL_P(message) : "no reason given");
		zend_exception_set_previous(EG(exception), cause);
		return false;
	}
	async_fiber_release_idle(fiber);
	return true;
}

static bool request_ending; /* destroy() at request end: the stacks are unmapped right after */

static void destroy(async_fiber_t *fiber)
{
	zend_fiber_transfer transfer = { .context = &fiber->context, .flags = 0 };
	ZVAL_NULL(&transfer.value);
	fiber->exit_requested = true;
	/* The dying context jumps back here through next_idle. */
	fiber->next_idle = (async_fiber_t *) EG(current_fiber_context);
	if (fiber->context.status == ZEND_FIBER_STATUS_INIT) {
		async_fiber_context_destroy(fiber, request_ending); /* never ran: nothing to unwind */
	} else {
		zend_fiber_switch_context(&transfer);
		/* Zend frees a stack of its own when its context dies; one of fiber_stack.c's is given back here. */
		if (async_fiber_context_owns_stack(fiber)) {
			async_fiber_context_destroy(fiber, request_ending);
		}
	}
	context_count--;
	unmerged_count -= !fiber->guard_merged;
	efree(fiber);
}

/* Called by the fiber itself when its coroutine ended and nothing waits to start: it parks. */
void async_fiber_release_idle(async_fiber_t *fiber)
{
	fiber->coroutine = NULL;
	fiber->next_idle = idle_head;
	idle_head = fiber;
	idle_count++;
}

static void unmap_idle_beyond_cap(uint32_t at_most)
{
	for (uint32_t i = 0; i < at_most && idle_count > (uint32_t) async_fiber_pool_size && idle_head != NULL; i++) {
		async_fiber_t *victim = idle_head;
		idle_head = victim->next_idle;
		idle_count--;
		destroy(victim);
	}
}

/* Unmaps some idle contexts beyond async.fiber_pool_size. The scheduler calls it when it is about
 * to wait for the reactor with nothing to run. */
void async_fibers_trim_idle(void)
{
	if (idle_count > (uint32_t) async_fiber_pool_size && async_hrtime_ns() - last_growth_ns >= TRIM_AFTER_QUIET_NS) {
		unmap_idle_beyond_cap(TRIM_PER_IDLE_MOMENT);
	}
}

/* Unmaps every idle context beyond async.fiber_pool_size at once: called before a fork(), which
 * copies the page tables of every mapping (100 shell_exec() just after 1,000 coroutines ended took
 * 0.7 s with the burst's stacks still mapped, 0.15 s without). */
void async_fibers_trim_before_fork(void)
{
	unmap_idle_beyond_cap(UINT32_MAX);
}

/* Async\runtime_stats(): C stacks mapped for coroutines (running one or idle in the pool), and
 * whether their guard pages are guard regions, merged with the stacks into fewer mappings. */
void async_fibers_stats(zval *stats)
{
	add_assoc_long(stats, "fiber_contexts", context_count);
	add_assoc_long(stats, "fiber_contexts_idle", idle_count);
	add_assoc_bool(stats, "fiber_guard_regions", async_fiber_guard_regions());
	/* Upstream's names: the idle pool, the idle contexts kept (async.fiber_pool_size; never trimmed
	 * below it, so it is the minimum too), the stack of a new context, and the address space the
	 * mapped stacks take. */
	add_assoc_long(stats, "fiber_pool_count", idle_count);
	add_assoc_long(stats, "fiber_pool_capacity", async_fiber_pool_size);
	add_assoc_long(stats, "fiber_pool_min", async_fiber_pool_size);
	add_assoc_long(stats, "fiber_stack_size", (zend_long) stack_size_wanted());
	add_assoc_long(stats, "fiber_pool_virtual_bytes", (zend_long) (context_count * stack_size_wanted()));
}

void async_fibers_destroy_idle(void)
{
	request_ending = true;
	while (idle_head != NULL) {
		async_fiber_t *fiber = idle_head;
		idle_head = fiber->next_idle;
		idle_count--;
		destroy(fiber);
	}
}

/* At request end, after async_fibers_destroy_idle(): the bookkeeping starts again from nothing
 * (after a fatal error, contexts are left mapped and their records go with the request's heap). */
void async_fibers_forget(void)
{
	async_fiber_stacks_forget(context_count == 0);
	request_ending = false;
	idle_head = NULL;
	idle_count = 0;
	context_count = 0;
	unmerged_count = 0;
	async_fiber_budget_forget();
}
