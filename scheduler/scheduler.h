/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The scheduler: coroutines on Zend fiber contexts. Internal to the extension; other layers reach
 * it through the engine API (ZEND_ASYNC_SPAWN, ZEND_ASYNC_SUSPEND, ...), the userland layer also
 * through the Coroutine object declared here.
 *
 * Model: a coroutine runs on a fiber context (a C stack) and its own VM stack. A fiber context
 * runs coroutines one after another: when its coroutine ends it takes the next one that has not
 * started yet, in place, or parks in the pool of idle fibers. The main script is a coroutine on
 * the main context. Scheduling happens in the context that suspends: it picks the next runnable
 * coroutine and switches straight to it, or, when none is runnable, runs the reactor there.
 */
#ifndef ASYNC_SCHEDULER_H
#define ASYNC_SCHEDULER_H

#include "php.h"
#include "zend_fibers.h"
#include "main/php_output.h"
#include "../zend_async_API.h"
#include "coroutine_list.h"
#include "scheduler_state.h"
#include "../php_async.h" /* the module globals: the scheduler's per-request state is there */

typedef struct _async_fiber_s async_fiber_t;

struct _async_coroutine_s {
	zend_coroutine_t coroutine;     /* the ABI struct first; its event lives in `std`'s object */
	zend_async_waker_t waker;
	async_fiber_t *fiber;           /* the context it runs on, once started, until it ends */
	/* Where it was when it last switched away: its fiber, the main context, or a userland Fiber's
	 * context it was running in. Switching back goes there. */
	zend_fiber_context *suspended_in;
	zend_execute_data *suspended_frame; /* EG(current_execute_data) when it switched away */
	zend_fcall_t fcall_storage;     /* coroutine.fcall points here for PHP callables */
	uint64_t id;
	zend_object *pending_cancel;    /* a cancellation to deliver at the next suspension point */
	bool queued;                    /* in the run queue */
	bool exception_handled;         /* someone took the exception (await, getException) */
	bool exception_reported;        /* given to the uncaught-exception path already */
	bool finally_done;              /* the finally handlers have run */
	bool ended;                     /* its body has ended: result and exception are final */
	bool queue_holds_ref;           /* ended while queued: the queue keeps it alive until popped */
	zval finally_handlers;          /* array of Closures, or UNDEF */
	zend_object *finally_error;     /* what its finally handlers threw, until it is handed on */
	async_list_node_t live_link;    /* in async_scheduler.live until it ends */
	async_list_node_t scope_link;   /* in its scope's `coroutines` until it ends */
	zend_object *context;           /* its Async\Context (userland makes it on first use), or NULL */
	zend_object std;
};

#define ASYNC_COROUTINE_FROM_OBJ(obj) ((async_coroutine_t *) ((char *) (obj) - XtOffsetOf(async_coroutine_t, std)))
#define ASYNC_COROUTINE_OF(co)        ((async_coroutine_t *) (co))
#define ASYNC_COROUTINE_OBJ(co)       (&ASYNC_COROUTINE_OF(co)->std)
/* Ended, from PHP's point of view: finally handlers already see it so. */
#define ASYNC_COROUTINE_ENDED(co)     ((co)->ended || ZEND_COROUTINE_IS_FINISHED(&(co)->coroutine))

struct _async_fiber_s {
	zend_fiber_context context;
	async_coroutine_t *coroutine;   /* what it runs now; NULL while idle */
	async_fiber_t *next_idle;
	zend_vm_stack vm_page;          /* the first VM stack page of its coroutines, on its C stack */
	size_t stack_size;              /* of its C stack, as asked for */
	bool guard_merged;              /* its guard page is a guard region, one mapping with its stack */
	struct {                        /* its stack when fiber_stack.c mapped it (else pointer is NULL): */
		void *pointer;              /* laid out as Zend's zend_fiber_stack begins */
		size_t size;
	} own_stack;
	uint32_t own_stack_batch;       /* fiber_stack.c: the batch it was mapped in */
	unsigned int valgrind_stack_id;
	bool exit_requested;            /* leave the loop and let the context die */
};

/* The first VM stack page of a coroutine: on its context's C stack (fiber.c); small enough to
 * share the stack's top page with what a suspended coroutine uses of the C stack. */
#define ASYNC_FIBER_VM_PAGE_SIZE 1536
/* The pages the VM adds past it: a Fiber's VM page size, so code deeper than the first page runs
 * as it would in a Fiber. (A call that crosses from the first page into a new one pays for the
 * page, about 14 ns: bench/vm_stack_depth.php.) */
