/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The types of the reactor's per-request state that the module globals (php_async.h) hold by
 * value. Types only: the module header includes this, and reactor.h includes the module header.
 */
#ifndef ASYNC_REACTOR_STATE_H
#define ASYNC_REACTOR_STATE_H

#include "php.h"
#include <uv.h>

/* An object pool (timer and poll events). */
typedef struct {
	void **items;
	uint32_t count;
	uint32_t capacity;   /* from the INI setting, read at first use */
	size_t item_size;
	/* What the pool saved, for the benchmark and async_test. */
	uint64_t reused;
	uint64_t allocated;
} async_uv_pool_t;

/* The request's loop (loop.c). */
typedef struct {
	uv_loop_t loop;
	/* Started only for a non-blocking turn of a loop that nothing keeps alive, so that the turn
	 * still runs the timers that are due (libuv runs none in a loop it does not see alive). */
	uv_idle_t nudge;
	uint32_t generation; /* counts the starts */
	bool started;
} reactor_loop_t;

/* The check, right before each poll, of the poll handles (re)started since the last one (poll.c). */
typedef struct {
	uv_prepare_t prepare;
	bool open;
	struct _poll_handle_s *head;
	bool must_run;  /* a handle lost its fd: keep the loop alive until its users are told */
} async_uv_pre_poll_t;

#endif
