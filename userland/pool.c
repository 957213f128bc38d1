/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Async\Pool: resources made by a factory, lent out and given back, at most `max` alive.
 *
 * Counting: `idle` resources wait in a FIFO; `active` ones are lent out, or being made, checked
 * (beforeAcquire, beforeRelease, healthcheck) or destroyed, so count() never loses one while a
 * callback suspends. `reserved` turns were given to woken waiters that have not run yet. What a
 * newcomer may take is max - active - reserved: an idle resource, else room to make one.
 *
 * Fairness: waiters queue in arrival order. Whenever something frees up, the oldest waiter is
 * given a turn (a reservation) and woken; nobody else can take that turn, a caller that releases
 * and acquires again without suspending included. A waiter cancelled, timed out or finding the
 * pool closed or INACTIVE when it runs gives its turn to the next one.
 *
 * The healthcheck runs every healthcheckInterval ms in a coroutine of its own (callbacks may
 * suspend; a timer callback may not), on the idle resources; its hidden timer does not keep the
 * application alive.
 */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_enum.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "../async_list.h"
#include "userland.h"
#include "zval_ring.h"
#include "pool_arginfo.h"

static zend_class_entry *async_ce_pool;
static zend_class_entry *async_ce_pool_exception;
static zend_class_entry *async_ce_service_unavailable_exception;
static zend_class_entry *async_ce_circuit_breaker_state;
static zend_class_entry *async_ce_circuit_breaker;
static zend_class_entry *async_ce_circuit_breaker_strategy;
static zend_object_handlers pool_handlers;

typedef enum { BREAKER_ACTIVE, BREAKER_INACTIVE, BREAKER_RECOVERING } breaker_state_t;

typedef struct _pool_waiter_s pool_waiter_t;

/* A coroutine waiting in acquire(), and the event that wakes it. */
struct _pool_waiter_s {
	zend_async_event_t event;
	async_list_node_t in_queue;
	bool queued;   /* in the queue: no turn given yet */
	bool granted;  /* woken with a turn kept for it */
};

typedef struct {
	zval factory, destructor, healthcheck, before_acquire, before_release; /* UNDEF: none */
	zend_long min, max, healthcheck_interval;
	async_zval_ring_t idle;      /* the idle resources, oldest first */
	zend_long active;
	zend_long reserved;
	async_list_t queue;          /* waiting acquire() calls, in arrival order */
	HashTable *lent;            /* objects lent out, by handle (held), so release() knows its own */
	zend_long lent_values;      /* other values lent out */
	bool constructed, closed;
	breaker_state_t state;
	zend_object *strategy;
	zend_async_timer_event_t *healthcheck_timer;
	zend_coroutine_t *healthcheck_coroutine; /* a pass spawned and not ended (its object held) */
	zend_object std;
} async_pool_t;

#define POOL_FROM_OBJ(obj) ((async_pool_t *) ((char *) (obj) - XtOffsetOf(async_pool_t, std)))
#define THIS_POOL() POOL_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

static zend_long available(async_pool_t *pool)
{
	return pool->max - pool->active - pool->reserved;
}

/* ---- waiters ---- */

static bool waiter_dispose(zend_async_event_t *event)
{
	if (event->ref_count > 1) {
		event->ref_count--;
		return true;
	}
	zend_async_callbacks_free(event);
	efree(event);
	return true;
}

static zend_string *waiter_info(zend_async_event_t *event)
{
	(void) event;
	return zend_string_init("a Pool acquire", sizeof("a Pool acquire") - 1, 0);
}

static pool_waiter_t *waiter_new(void)
{
	pool_waiter_t *waiter = ecalloc(1, sizeof(*waiter));
	waiter->event.ref_count = 1;
	waiter->event.add_callback = zend_async_callbacks_push;
	waiter->event.del_callback = zend_async_callbacks_remove;
	waiter->event.start = async_event_start_nothing;
	waiter->event.stop = async_event_stop_nothing;
	waiter->event.dispose = waiter_dispose;
	waiter->event.info = waiter_info;
	return waiter;
}

static void queue_push(async_pool_t *pool, pool_waiter_t *waiter)
{
	async_list_append(&pool->queue, &waiter->in_queue);
	waiter->queued = true;
	ZEND_ASYNC_EVENT_ADD_REF(&waiter->event); /* the queue's reference */
}

/* The caller takes over the queue's reference. */
static pool_waiter_t *queue_unlink(async_pool_t *pool, pool_waiter_t *waiter)
{
	async_list_remove(&pool->queue, &waiter->in_queue);
	waiter->queued = false;
	return waiter;
}

static pool_waiter_t *queue_first(const async_pool_t *pool)
{
	async_list_node_t *node = async_list_first(&pool->queue);
	return node ? ASYNC_LIST_ENTRY(node, pool_waiter_t, in_queue) : NULL;
}

/* Wakes a waiter just taken out of the queue (its reference goes): a turn (error NULL), or why not. */
static void wake(pool_waiter_t *waiter, zend_object *error)
{
	ZEND_ASYNC_EVENT_SET_CLOSED(&waiter->event);
	ZEND_ASYNC_CALLBACKS_NOTIFY(&waiter->event, NULL, error);
	ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
}

/* Gives what is free to the oldest waiters. Called after every change that frees something, so a
 * free resource (or room) and a waiter never meet. */
static void serve_waiters(async_pool_t *pool)
{
	while (!pool->closed && !async_list_empty(&pool->queue) && available(pool) > 0) {
		pool_waiter_t *waiter = queue_unlink(pool, queue_first(pool));
		waiter->granted = true;
		pool->reserved++;
		wake(waiter, NULL);
	}
}

/* Every waiter in the queue gets a new exception of `ce` with `message`. */
static void fail_waiters(async_pool_t *pool, zend_class_entry *ce, const char *message)
{
	while (!async_list_empty(&pool->queue)) {
		pool_waiter_t *waiter = queue_unlink(pool, queue_first(pool));
		zend_object *error = zend_throw_exception(ce, message, 0);
		GC_ADDREF(error);
		zend_clear_exception();
		wake(waiter, error);
		OBJ_RELEASE(error);
	}
}

/* Waits in the queue for a turn, at most `timeout` ms (0: no limit). True: a turn is the caller's
 * (still counted in `reserved`: take() uncounts it as it takes). False with an exception
 * thrown (closed, INACTIVE, timed out, cancelled); a turn that came meanwhile is passed on. */
static bool wait_for_turn(async_pool_t *pool, zend_long timeout)
{
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		return false;
	}
	pool_waiter_t *waiter = waiter_new();
	queue_push(pool, waiter);
	zend_async_waker_new(self);
	bool waiting = zend_async_resume_when(self, &waiter->event, false, zend_async_waker_callback_resolve, NULL);
	if (waiting && timeout > 0) {
		zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT((zend_ulong) timeout, false);
		waiting = timer != NULL
			&& zend_async_resume_when(self, &timer->base, true, zend_async_waker_callback_timeout, NULL);
	}
	if (waiting) {
		GC_ADDREF(&pool->std); /* the pool outlives the wait */
		ZEND_ASYNC_SUSPEND();
		OBJ_RELEASE(&pool->std); /* the caller's $this still holds it */
	} else {
		zend_async_waker_clean(self);
	}
	if (waiter->queued) {
		/* Never served: cancelled, timed out, or the wait could not begin. */
		ZEND_ASYNC_EVENT_RELEASE(&queue_unlink(pool, waiter)->event);
	}
	bool granted = waiter->granted;
	ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
	if (granted) {
		if (EG(exception) != NULL) {
			pool->reserved--;
			serve_waiters(pool); /* the turn goes on to the next waiter */
			return false;
		}
		return true; /* still counted in `reserved` until the caller takes */
	}
	if (EG(exception) == NULL) {
		/* Not expected: every wake without a turn carries its reason. */
		zend_throw_exception(async_ce_async_exception, "Pool acquire was woken without a resource", 0);
	}
	return false;
}

/* ---- the callbacks ---- */

/* Calls `callable` with up to one argument. False with an exception thrown. */
static bool call(zval *callable, zval *argument, zval *retval)
{
	ZVAL_UNDEF(retval);
	if (call_user_function(NULL, NULL, callable, retval, argument ? 1 : 0, argument) != SUCCESS || EG(exception)) {
		zval_ptr_dtor(retval);
		ZVAL_UNDEF(retval);
		return false;
	}
	return true;
}

/* A check callback's verdict: true only for a truthy return. An exception it throws counts as
 * false and is cleared, or, with `error` given, handed over there; a cancellation of the caller
 * stays thrown. */
static bool check(zval *callable, zval *resource, zend_object **error)
{
	zval retval;
	if (call(callable, resource, &retval)) {
		bool ok = zend_is_true(&retval);
		zval_ptr_dtor(&retval);
		return ok;
	}
	if (EG(exception) && !instanceof_function(EG(exception)->ce, async_ce_cancellation)) {
		if (error != NULL) {
			*error = EG(exception);
			GC_ADDREF(*error);
		}
		zend_clear_exception();
	}
	return false;
}

/* Calls the destructor on a resource and lets it go. False with the destructor's exception thrown. */
static bool destroy(async_pool_t *pool, zval *resource)
{
	bool ok = true;
	if (Z_TYPE(pool->destructor) != IS_UNDEF) {
		zval retval;
		ok = call(&pool->destructor, resource, &retval);
		zval_ptr_dtor(&retval);
	}
	zval_ptr_dtor(resource);
	return ok;
}

/* A new resource from the factory, counted as active meanwhile. False with its exception thrown. */
static bool make(async_pool_t *pool, zval *out)
{
	return call(&pool->factory, NULL, out);
}

/* Tells the strategy how a released resource fared: kept (error NULL) or destroyed, and why. */
static void report(async_pool_t *pool, zend_object *error)
{
	if (pool->strategy == NULL) {
		return;
	}
	zval source, reason;
	ZVAL_OBJ(&source, &pool->std);
	zend_object *strategy = pool->strategy;
	GC_ADDREF(strategy); /* setCircuitBreakerStrategy() may drop it meanwhile */
	if (error == NULL) {
		zend_call_method(strategy, strategy->ce, NULL, "reportsuccess", sizeof("reportsuccess") - 1, NULL, 1, &source, NULL);
	} else {
		ZVAL_OBJ(&reason, error);
		zend_call_method(strategy, strategy->ce, NULL, "reportfailure", sizeof("reportfailure") - 1, NULL, 2, &source, &reason);
	}
	OBJ_RELEASE(strategy);
}

/* INACTIVE: the strategy's shouldRecover() may move the pool to RECOVERING (true). */
static bool try_recover(async_pool_t *pool)
{
	if (pool->strategy == NULL) {
		return false;
	}
	zval retval;
	ZVAL_UNDEF(&retval);
	zend_object *strategy = pool->strategy;
	GC_ADDREF(strategy);
	zend_call_method(strategy, strategy->ce, NULL, "shouldrecover", sizeof("shouldrecover") - 1, &retval, 0, NULL, NULL);
	OBJ_RELEASE(strategy);
	bool recover = EG(exception) == NULL && zend_is_true(&retval);
	zval_ptr_dtor(&retval);
	if (recover && pool->state == BREAKER_INACTIVE) {
		pool->state = BREAKER_RECOVERING;
	}
	return recover;
}

/* ---- lending ---- */

static void lend(async_pool_t *pool, zval *resource)
{
	if (Z_TYPE_P(resource) == IS_OBJECT) {
		if (pool->lent == NULL) {
			ALLOC_HASHTABLE(pool->lent);
			zend_hash_init(pool->lent, 8, NULL, ZVAL_PTR_DTOR, 0);
		}
		Z_ADDREF_P(resource);
		zend_hash_index_update(pool->lent, Z_OBJ_HANDLE_P(resource), resource);
	} else {
		pool->lent_values++;
	}
}

/* Takes a lent resource back into the pool's hands. False with PoolException if it is not one. */
static bool take_back(async_pool_t *pool, zval *resource)
{
	if (Z_TYPE_P(resource) == IS_OBJECT) {
		zval *lent = pool->lent ? zend_hash_index_find(pool->lent, Z_OBJ_HANDLE_P(resource)) : NULL;
		if (lent == NULL || Z_OBJ_P(lent) != Z_OBJ_P(resource)) {
			zend_throw_exception_ex(async_ce_pool_exception, 0,
				"Cannot release an object of class %s: this pool did not lend it out (or it was released already)",
				ZSTR_VAL(Z_OBJCE_P(resource)->name));
			return false;
		}
		zend_hash_index_del(pool->lent, Z_OBJ_HANDLE_P(resource));
		return true;
	}
	if (pool->lent_values == 0) {
		zend_throw_exception_ex(async_ce_pool_exception, 0,
			"Cannot release a value of type %s: this pool has no such resource lent out", zend_zval_type_name(resource));
		return false;
	}
	pool->lent_values--;
	return true;
}

