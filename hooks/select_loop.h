/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The waiting loop shared by the stream_select() and socket_select() hooks (select_loop.c). */
#ifndef ASYNC_HOOKS_SELECT_LOOP_H
#define ASYNC_HOOKS_SELECT_LOOP_H

#include "hooks.h"

typedef enum {
	ASYNC_SELECT_FD_OK,          /* *fd is the element's descriptor */
	ASYNC_SELECT_FD_SKIP,        /* PHP's select skips it or rejects it with an error of its own */
	ASYNC_SELECT_FD_UNSUPPORTED  /* a valid element without a descriptor: PHP warns about it */
} async_select_fd_result_t;

/* The descriptor of one element of a select array, without any warning or exception. */
typedef async_select_fd_result_t (*async_select_fd_of_t)(zval *element, php_socket_t *fd);

/* The handler body of a hooked select: PHP's own handler does every select, with a zero
 * timeout, and the coroutine waits on the descriptors in between; see select_loop.c. */
void async_hook_select(INTERNAL_FUNCTION_PARAMETERS, zif_handler original, async_select_fd_of_t fd_of,
	bool microseconds_nullable);

#endif