#define ASYNC_VM_EXTENSION_PAGE_SIZE ZEND_FIBER_VM_STACK_SIZE

/* INI async.fiber_stack_size: the C stack of each coroutine context (0: PHP's fiber.stack_size). */
#define async_fiber_stack_size ASYNC_G(scheduler.fiber_stack_size)
/* INI async.fiber_pool_size: idle coroutine contexts kept for reuse (at least 1). */
#define async_fiber_pool_size ASYNC_G(scheduler.fiber_pool_size)

/* ---- coroutine objects (coroutine.c: the Async\Coroutine class whole) ---- */
extern zend_class_entry *async_ce_awaitable;
extern zend_class_entry *async_ce_completable;
extern zend_class_entry *async_ce_coroutine;
/* Registers Awaitable, Completable and Coroutine (MINIT). */
void async_coroutine_register_classes(void);
/* Gives a spawned coroutine the call it will run: the callable and copies of its arguments. */
void async_coroutine_set_call(zend_coroutine_t *coroutine, zend_fcall_info *fci, zend_fcall_info_cache *fcc,
	zval *args, uint32_t args_count, HashTable *named_args);
async_coroutine_t *async_coroutine_new(zend_async_scope_t *scope);
zend_coroutine_t *async_scheduler_new_coroutine(zend_async_scope_t *scope);
/* Ends a coroutine: result or exception stored, awaiters notified, closed. */
void async_coroutine_finish(async_coroutine_t *co, zval *result, zend_object *exception);
bool async_is_fatal_unwind(zend_object *exception);
zend_string *async_coroutine_spawn_location(async_coroutine_t *co);
/* Drops a reference the runtime holds on it (a GC root candidate only if it may be in a cycle). */
void async_coroutine_release(async_coroutine_t *co);
/* Runs the finally handlers once; needs a VM stack (the coroutine's own, or the caller's). */
void async_coroutine_call_finally(async_coroutine_t *co);
void async_coroutine_add_finally(async_coroutine_t *co, zval *callback);

/* Where the userland layer keeps a coroutine's Context (an object, or NULL until made); the
 * coroutine releases it when it is freed. An ended coroutine that held nothing collectable left
 * the GC's sight (coroutine.c): with a Context it can be in a cycle again. */
static zend_always_inline zend_object **async_coroutine_context_slot(zend_coroutine_t *coroutine)
{
	GC_DEL_FLAGS(&ASYNC_COROUTINE_OF(coroutine)->std, GC_NOT_COLLECTABLE);
	return &ASYNC_COROUTINE_OF(coroutine)->context;
}

/* ---- finally handlers (finally.c) ---- */
/* Calls each handler of `handlers` (an array, released here) with `subject`. What they throw,
 * one exception as it is or several in a CompositeException (`several_message`), goes to the
 * exception handler of the running coroutine's scope (async_scope_take_finally_error()), else to
 * async_report_handler_error(). */
void async_call_finally_handlers(zval *handlers, zend_object *subject, const char *several_message);
/* The same, returning what they threw (a reference for the caller; NULL when nothing). */
zend_object *async_call_finally_handlers_collect(zval *handlers, zend_object *subject, const char *several_message);
/* An exception thrown by a handler nobody can catch: it is uncaught (the application ends
 * gracefully and reports it), as for the uncaught exception of a coroutine. Takes the reference. */
void async_report_handler_error(zend_object *error);

/* ---- scopes (scope.c) ---- */
typedef struct _async_scope_watch_s async_scope_watch_t;
/* Something that ends with a scope (a Channel it made): told once when the scope is cancelled or
 * disposed; forgotten (scope NULL) when the scope goes first. */
struct _async_scope_watch_s {
	async_list_node_t link;         /* in its scope's `watches` */
	zend_async_scope_t *scope;
	void (*ended)(async_scope_watch_t *watch);
};

/* A scope's Async\Context, made by the userland layer on first use and freed with the scope. The
 * object keeps a weak pointer to its scope (to walk up to the parents' contexts): `owner_ref`
 * points at it, and the scope resets it when it goes. */
typedef struct {
	zend_object *object;
	zend_async_scope_t **owner_ref;
} async_context_slot_t;

/* A Scope: a group of coroutines with a shared lifetime (structured concurrency). The engine API
 * declares zend_async_scope_t opaque; this is its definition. It lives inside an Async\Scope
 * object. The scheduler holds a reference on the main scope's object; coroutines only hold their
 * scope (async_scope_hold), so that the last reference going disposes it while they run, as
 * upstream does; the object then stays until they are gone. A child scope does not keep its
 * parent: a parent that goes first disposes it (if it had work left) and forgets it. */
