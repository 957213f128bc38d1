/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The types of the scheduler's per-request state that the module globals (php_async.h) hold by
 * value. Types only: the module header includes this, and scheduler.h includes the module header.
 */
#ifndef ASYNC_SCHEDULER_STATE_H
#define ASYNC_SCHEDULER_STATE_H

#include "php.h"
#include "../zend_async_API.h"
#include "coroutine_list.h"

/* The run queue (queue.c): a ring of the runnable coroutines. */
typedef struct {
	async_coroutine_t **items;
	uint32_t head;
	uint32_t length;
	uint32_t capacity; /* a power of two */
} async_run_queue_t;

/* The scheduler (scheduler.c). */
typedef struct {
	uint64_t next_id;
	async_coroutine_t *main;        /* the main script's coroutine, once launched */
	zend_async_scope_t *main_scope;
	bool launched;
	bool shutting_down;             /* graceful shutdown: cancelling everything */
	bool after_main;                /* the main script has ended; draining */
	uint64_t switches;
	uint32_t picks_since_poll;       /* coroutines run since the reactor last ran */
	uint32_t round_after_poll;       /* the run queue's length when the reactor last ran */
	zend_object *deadlock;
	/* The coroutine whose uncaught exception ends the application, named in a warning beside
	 * PHP's own report of the exception: its id and where it was spawned. */
	struct {
		uint64_t id;
		zend_string *spawned_in;
		uint32_t spawned_on_line;
	} uncaught;
	/* The live coroutines, started or queued, but the main one; the list holds the scheduler's
	 * reference on each until it ends. */
	async_list_t live;
} async_scheduler_t;


#endif
