/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * What differs between the PHP versions this extension builds against, in one place; the code
 * elsewhere calls these and has no version checks of its own.
 *
 * Built and tested: PHP 8.2 (Debian 12) and PHP 8.4 (Debian 13, scripts/chroot-test.sh).
 * PHP 8.3 and 8.5 follow from the same guards but are not built or tested here. NTS only.
 *
 * One difference needs no check, so it is not here: after a timed-out wait, hooks/xport_io.c
 * gives PHP's socket read a 1 us timeout, not 0 (8.4's read skips the poll that sets timed_out
 * when the timeout is 0; 8.2's does not).
 */
#ifndef PHP_ASYNC_COMPAT_H
#define PHP_ASYNC_COMPAT_H

#include "php.h"
#include "zend_fibers.h"
#include "ext/standard/basic_functions.h"

/* A monotonic clock in nanoseconds. PHP 8.3 moved ext/standard/hrtime.h's php_hrtime_current()
 * into the engine as zend_hrtime() (Zend/zend_hrtime.h); the old header is gone in 8.4. */
#if PHP_VERSION_ID >= 80300
# include "Zend/zend_hrtime.h"
# define async_hrtime_ns() ((uint64_t) zend_hrtime())
#else
# include "ext/standard/hrtime.h"
# define async_hrtime_ns() ((uint64_t) php_hrtime_current())
#endif

/* zend_fiber_init_context() returns bool (true: made) in 8.2 and zend_result (SUCCESS: made) in
 * 8.4, so `if (!zend_fiber_init_context(...))` means the opposite on the two. The type the headers
 * declare picks the test (_Generic evaluates only the branch it selects), so 8.3, whichever of the
 * two it has, is right as well. Returns true when the context was made; false with an exception. */
static zend_always_inline bool async_fiber_init_context(zend_fiber_context *context, void *kind,
	zend_fiber_coroutine entry, size_t stack_size)
{
	return _Generic(zend_fiber_init_context(context, kind, entry, stack_size),
		zend_result: zend_fiber_init_context(context, kind, entry, stack_size) == SUCCESS,
		default: (bool) zend_fiber_init_context(context, kind, entry, stack_size));
}

/* PHP 8.3 added a C stack check: the VM compares the stack position with EG(stack_limit) on
 * entry to execute_ex() (and the compiler and some recursive functions do too) and throws
 * "Maximum call stack size of N bytes reached" instead of overflowing; zend.max_allowed_stack_size
 * and zend.reserved_stack_size set it for the main stack. zend_fiber_switch_context() saves and
 * restores EG(stack_base)/EG(stack_limit) on every switch, so a new context sets them once for its
 * own stack when it starts, as a Fiber does, from the same helpers. 8.2 has no check. */
static zend_always_inline void async_fiber_set_stack_limits(zend_fiber_context *context)
{
#ifdef ZEND_CHECK_STACK_LIMIT
	EG(stack_base) = zend_fiber_stack_base(context->stack);
	EG(stack_limit) = zend_fiber_stack_limit(context->stack);
#else
	(void) context;
#endif
}

/* Coroutine contexts on C stacks of the extension's own (scheduler/fiber_stack.c, mapped in
 * batches): the context is made with boost.context's make_fcontext(), which PHP exports, and a
 * trampoline like Zend's; the switches stay zend_fiber_switch_context()'s. Only where Zend's
 * switch needs nothing more of a stack than its handle: PHP 8.2 and 8.3 built with boost.context
 * (not ucontext). PHP 8.4 may keep a CET shadow stack per fiber, which only Zend's own allocation
 * sets up, so 8.4 and later keep zend_fiber_init_context(). */
#if PHP_VERSION_ID < 80400 && !defined(ZEND_FIBER_UCONTEXT) && defined(__linux__)
# define ASYNC_FIBER_OWN_STACKS 1
#endif

/* The ValueError for an empty argument, worded as PHP's own functions word it: "cannot be empty"
 * up to 8.3 (exec() and friends), "must not be empty" from zend_argument_must_not_be_empty_error(),
 * new in 8.4. */
#if PHP_VERSION_ID >= 80400
# define async_argument_must_not_be_empty_error(arg_num) zend_argument_must_not_be_empty_error(arg_num)
#else
# define async_argument_must_not_be_empty_error(arg_num) zend_argument_value_error((arg_num), "cannot be empty")
#endif

/* PHP 8.4 keeps the http:// wrapper's last response headers in BG(last_http_headers), which
 * http_get_last_response_headers() reads (hooks/http_headers.c); 8.2 has no such slot. */
static zend_always_inline bool async_compat_last_http_headers_exist(void)
{
	return PHP_VERSION_ID >= 80400;
}

static zend_always_inline zval *async_compat_last_http_headers(void)
{
#if PHP_VERSION_ID >= 80400
	return &BG(last_http_headers);
#else
	return NULL;
#endif
}

#endif /* PHP_ASYNC_COMPAT_H */