struct _zend_async_scope_s {
	/* Notified each time the scope becomes finished (nothing active in it or below), and with
	 * the exception of a coroutine that failed in it when nobody handled it. Never closed. */
	zend_async_event_t event;
	zend_async_scope_t *parent_scope;  /* weak: reset when the parent goes; NULL for a root scope */
	zend_async_scope_t **children;     /* weak: a child removes itself when it is freed */
	uint32_t children_count, children_capacity;
	async_list_t coroutines;           /* its live coroutines (weak), by scope_link */
	uint32_t active_count;             /* those that are not zombies */
	bool closed;                       /* disposed: refuses spawn */
	bool cancelled;
	bool finally_done;                 /* the finally handlers were dispatched */
	bool not_safely;                   /* asNotSafely(): disposeSafely() cancels too */
	bool orphaned;                     /* its object's destructor ran: holders pin the object */
	uint32_t holders;                  /* its coroutines (async_scope_hold) */
	uint32_t kept_open;                /* owners that will still spawn in it once cancelled (async_scope_keep_open) */
	zval exception_handler;            /* callables, or UNDEF */
	zval child_exception_handler;
	zval finally_handlers;             /* array of Closures, or UNDEF */
	zend_async_event_t *dispose_timer; /* disposeAfterTimeout() */
	async_list_t watches;              /* told when it is cancelled or disposed (weak both ways), newest first */
	async_context_slot_t context;
	zend_object std;
};

#define ASYNC_SCOPE_OBJ(scope)      (&(scope)->std)
#define ASYNC_SCOPE_FROM_OBJ(obj)   ((zend_async_scope_t *) ((char *) (obj) - XtOffsetOf(zend_async_scope_t, std)))

/* What the layers above ask of a scope and a coroutine, so they need not know the fields. */
/* The scope was disposed: it refuses new coroutines and watchers. */
static zend_always_inline bool async_scope_is_closed(const zend_async_scope_t *scope)
{
	return scope->closed;
}

/* Someone took the coroutine's outcome (await, getException()): its exception is not reported as
 * uncaught when it ends. */
static zend_always_inline void async_coroutine_mark_exception_taken(async_coroutine_t *co)
{
	co->exception_handled = true;
}

extern zend_class_entry *async_ce_scope_provider;
extern zend_class_entry *async_ce_scope;
/* Registers ScopeProvider and Scope (MINIT; scope.c holds the class whole). */
void async_scope_register_classes(void);
/* A new scope, child of `parent` (NULL: a root scope); throws and returns NULL if the parent is closed. */
zend_async_scope_t *async_scope_new(zend_async_scope_t *parent);
zend_async_scope_t *async_scheduler_new_scope(zend_async_scope_t *parent, bool with_zend_object);
/* Throws (false) when the scope refuses new coroutines. */
bool async_scope_check_spawn(zend_async_scope_t *scope);
void async_scope_add_coroutine(zend_async_scope_t *scope, async_coroutine_t *co);
/* A coroutine's hold on its scope, from its creation until it ends (or its object goes). Not a
 * reference on the Scope object: see the struct. */
void async_scope_hold(zend_async_scope_t *scope);
void async_scope_release(zend_async_scope_t *scope);
/* The coroutine is leaving its scope (it ended): accounting, completion, finally handlers. Idempotent. */
void async_scope_coroutine_ended(async_coroutine_t *co);
/* Called in the coroutine's own context before it ends: gives an exception nobody awaits to the
 * scope's handlers, or makes its scopes fail together. */
void async_scope_coroutine_failed(async_coroutine_t *co);
/* What a coroutine's finally handlers threw goes to the handler that would take the coroutine's
 * own exception (its scope's, else the nearest parent's child handler), as upstream; false when
 * no scope has one. The reference stays the caller's. */
bool async_scope_handle_finally_error(async_coroutine_t *co, zend_object *error);
/* What finally handlers run by the running coroutine (a Scope's, say) threw: as above, for that
 * coroutine. Takes the reference when true. */
bool async_scope_take_finally_error(zend_object *error);
void async_scope_cancel(zend_async_scope_t *scope, zend_object *error);
/* A cancelled scope closes once nothing is left in it; an owner that will still start coroutines in
 * it (a disposed TaskGroup's queued tasks) keeps it open until it lets go. dispose() closes it
 * whatever. */