/* ---- acquire ---- */

typedef enum { TAKE_FAILED = -1, TAKE_NONE = 0, TAKE_OK = 1 } take_result_t;

/* The core of acquire() (wait) and tryAcquire(): a resource in *out, or none, or an exception. */
static take_result_t take(async_pool_t *pool, zval *out, bool wait, zend_long timeout)
{
	bool turn = false; /* the caller was given a turn: serve it before anyone */
	for (;;) {
		zend_class_entry *refused = NULL;
		if (pool->closed) {
			refused = async_ce_pool_exception;
		} else if (pool->state == BREAKER_INACTIVE && !try_recover(pool)) {
			refused = async_ce_service_unavailable_exception;
		}
		if (refused != NULL) {
			if (turn) {
				pool->reserved--;
				serve_waiters(pool); /* the turn goes on to the next waiter */
			}
			if (EG(exception)) {
				return TAKE_FAILED; /* shouldRecover() threw */
			}
			if (!wait) {
				return TAKE_NONE;
			}
			zend_throw_exception(refused, refused == async_ce_pool_exception
				? "Pool is closed" : "Service is unavailable (circuit breaker is open)", 0);
			return TAKE_FAILED;
		}
		if (!turn && (available(pool) <= 0 || !async_list_empty(&pool->queue))) {
			if (!wait) {
				return TAKE_NONE;
			}
			if (!wait_for_turn(pool, timeout)) {
				return TAKE_FAILED;
			}
			turn = true;
			continue;
		}
		if (turn) {
			pool->reserved--; /* kept until now: shouldRecover() may have suspended */
			turn = false;
		}
		pool->active++;
		if (pool->idle.count == 0) {
			/* A fresh resource is not checked by beforeAcquire. */
			if (!make(pool, out)) {
				pool->active--;
				serve_waiters(pool);
				return TAKE_FAILED;
			}
			return TAKE_OK;
		}
		async_zval_ring_shift(&pool->idle, out);
		if (Z_TYPE(pool->before_acquire) == IS_UNDEF || check(&pool->before_acquire, out, NULL)) {
			return TAKE_OK;
		}
		/* Refused: destroyed, then the next one (or a new one). */
		bool cancelled = EG(exception) != NULL;
		zend_object *pending = EG(exception);
		EG(exception) = NULL;
		bool destroyed = destroy(pool, out);
		if (pending != NULL) {
			if (EG(exception)) {
				zend_exception_set_previous(pending, EG(exception));
			}
			EG(exception) = pending;
		}
		pool->active--;
		serve_waiters(pool);
		if (!destroyed || cancelled) {
			return TAKE_FAILED;
		}
	}
}

/* ---- close ---- */

static void healthcheck_stop(async_pool_t *pool);

/* Closes the pool: waiters get PoolException, idle resources are destroyed. The first exception a
 * destructor throws is thrown (later ones are its previous chain); every resource is destroyed. */
static void close_pool(async_pool_t *pool)
{
	if (pool->closed) {
		return;
	}
	pool->closed = true;
	healthcheck_stop(pool);
	fail_waiters(pool, async_ce_pool_exception, "Pool is closed");
	zend_object *first = NULL;
	while (pool->idle.count > 0) {
		zval resource;
		async_zval_ring_shift(&pool->idle, &resource);
		pool->active++;
		if (!destroy(pool, &resource) && EG(exception)) {
			zend_object *error = EG(exception);
			GC_ADDREF(error);
			zend_clear_exception();
			if (first == NULL) {
				first = error;
			} else {
				zend_exception_set_previous(first, error);
			}
		}
		pool->active--;
	}
	if (first != NULL) {
		zend_throw_exception_internal(first);
	}
}

/* ---- the healthcheck ---- */

typedef struct {
	zend_async_event_callback_t base;
	async_pool_t *pool; /* alive: the pool disarms the timer before it goes */
} healthcheck_tick_t;

