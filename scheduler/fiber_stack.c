/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * C stacks of coroutine contexts, mapped in batches. Zend maps each fiber stack on its own: an
 * mmap, a prctl naming it, an mprotect for its guard page (which splits the mapping), and the
 * extension then merged the guard back (madvise, mprotect): five system calls that each edit the
 * process's memory map, about 20 us a context on this machine, most of a fresh process's time to
 * start 10,000 coroutines (bench/RESULTS.md). Here one mmap serves a batch of stacks, and each
 * stack costs one madvise for its guard region (Linux 6.13+; else one mprotect, as Zend's).
 *
 * A context unmapped by the pool's trim unmaps its stack (a hole in its batch, never reused: the
 * kernel may map something else there). The rest of the batches is unmapped at request end, a few
 * calls for thousands of stacks, when every context is gone (after a fatal error, contexts stay
 * mapped as before). A batch's slots not used yet are address space only (MAP_NORESERVE).
 *
 * The context is made as zend_fiber_init_context() makes one (make_fcontext() and a trampoline
 * like Zend's), and switched by zend_fiber_switch_context(); only its end differs: the trampoline
 * does not mark it dead, which would make Zend free the stack as its own, and async_fiber_context_
 * destroy() gives the stack back after the last switch out of it.
 */
#include "scheduler.h"
#include "../php_async_compat.h"
#include "zend_observer.h"
#include "zend_exceptions.h"

#ifdef ASYNC_FIBER_OWN_STACKS
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#if defined(__has_include)
# if __has_include(<valgrind/valgrind.h>)
#  include <valgrind/valgrind.h>
# endif
#endif

/* boost.context's entry points as PHP's Zend/zend_fibers.c declares them (PHP exports them). Weak:
 * a PHP without them (built with ucontext) leaves them NULL and Zend's allocation is used. */
typedef struct {
	void *handle;
	zend_fiber_transfer *transfer;
} async_boost_context_data;
extern void *make_fcontext(void *sp, size_t size, void (*fn)(async_boost_context_data)) __attribute__((weak));

/* Stacks per batch: the first batches small (a script with one coroutine maps a few), then
 * doubling up to this (one bit each in a batch's `mapped`). */
#define BATCH_MIN 4
#define BATCH_MAX 64

typedef struct {
	char *base;
	size_t slot_size;  /* guard + stack */
	uint32_t slots;
	uint64_t mapped;   /* a bit per slot still mapped: a slot the pool's trim unmapped is a hole */
} stack_batch;

/* Per process, NTS (php_async_compat.h), reset at request end. */
static stack_batch *batches;
static uint32_t batch_count, batch_capacity;
static uint32_t carve_batch;   /* the newest batch, and its next slot never used */
static uint32_t carve_next;
static uint32_t slots_made;

static size_t page_size(void)
{
	static size_t page;
	if (page == 0) {
		page = (size_t) sysconf(_SC_PAGESIZE);
	}
	return page;
}

static size_t guard_size(void)
{
	return ZEND_FIBER_GUARD_PAGES * page_size();
}

static bool new_batch(size_t slot_size)
{
	uint32_t slots = MIN(BATCH_MAX, MAX(BATCH_MIN, slots_made));
	void *base = MAP_FAILED;
	/* A batch that does not fit the address space left may still leave room for one stack. */
	for (; slots >= 1; slots = slots > 1 ? slots / 4 : 0) {
		base = mmap(NULL, slots * slot_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
		if (base != MAP_FAILED) {
			break;
		}
	}
	if (base == MAP_FAILED) {
		return false;
	}
	if (batch_count == batch_capacity) {
		batch_capacity = batch_capacity ? batch_capacity * 2 : 16;
		batches = perealloc(batches, batch_capacity * sizeof(stack_batch), 1);
	}
	batches[batch_count] = (stack_batch) {
		.base = base, .slot_size = slot_size, .slots = slots, .mapped = slots == 64 ? UINT64_MAX : (UINT64_C(1) << slots) - 1,
	};
	carve_batch = batch_count++;
	carve_next = 0;
	return true;
}

/* A stack of `stack_size` (page-aligned) with its guard below: the guard's address and its batch;
 * NULL (errno set) when none could be mapped. */
static char *slot_acquire(size_t stack_size, uint32_t *batch_index, bool *merged)
{
	size_t slot_size = guard_size() + stack_size;
	if ((batch_count == 0 || carve_next == batches[carve_batch].slots || batches[carve_batch].slot_size != slot_size)
			&& !new_batch(slot_size)) {
		return NULL;
	}
	stack_batch *batch = &batches[carve_batch];
	/* From the top down, as the kernel places mappings: a stack's overflow runs into its guard and
	 * then into stacks mapped after it, as with Zend's (tests/scheduler/fiber_stack_overflow_guard.phpt). */
	char *slot = batch->base + (batch->slots - 1 - carve_next) * slot_size;
	if (!async_fiber_guard_install(slot, guard_size(), merged)) {
		return NULL; /* the slot stays unused in its batch */
	}
	carve_next++;
	slots_made++;
	*batch_index = carve_batch;
	return slot;
}

/* A slot given back while the request goes on is unmapped (its memory and address space go);
 * at request end, `request_ending`, the batches are unmapped whole right after. */
static void slot_release(char *slot, uint32_t batch_index, bool request_ending)
{
	if (request_ending) {
		return;
	}
	stack_batch *batch = &batches[batch_index];
	munmap(slot, batch->slot_size);
	batch->mapped &= ~(UINT64_C(1) << ((slot - batch->base) / batch->slot_size));
}

/* Zend's trampoline (Zend/zend_fibers.c), but a context that returns is not marked dead: its
 * stack is ours to give back, by async_fiber_context_destroy(). */
static ZEND_NORETURN void trampoline(async_boost_context_data data)
{
	zend_fiber_transfer transfer = *data.transfer;
	zend_fiber_context *from = transfer.context;
	from->handle = data.handle; /* symmetric switches: the context that resumed us */
	if (from->status == ZEND_FIBER_STATUS_DEAD) {
		zend_fiber_destroy_context(from);
	}
	zend_fiber_context *context = EG(current_fiber_context);
	context->function(&transfer);
	zend_fiber_switch_context(&transfer); /* never comes back */
	abort();
}
#endif /* ASYNC_FIBER_OWN_STACKS */

bool async_fiber_context_init(async_fiber_t *fiber, void *kind, zend_fiber_coroutine entry, size_t stack_size)
{
	zend_fiber_context *context = &fiber->context;
#ifdef ASYNC_FIBER_OWN_STACKS
	if (make_fcontext != NULL) {
		size_t size = ZEND_MM_ALIGNED_SIZE_EX(stack_size, page_size());
		bool merged;
		char *slot = slot_acquire(size, &fiber->own_stack_batch, &merged);
		if (slot == NULL) {
			zend_throw_exception_ex(NULL, 0, "Fiber stack allocate failed: mmap failed: %s (%d)", strerror(errno), errno);
			return false;
		}
		fiber->own_stack.pointer = slot + guard_size();
		fiber->own_stack.size = size;
		fiber->guard_merged = merged;
#ifdef VALGRIND_STACK_REGISTER
		/* Stacks side by side: without this valgrind takes a switch between two for one huge frame. */
		fiber->valgrind_stack_id = VALGRIND_STACK_REGISTER(fiber->own_stack.pointer, (char *) fiber->own_stack.pointer + size);
#endif
		/* Zend's zend_fiber_stack begins with these two fields, all zend_fiber_stack_base() and
		 * zend_fiber_stack_limit() read (PHP 8.3's C stack check). */
		context->stack = (zend_fiber_stack *) &fiber->own_stack;
		context->handle = make_fcontext((char *) fiber->own_stack.pointer + size, size, trampoline);
		context->kind = kind;
		context->function = entry;
		context->status = ZEND_FIBER_STATUS_INIT;
		zend_observer_fiber_init_notify(context);
		return true;
	}
#endif
	if (!async_fiber_init_context(context, kind, entry, stack_size)) {
		return false;
	}
	fiber->guard_merged = async_fiber_guard_merge(context, stack_size);
	return true;
}

bool async_fiber_context_owns_stack(const async_fiber_t *fiber)
{
	return fiber->own_stack.pointer != NULL;
}

void async_fiber_context_destroy(async_fiber_t *fiber, bool request_ending)
{
#ifdef ASYNC_FIBER_OWN_STACKS
	if (async_fiber_context_owns_stack(fiber)) {
		zend_observer_fiber_destroy_notify(&fiber->context);
#ifdef VALGRIND_STACK_DEREGISTER
		VALGRIND_STACK_DEREGISTER(fiber->valgrind_stack_id);
#endif
		slot_release((char *) fiber->own_stack.pointer - guard_size(), fiber->own_stack_batch, request_ending);
		fiber->own_stack.pointer = NULL;
		return;
	}
#else
	(void) request_ending;
#endif
	zend_fiber_destroy_context(&fiber->context);
}

/* At request end. `all_gone`: no context is left (none kept by a fatal error), so no stack of the
 * batches is in use and they are unmapped; otherwise they stay mapped, as Zend's stacks would. */
void async_fiber_stacks_forget(bool all_gone)
{
#ifdef ASYNC_FIBER_OWN_STACKS
	for (uint32_t i = 0; all_gone && i < batch_count; i++) {
		stack_batch *batch = &batches[i];
		/* each run of slots still mapped in one call */
		for (uint32_t first = 0; first < batch->slots; first++) {
			if (!(batch->mapped & (UINT64_C(1) << first))) {
				continue;
			}
			uint32_t last = first;
			while (last + 1 < batch->slots && (batch->mapped & (UINT64_C(1) << (last + 1)))) {
				last++;
			}
			munmap(batch->base + first * batch->slot_size, (last - first + 1) * batch->slot_size);
			first = last;
		}
	}
	pefree(batches, 1);
	batches = NULL;
	batch_count = batch_capacity = carve_batch = carve_next = slots_made = 0;
#else
	(void) all_gone;
#endif
}