void async_scope_keep_open(zend_async_scope_t *scope);
void async_scope_let_close(zend_async_scope_t *scope);
/* Closes it: with `safely`, its active coroutines become zombies, else they are cancelled. */
void async_scope_dispose(zend_async_scope_t *scope, bool safely);
bool async_scope_is_finished(zend_async_scope_t *scope);
/* No live coroutine (zombies included) in it or below. */
bool async_scope_is_empty(zend_async_scope_t *scope);
/* The coroutine runs in `scope` or in one of its descendants. */
bool async_scope_contains(zend_async_scope_t *scope, zend_coroutine_t *coroutine);
void async_scope_add_finally(zend_async_scope_t *scope, zval *callback);
void async_after_fatal_minit(void);
void async_after_fatal_rshutdown(void);
bool async_scope_set_dispose_timeout(zend_async_scope_t *scope, zend_long ms);
void async_scope_watch(zend_async_scope_t *scope, async_scope_watch_t *watch);
static zend_always_inline async_context_slot_t *async_scope_context_slot(zend_async_scope_t *scope)
{
	return &scope->context;
}
/* Nothing when it was told or forgotten already. */
void async_scope_unwatch(async_scope_watch_t *watch);

/* ---- what the classes ask of the layer above ----
 * Coroutine and Scope live here whole, yet three of their methods take objects the userland layer
 * defines: Coroutine::getContext() returns an Async\Context, and Scope::awaitCompletion() and
 * awaitAfterCancellation() take any Awaitable (a Future, a Timeout) as a cancellation token. That
 * layer registers these from its MINIT, so no call points up. */
typedef struct {
	/* The coroutine's Context (made on first use); borrowed. */
	zend_object *(*coroutine_context)(zend_coroutine_t *coroutine);
	/* Whether `token` can cancel a wait (an Awaitable that completes). */
	bool (*is_cancellation_token)(zend_object *token);
	/* Adds `token` to the wait `self` prepares; false with an exception thrown. */
	bool (*add_cancellation_token)(zend_coroutine_t *self, zend_object *token);
} async_class_services_t;

void async_scheduler_set_class_services(const async_class_services_t *services);
extern const async_class_services_t *async_class_services;

/* ---- the run queue (queue.c) ---- */
/* async_run_queue_t: scheduler_state.h; the queue itself is in the module globals. */
#define async_run_queue ASYNC_G(scheduler.run_queue)

void async_queue_grow(void);
void async_queue_free(void);
bool async_queue_move_to_head(async_coroutine_t *co);

static zend_always_inline void async_queue_push(async_coroutine_t *co, bool at_head)
{
	async_run_queue_t *queue = &async_run_queue;
	if (UNEXPECTED(queue->length == queue->capacity)) {
		async_queue_grow();
	}
	if (at_head) {
		queue->head = (queue->head - 1) & (queue->capacity - 1);
		queue->items[queue->head] = co;
	} else {
		queue->items[(queue->head + queue->length) & (queue->capacity - 1)] = co;
	}
	queue->length++;
	co->queued = true;
}

static zend_always_inline async_coroutine_t *async_queue_pop(void)
{
	async_run_queue_t *queue = &async_run_queue;
	if (queue->length == 0) {
		return NULL;
	}
	async_coroutine_t *co = queue->items[queue->head];
	queue->head = (queue->head + 1) & (queue->capacity - 1);
	queue->length--;
	co->queued = false;
	return co;
}

/* ---- the chaos switch, for tests (chaos.c) ---- */
#define async_chaos_enabled ASYNC_G(scheduler.chaos_enabled)
uint32_t async_chaos_next(uint32_t bound);
void async_chaos_rinit(void);
void async_chaos_before_pick(bool (*poll)(bool no_wait));

static zend_always_inline uint32_t async_queue_length(void)
{
	return async_run_queue.length;
}

/* ---- fiber contexts (fiber.c) ---- */
/* A context for a coroutine that has not started: an idle one from the pool, or a new one. */
async_fiber_t *async_fiber_acquire(void);
void async_fiber_release_idle(async_fiber_t *fiber);
void async_fibers_trim_idle(void);
void async_fibers_trim_before_fork(void);
void async_fibers_destroy_idle(void);
void async_fibers_forget(void);
void async_fibers_stats(zval *stats); /* a stats provider (engine/extension_points.c) */
/* Called by spawn() with the coroutines alive, the new one counted: false (thrown) when a context
 * for it could not be had once it runs. */
bool async_fibers_reserve(uint32_t alive);
void async_fiber_run_loop(async_fiber_t *fiber);
/* fiber_guard.c: turns a new context's guard page into a guard region merged with its stack
 * (Linux 6.13+); false when it stays Zend's guard page. */
