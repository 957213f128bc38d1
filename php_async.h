/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
#ifndef PHP_ASYNC_H
#define PHP_ASYNC_H

#include "php.h"
#include "async_list.h"
#include "reactor/reactor_state.h"
#include "scheduler/scheduler_state.h"
#include "hooks/hooks_state.h"

extern zend_module_entry async_module_entry;
#define phpext_async_ptr &async_module_entry

#define PHP_ASYNC_VERSION "0.1.0"

/*
 * The module globals: all state the extension keeps for a request (per thread under ZTS), one
 * part per layer. Each layer's files reach their fields through short aliases defined where the
 * state used to be (e.g. `#define timer_pool ASYNC_G(reactor.timer_pool)` in reactor/timer.c,
 * `async_scheduler` in scheduler/scheduler.h). Zeroed at startup (GINIT); each layer sets up and
 * frees its part in its request init, request shutdown and post-deactivate.
 *
 * What stays in plain statics is per process and says so where it is declared: the registry of
 * the reactor and scheduler and the extension points (filled in MINIT), class entries and object
 * handlers, the original handlers of hooked functions and transports, signal actions, the
 * PHP_INI_SYSTEM settings, probes of what the system offers, libpq's symbols and its persistent
 * connections.
 */
ZEND_BEGIN_MODULE_GLOBALS(async)
	struct {
		reactor_loop_t loop;                          /* loop.c */
		async_list_t live_events;                     /* lifetime.c: every event until its memory goes */
		async_list_t in_flight;                       /* work.c: thread-pool requests in flight */
		async_uv_pool_t timer_pool;                   /* timer.c */
		HashTable *timeout_queues;                    /* timer_queue.c: length in ms => its queue */
		async_uv_pool_t poll_pool;                    /* poll.c */
		HashTable *poll_handles;                      /* poll.c: fd => its current poll handle */
		async_list_t open_handles;                    /* poll.c: including lost ones */
		async_uv_pre_poll_t pre_poll;                 /* poll.c */
		uint64_t poll_reports;                        /* poll.c: readiness reports delivered */
		struct _signal_slot_s *signal_slots[NSIG];    /* signal.c */
		uv_async_t signal_wakeup;                     /* signal_wake.c: woken from a signal handler */
		bool signal_wakeup_ready;
	} reactor;
	struct {
		async_scheduler_t state;                      /* scheduler.c */
		async_run_queue_t run_queue;                  /* queue.c */
		bool interrupt_dispatcher_queued;             /* interrupt.c */
		HashTable output_parked;                      /* output.c: coroutine => its parked buffers */
		bool output_parked_ready;
		bool output_any_parked;                       /* output_parked is not empty */
		struct _async_fiber_s *fiber_idle_head;       /* fiber.c: the idle contexts */
		uint32_t fiber_idle_count;
		uint64_t fiber_last_growth_ns;                /* when a new context was last made */
		uint32_t fiber_context_count;                 /* mapped: running a coroutine or idle */
		uint32_t fiber_unmerged_count;                /* of those, with Zend's guard page */
		uint64_t fiber_admitted_up_to;                /* fiber_budget.c */
		zend_long fiber_stack_size;                   /* INI async.fiber_stack_size (PHP_INI_ALL) */
		zend_long fiber_pool_size;                    /* INI async.fiber_pool_size (PHP_INI_ALL) */
		HashTable *after_fatal_kept_scopes;           /* after_fatal.c: Scopes whose finally handlers run at the end */
		bool after_fatal_running;                     /* after_fatal.c: those handlers are running */
		bool chaos_enabled;                           /* chaos.c: ASYNC_CHAOS_SEED is set */
		uint64_t chaos_state;                         /* chaos.c: the generator */
	} scheduler;
	struct {
		async_list_t channel_soft_channels;           /* channel.c: channels with soft timeouts */
	} userland;
	struct {
		HashTable *xport_streams;                     /* xport_stream.c: stream address => its record */
		struct _php_stream *tls_deferring;            /* xport_tls.c: the ssl:// connect under way */
		struct _async_xport_tls_deferred *tls_deferred;
		struct _async_pgsql_held *pgsql_held_list;    /* library_guard.c */
		async_object_owners_t pgsql_connections_in_use;
		async_object_owners_t curl_transfers;         /* curl_handle_busy.c */
		async_list_t curl_multi_selects;              /* curl_multi_shared.c: coroutines in curl_multi_select() */
		HashTable *curl_multi_running;                /* curl_multi_shared.c: each multi handle's last running count */
		uint32_t http_opens_in_flight;                /* http_headers.c */
		zval http_latest_headers;
	} hooks;
ZEND_END_MODULE_GLOBALS(async)

ZEND_EXTERN_MODULE_GLOBALS(async)
#define ASYNC_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(async, v)

#if defined(ZTS) && defined(COMPILE_DL_ASYNC)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif
