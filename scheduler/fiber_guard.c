/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Fewer memory mappings per coroutine context. Zend maps each fiber C stack with a guard page
 * below it that mprotect(PROT_NONE) makes fault: the stack and its guard are two mappings, and
 * Linux allows a process vm.max_map_count of them (65,530 by default), so about 32,700 contexts
 * used them all up and every later mmap of the process failed, PHP's heap included.
 *
 * Linux 6.13 added guard regions (madvise MADV_GUARD_INSTALL): pages that fault on any access,
 * kept as markers in the page tables rather than as a mapping of their own. Once Zend's guard
 * page is also such a region, its protection can be that of the stack: the two become one
 * mapping, and stacks mapped next to each other (Linux places them so) merge into one too. The
 * guard still faults, so an overflow still ends in SIGSEGV as it does in a Fiber. Older kernels
 * answer EINVAL and the guard page stays as Zend made it.
 */
#include "scheduler.h"
#include <errno.h>
#include <unistd.h>
#ifdef __linux__
# include <sys/mman.h>
#endif
#if defined(__has_include)
# if __has_include(<valgrind/valgrind.h>)
#  include <valgrind/valgrind.h>
# endif
#endif

#if defined(__linux__) && !defined(MADV_GUARD_INSTALL)
# define MADV_GUARD_INSTALL 102 /* Linux 6.13 */
#endif

/* The first two fields of Zend's zend_fiber_stack, which Zend keeps private (Zend/zend_fibers.c;
 * the same from PHP 8.1 to 8.5): where the stack begins, just above its guard pages, and its size
 * rounded up to pages. */
typedef struct {
	void *pointer;
	size_t size;
} zend_fiber_stack_head;

static int guard_regions_work = -1; /* not known yet; then 0 or 1: the kernel's, so per process */

/* Valgrind cannot see guard regions: it takes the page for readable once its protection is the
 * stack's, and its leak check then reads it and dies of the fault. Under it, Zend's guard stays. */
static bool under_valgrind(void)
{
#ifdef RUNNING_ON_VALGRIND
	return RUNNING_ON_VALGRIND;
#else
	const char *preload = getenv("LD_PRELOAD");
	return preload != NULL && strstr(preload, "vgpreload") != NULL;
#endif
}

bool async_fiber_guard_regions(void)
{
	return guard_regions_work == 1;
}

bool async_fiber_guard_merge(zend_fiber_context *context, size_t stack_size)
{
#if defined(__linux__) && ZEND_FIBER_GUARD_PAGES > 0
	if (guard_regions_work == 0 || context->stack == NULL) {
		return false;
	}
	if (guard_regions_work == -1 && under_valgrind()) {
		guard_regions_work = 0;
		return false;
	}
	const size_t page = (size_t) sysconf(_SC_PAGESIZE);
	const zend_fiber_stack_head *stack = (const zend_fiber_stack_head *) context->stack;
	/* Only a stack laid out as expected: Zend's allocation is private, so it is checked. */
	if (stack->size != ZEND_MM_ALIGNED_SIZE_EX(stack_size, page) || ((uintptr_t) stack->pointer & (page - 1)) != 0) {
		guard_regions_work = 0;
		return false;
	}
	char *guard = (char *) stack->pointer - ZEND_FIBER_GUARD_PAGES * page;
	const size_t guard_size = ZEND_FIBER_GUARD_PAGES * page;
	/* Installed while the page is still PROT_NONE: it never is accessible in between. */
	if (madvise(guard, guard_size, MADV_GUARD_INSTALL) != 0) {
		if (errno == EINVAL) {
			guard_regions_work = 0; /* an older kernel: keep Zend's guard pages */
		}
		return false;
	}
	if (mprotect(guard, guard_size, PROT_READ | PROT_WRITE) != 0) {
		return false; /* still two mappings, still guarded twice */
	}
	guard_regions_work = 1;
	return true;
#else
	(void) context;
	(void) stack_size;
	return false;
#endif
}

/* The guard below a stack the extension mapped itself (fiber_stack.c): a guard region where the
 * kernel has them (*merged: the stack stays one mapping with its neighbours), else a PROT_NONE
 * page as Zend makes, a mapping of its own. False when neither could be made. */
bool async_fiber_guard_install(void *guard, size_t guard_size, bool *merged)
{
#ifdef __linux__
	if (guard_regions_work == -1 && under_valgrind()) {
		guard_regions_work = 0;
	}
	if (guard_regions_work != 0) {
		if (madvise(guard, guard_size, MADV_GUARD_INSTALL) == 0) {
			guard_regions_work = 1;
			*merged = true;
			return true;
		}
		if (errno == EINVAL) {
			guard_regions_work = 0; /* an older kernel */
		}
	}
	*merged = false;
	return mprotect(guard, guard_size, PROT_NONE) == 0;
#else
	(void) guard;
	(void) guard_size;
	*merged = false;
	return false;
#endif
}