static void healthcheck_pass(void);

static void release_pass_coroutine(async_pool_t *pool)
{
	zend_coroutine_t *coroutine = pool->healthcheck_coroutine;
	pool->healthcheck_coroutine = NULL;
	coroutine->extended_data = NULL;
	OBJ_RELEASE(ASYNC_COROUTINE_OBJ(coroutine));
}

/* The timer fired (in the reactor, where callbacks may not suspend): a coroutine does the pass. */
static void on_healthcheck_tick(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) result; (void) exception;
	async_pool_t *pool = ((healthcheck_tick_t *) callback)->pool;
	if (pool->healthcheck_coroutine != NULL) {
		if (!ZEND_COROUTINE_IS_FINISHED(pool->healthcheck_coroutine)) {
			return; /* the last pass is still on */
		}
		release_pass_coroutine(pool); /* it never ran (cancelled first) */
	}
	if (pool->closed || (pool->idle.count == 0 && pool->active >= pool->min)) {
		return; /* nothing to check, nothing to make */
	}
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH(ZEND_ASYNC_MAIN_SCOPE);
	if (coroutine == NULL) {
		zend_clear_exception(); /* no coroutine now (shutting down): the next tick tries again */
		return;
	}
	coroutine->internal_entry = healthcheck_pass;
	coroutine->extended_data = pool;
	GC_ADDREF(ASYNC_COROUTINE_OBJ(coroutine));
	pool->healthcheck_coroutine = coroutine;
}

/* Checks each resource idle at the start (one at a time: it counts as active meanwhile), destroys
 * those found unhealthy (false or an exception), then makes new ones up to `min`. */
static void healthcheck_pass(void)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	async_pool_t *pool = self->extended_data;
	if (pool == NULL) {
		return; /* the pool went before the pass began */
	}
	GC_ADDREF(&pool->std);
	uint32_t count = pool->idle.count;
	for (uint32_t i = 0; i < count && !pool->closed && pool->idle.count > 0 && available(pool) > 0; i++) {
		zval resource;
		async_zval_ring_shift(&pool->idle, &resource);
		pool->active++;
		bool healthy = check(&pool->healthcheck, &resource, NULL);
		bool cancelled = EG(exception) != NULL;
		if (healthy && !pool->closed) {
			async_zval_ring_push(&pool->idle, &resource);
		} else {
			zend_object *pending = EG(exception);
			EG(exception) = NULL;
			destroy(pool, &resource);
			zend_clear_exception(); /* a destructor's failure ends nothing here */
			EG(exception) = pending;
		}
		pool->active--;
		serve_waiters(pool);
		if (cancelled) {
			break;
		}
	}
	while (EG(exception) == NULL && !pool->closed && pool->idle.count + pool->active < pool->min && available(pool) > 0) {
		zval resource;
		pool->active++;
		bool made = make(pool, &resource);
		pool->active--;
		if (!made) {
			if (!instanceof_function(EG(exception)->ce, async_ce_cancellation)) {
				zend_clear_exception(); /* tried again at the next tick */
			}
			break;
		}
		if (pool->closed) {
			destroy(pool, &resource);
			zend_clear_exception();
			break;
		}
		async_zval_ring_push(&pool->idle, &resource);
		serve_waiters(pool);
	}
	if (pool->healthcheck_coroutine == self) {
		release_pass_coroutine(pool);
	}
	OBJ_RELEASE(&pool->std);
}

static bool healthcheck_start(async_pool_t *pool)
{
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT((zend_ulong) pool->healthcheck_interval, true);
	if (timer == NULL) {
		return false;
	}
	ZEND_ASYNC_EVENT_SET_HIDDEN(&timer->base); /* does not keep the application alive */
	healthcheck_tick_t *tick = (healthcheck_tick_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_healthcheck_tick, sizeof(healthcheck_tick_t));
	tick->pool = pool;
	timer->base.add_callback(&timer->base, &tick->base);
	pool->healthcheck_timer = timer;
	return timer->base.start(&timer->base);
}

static void healthcheck_stop(async_pool_t *pool)
{
	zend_async_timer_event_t *timer = pool->healthcheck_timer;
	if (timer != NULL) {
		pool->healthcheck_timer = NULL;
		timer->base.stop(&timer->base);
		ZEND_ASYNC_EVENT_RELEASE(&timer->base); /* frees its callback too */
	}
}

/* ---- methods ---- */

ZEND_METHOD(Async_Pool, __construct)
{
	zend_fcall_info factory_fci, destructor_fci = empty_fcall_info, healthcheck_fci = empty_fcall_info,
		before_acquire_fci = empty_fcall_info, before_release_fci = empty_fcall_info;
	zend_fcall_info_cache factory_fcc, destructor_fcc = empty_fcall_info_cache, healthcheck_fcc = empty_fcall_info_cache,
		before_acquire_fcc = empty_fcall_info_cache, before_release_fcc = empty_fcall_info_cache;
	zend_long min = 0, max = 10, interval = 0;

	ZEND_PARSE_PARAMETERS_START(1, 8)
		Z_PARAM_FUNC(factory_fci, factory_fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_FUNC_OR_NULL(destructor_fci, destructor_fcc)
		Z_PARAM_FUNC_OR_NULL(healthcheck_fci, healthcheck_fcc)
		Z_PARAM_FUNC_OR_NULL(before_acquire_fci, before_acquire_fcc)
		Z_PARAM_FUNC_OR_NULL(before_release_fci, before_release_fcc)
		Z_PARAM_LONG(min)
		Z_PARAM_LONG(max)
		Z_PARAM_LONG(interval)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	if (min < 0) {
		zend_argument_value_error(6, "must be >= 0");
		RETURN_THROWS();
	}
	if (max < 1 || max > INT32_MAX) {
		zend_argument_value_error(7, max < 1 ? "must be >= 1" : "must be <= 2147483647");
		RETURN_THROWS();
	}
	if (min > max) {
		zend_argument_value_error(6, "must be <= max");
		RETURN_THROWS();
	}
	if (interval < 0) {
		zend_argument_value_error(8, "must be >= 0");
		RETURN_THROWS();
	}
	async_pool_t *pool = THIS_POOL();
	if (pool->constructed) {
		zend_throw_error(NULL, "Cannot construct an Async\\Pool twice");
		RETURN_THROWS();
	}
	pool->constructed = true;
	ZVAL_COPY(&pool->factory, &factory_fci.function_name);
	if (ZEND_FCI_INITIALIZED(destructor_fci)) {
		ZVAL_COPY(&pool->destructor, &destructor_fci.function_name);
	}
	if (ZEND_FCI_INITIALIZED(healthcheck_fci)) {
		ZVAL_COPY(&pool->healthcheck, &healthcheck_fci.function_name);
	}
	if (ZEND_FCI_INITIALIZED(before_acquire_fci)) {
		ZVAL_COPY(&pool->before_acquire, &before_acquire_fci.function_name);
	}
	if (ZEND_FCI_INITIALIZED(before_release_fci)) {
		ZVAL_COPY(&pool->before_release, &before_release_fci.function_name);
	}
	pool->min = min;
	pool->max = max;
	pool->healthcheck_interval = interval;

	/* Pre-warm: a factory that throws ends the constructor with its exception. */
	while (pool->idle.count < min) {
		zval resource;
		pool->active++;
		bool made = make(pool, &resource);
		pool->active--;
		if (!made) {
			RETURN_THROWS();
		}
		async_zval_ring_push(&pool->idle, &resource);
	}
	if (Z_TYPE(pool->healthcheck) != IS_UNDEF && interval > 0 && !healthcheck_start(pool)) {
		RETURN_THROWS();
	}
}

ZEND_METHOD(Async_Pool, acquire)
{
	zend_long timeout = 0;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(timeout)
	ZEND_PARSE_PARAMETERS_END();

	if (timeout < 0) {
		zend_argument_value_error(1, "must be >= 0 (0 waits without a limit)");
		RETURN_THROWS();
	}
	async_pool_t *pool = THIS_POOL();
	if (take(pool, return_value, true, timeout) != TAKE_OK) {
		RETURN_THROWS();
	}
	lend(pool, return_value);
}

ZEND_METHOD(Async_Pool, tryAcquire)
{
	ZEND_PARSE_PARAMETERS_NONE();

	async_pool_t *pool = THIS_POOL();
	switch (take(pool, return_value, false, 0)) {
		case TAKE_OK:
			lend(pool, return_value);
			return;
		case TAKE_NONE:
			RETURN_NULL();
		default:
			RETURN_THROWS();
	}
}

ZEND_METHOD(Async_Pool, release)
{
	zval *argument;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(argument)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_pool_t *pool = THIS_POOL();
	if (!take_back(pool, argument)) {
		RETURN_THROWS();
	}
	zval resource;
	ZVAL_COPY(&resource, argument); /* the pool's own reference: the caller's variable stays valid */
	if (pool->closed) {
		destroy(pool, &resource);
		pool->active--;
		return;
	}
	zend_object *failure = NULL;
	bool healthy = Z_TYPE(pool->before_release) == IS_UNDEF || check(&pool->before_release, &resource, &failure);
	if (healthy && !pool->closed) {
		async_zval_ring_push(&pool->idle, &resource);
		pool->active--;
		serve_waiters(pool);
		report(pool, NULL);
		return;
	}
	zend_object *pending = EG(exception); /* a cancellation that came during beforeRelease */
	EG(exception) = NULL;
	destroy(pool, &resource);
	pool->active--;
	serve_waiters(pool);
	if (!healthy && EG(exception) == NULL) {
		if (failure == NULL) {
			failure = zend_throw_exception(zend_ce_exception, "Resource validation failed", 0);
			GC_ADDREF(failure);
			zend_clear_exception();
		}
		report(pool, failure);
	}
	if (failure != NULL) {
		OBJ_RELEASE(failure);
	}
	if (pending != NULL) {
		if (EG(exception)) {
			zend_exception_set_previous(pending, EG(exception));
		}
		EG(exception) = pending;
	}
}

ZEND_METHOD(Async_Pool, close)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	close_pool(THIS_POOL());
}

ZEND_METHOD(Async_Pool, isClosed) { ZEND_PARSE_PARAMETERS_NONE(); RETURN_BOOL(THIS_POOL()->closed); }

ZEND_METHOD(Async_Pool, count)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_pool_t *pool = THIS_POOL();
	RETURN_LONG((zend_long) pool->idle.count + pool->active);
}

ZEND_METHOD(Async_Pool, idleCount) { ZEND_PARSE_PARAMETERS_NONE(); RETURN_LONG(THIS_POOL()->idle.count); }
ZEND_METHOD(Async_Pool, activeCount) { ZEND_PARSE_PARAMETERS_NONE(); RETURN_LONG(THIS_POOL()->active); }

ZEND_METHOD(Async_Pool, setCircuitBreakerStrategy)
{
	zend_object *strategy = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(strategy, async_ce_circuit_breaker_strategy)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_pool_t *pool = THIS_POOL();
	zend_object *old = pool->strategy;
	if (strategy != NULL) {
		GC_ADDREF(strategy);
	}
	pool->strategy = strategy;
	if (old != NULL) {
		OBJ_RELEASE(old);
	}
}

ZEND_METHOD(Async_Pool, getState)
{
	static const char *const cases[] = { "ACTIVE", "INACTIVE", "RECOVERING" };
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_OBJ_COPY(zend_enum_get_case_cstr(async_ce_circuit_breaker_state, cases[THIS_POOL()->state]));
}

ZEND_METHOD(Async_Pool, activate)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	THIS_POOL()->state = BREAKER_ACTIVE;
}

ZEND_METHOD(Async_Pool, deactivate)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	async_pool_t *pool = THIS_POOL();
	pool->state = BREAKER_INACTIVE;
	fail_waiters(pool, async_ce_service_unavailable_exception, "Service is unavailable (circuit breaker is open)");
}

ZEND_METHOD(Async_Pool, recover)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	THIS_POOL()->state = BREAKER_RECOVERING;
}

/* ---- the object ---- */

static zend_object *pool_create(zend_class_entry *ce)
{
	async_pool_t *pool = zend_object_alloc(sizeof(async_pool_t), ce);
	zend_object_std_init(&pool->std, ce);
	object_properties_init(&pool->std, ce);
	pool->std.handlers = &pool_handlers;
	async_list_init(&pool->queue);
	ZVAL_UNDEF(&pool->factory);
	ZVAL_UNDEF(&pool->destructor);
	ZVAL_UNDEF(&pool->healthcheck);
	ZVAL_UNDEF(&pool->before_acquire);
	ZVAL_UNDEF(&pool->before_release);
	return &pool->std;
}

/* The last reference went (waiting coroutines hold one): closes it, which calls the destructor on
 * the idle resources. An exception unwinding the frame that held the pool stays the one thrown. */
static void pool_dtor(zend_object *object)
{
	async_pool_t *pool = POOL_FROM_OBJ(object);
	if (pool->closed || !pool->constructed) {
		healthcheck_stop(pool);
		return;
	}
	zend_object *pending = EG(exception);
	EG(exception) = NULL;
	close_pool(pool);
	if (pending != NULL) {
		if (EG(exception)) {
			zend_exception_set_previous(pending, EG(exception));
		}
		EG(exception) = pending;
	}
}

static void pool_free(zend_object *object)
{
	async_pool_t *pool = POOL_FROM_OBJ(object);
	healthcheck_stop(pool);
	if (pool->healthcheck_coroutine != NULL) {
		release_pass_coroutine(pool); /* a pass not begun finds no pool and ends at once */
	}
	/* Waiters hold the pool, so none is left unless PHP skipped destructors (a fatal error). */
	while (!async_list_empty(&pool->queue)) {
		ZEND_ASYNC_EVENT_RELEASE(&queue_unlink(pool, queue_first(pool))->event);
	}
	while (pool->idle.count > 0) {
		zval resource;
		async_zval_ring_shift(&pool->idle, &resource);
		zval_ptr_dtor(&resource);
	}
	async_zval_ring_free(&pool->idle);
	if (pool->lent) {
		zend_hash_destroy(pool->lent);
		FREE_HASHTABLE(pool->lent);
	}
	if (pool->strategy) {
		OBJ_RELEASE(pool->strategy);
	}
	zval_ptr_dtor(&pool->factory);
	zval_ptr_dtor(&pool->destructor);
	zval_ptr_dtor(&pool->healthcheck);
	zval_ptr_dtor(&pool->before_acquire);
	zval_ptr_dtor(&pool->before_release);
	zend_object_std_dtor(object);
}

static HashTable *pool_get_gc(zend_object *object, zval **table, int *n)
{
	async_pool_t *pool = POOL_FROM_OBJ(object);
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buffer, &pool->factory);
	zend_get_gc_buffer_add_zval(buffer, &pool->destructor);
	zend_get_gc_buffer_add_zval(buffer, &pool->healthcheck);
	zend_get_gc_buffer_add_zval(buffer, &pool->before_acquire);
	zend_get_gc_buffer_add_zval(buffer, &pool->before_release);
	if (pool->strategy) {
		zend_get_gc_buffer_add_obj(buffer, pool->strategy);
	}
	for (uint32_t i = 0; i < pool->idle.count; i++) {
		zend_get_gc_buffer_add_zval(buffer, async_zval_ring_at(&pool->idle, i));
	}
	if (pool->lent) {
		zval *lent;
		ZEND_HASH_FOREACH_VAL(pool->lent, lent) {
			zend_get_gc_buffer_add_zval(buffer, lent);
		} ZEND_HASH_FOREACH_END();
	}
	zend_get_gc_buffer_use(buffer, table, n);
	return zend_std_get_properties(object);
}

void async_userland_register_pool(void)
{
	async_ce_circuit_breaker_state = register_class_Async_CircuitBreakerState();
	async_ce_circuit_breaker = register_class_Async_CircuitBreaker();
	async_ce_circuit_breaker_strategy = register_class_Async_CircuitBreakerStrategy();
	async_ce_pool_exception = register_class_Async_PoolException(async_ce_async_exception);
	async_ce_service_unavailable_exception = register_class_Async_ServiceUnavailableException(async_ce_async_exception);
	async_ce_pool = register_class_Async_Pool(zend_ce_countable, async_ce_circuit_breaker);
	async_ce_pool->create_object = pool_create;
	memcpy(&pool_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	pool_handlers.offset = XtOffsetOf(async_pool_t, std);
	pool_handlers.dtor_obj = pool_dtor;
	pool_handlers.free_obj = pool_free;
	pool_handlers.get_gc = pool_get_gc;
	pool_handlers.clone_obj = NULL;
}