bool async_fiber_guard_merge(zend_fiber_context *context, size_t stack_size);
/* Contexts get guard regions (known once the first was made). */
bool async_fiber_guard_regions(void);
bool async_fiber_guard_install(void *guard, size_t guard_size, bool *merged);
/* fiber_stack.c: a context on a stack from a batch of stacks (Zend's own allocation where that
 * cannot be done); false with Zend's exception thrown. */
bool async_fiber_context_init(async_fiber_t *fiber, void *kind, zend_fiber_coroutine entry, size_t stack_size);
bool async_fiber_context_owns_stack(const async_fiber_t *fiber);
/* After the context's last switch (or before it ever ran). */
void async_fiber_context_destroy(async_fiber_t *fiber, bool request_ending);
void async_fiber_stacks_forget(bool all_gone);
/* fiber_budget.c: false (thrown) when `alive` coroutines could need more contexts than the
 * process's limits leave room for. */
bool async_fiber_budget_admit(uint32_t alive, uint32_t contexts, uint32_t unmerged, size_t stack_size);
void async_fiber_budget_forget(void);

/* ---- the scheduler (scheduler.c) ---- */
/* async_scheduler_t: scheduler_state.h; the scheduler's state is in the module globals. */
#define async_scheduler ASYNC_G(scheduler.state)

void async_scheduler_minit(int type, int module_number);
void async_scheduler_rinit(void);
void async_scheduler_rshutdown(void);
/* Switches from the running coroutine to the next runnable one, running the reactor while none
 * is. Returns when the running coroutine is scheduled again. */
void async_scheduler_switch_away(void);
/* Nothing runnable and nothing armed: cancels every waiting coroutine and records the
 * DeadlockError that ends the script (deadlock.c). */
void async_scheduler_resolve_deadlock(void);
void async_deadlock_minit(int module_number);
/* Called by a fiber whose coroutine ended: gives it the next coroutine to run in place (true)
 * or parks it and switches away (returns false after it was given new work or asked to exit). */
bool async_scheduler_next_for_fiber(async_fiber_t *fiber);
void async_scheduler_report_uncaught(async_coroutine_t *co);
void async_scheduler_coroutine_ended(async_coroutine_t *co);
bool async_scheduler_launch(void);
/* The running coroutine; the first use starts the scheduler. NULL with an exception thrown. */
zend_coroutine_t *async_current_or_launch(void);
/* spawn_provider.c: the engine API's scope_provider. The scope its provideScope() names, with a
 * reference the caller drops (NULL: the spawner's); false when it threw. */
bool async_spawn_provider_scope(zend_object *provider, zend_async_scope_t **scope);
/* Creates the coroutine in `scope` (checked) and queues it, calling a SpawnStrategy's hooks around
 * the queueing; NULL (thrown) when a hook failed. */
async_coroutine_t *async_spawn_with_provider(zend_async_scope_t *scope, zend_object *provider, int32_t priority);
/* Creates and queues a coroutine in `scope` without the scope's checks or accounting. */
async_coroutine_t *async_scheduler_spawn_in(zend_async_scope_t *scope, int32_t priority);
bool async_scheduler_graceful_shutdown(zend_object *error);
/* Throws a cancellation that waited for the end of protect(); false if there is none. */
bool async_scheduler_deliver_pending_cancel(async_coroutine_t *co);
/* Takes an exception no coroutine can catch (a destructor the scheduler's work called): exit()
 * ends the application, anything else becomes a warning. */
void async_scheduler_take_stray_exception(void);
/* interrupt.c: a pending VM interrupt (a pcntl signal handler) while every coroutine waits is
 * run in a coroutine queued first; true when one is queued. */
bool async_scheduler_dispatch_interrupt(void);
void async_scheduler_interrupt_rshutdown(void);
/* Runs every remaining coroutine to its end (the main script has ended). */
void async_scheduler_run_after_main(void);
/* Output buffers per coroutine (output.c): the switch, the flush at a coroutine's end, cleanup. */
#define async_output_any_parked ASYNC_G(scheduler.output_any_parked) /* some coroutine has parked buffers */
void async_output_switch_buffers(async_coroutine_t *from, async_coroutine_t *to);
static zend_always_inline bool async_output_stack_empty(void)
{
	return OG(active) == NULL && OG(running) == NULL && OG(handlers).top == 0;
}
static zend_always_inline void async_output_switch(async_coroutine_t *from, async_coroutine_t *to)
{
	if (EXPECTED(!async_output_any_parked && async_output_stack_empty())) {
		return; /* the common case: nobody has a buffer; the empty stack serves `to` as it is */
	}
	async_output_switch_buffers(from, to);
}
void async_output_coroutine_ended(void);
void async_output_rshutdown(void);

#endif
