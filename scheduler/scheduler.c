/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The scheduler: launch, spawn, suspend/resume, cancel, the scheduling loop, deadlock detection,
 * running what is left when the main script ends, and its registration through the engine API.
 */
#include "scheduler.h"
#include "call_state.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "../engine/engine.h"


static void (*original_execute_ex)(zend_execute_data *execute_data) = NULL;

#define CURRENT ((async_coroutine_t *) ZEND_ASYNC_G(coroutine))

static bool is_started(async_coroutine_t *co)
{
	return ZEND_COROUTINE_IS_STARTED(&co->coroutine);
}

static zend_fiber_context *context_of(async_coroutine_t *co)
{
	if (co->suspended_in != NULL) {
		return co->suspended_in;
	}
	return co == async_scheduler.main ? EG(main_fiber_context) : &co->fiber->context;
}

/* Makes `target` the running coroutine; returns when someone switches back to the caller. */
static void switch_to(async_coroutine_t *target)
{
	if (target == CURRENT) {
		return;
	}
	if (target->fiber == NULL && target != async_scheduler.main) {
		async_fiber_t *fiber = async_fiber_acquire();
		if (UNEXPECTED(fiber == NULL)) {
			/* No C stack could be mapped: the coroutine ends with that error. */
			zend_object *error = EG(exception);
			GC_ADDREF(error);
			zend_clear_exception();
			async_coroutine_finish(target, NULL, error);
			OBJ_RELEASE(error);
			return;
		}
		fiber->coroutine = target;
		target->fiber = fiber;
	}
	async_coroutine_t *self = CURRENT;
	if (self != NULL && !ZEND_COROUTINE_IS_FINISHED(&self->coroutine)) {
		self->suspended_in = EG(current_fiber_context);
		self->suspended_frame = EG(current_execute_data);
	}
	zend_fiber_context *to = context_of(target);
	target->suspended_in = NULL;
	async_output_switch(self, target);
	ZEND_ASYNC_G(coroutine) = &target->coroutine;
	async_scheduler.switches++;

	zend_fiber_transfer transfer = { .context = to, .flags = 0 };
	ZVAL_NULL(&transfer.value);
	zend_fiber_switch_context(&transfer);

	if (UNEXPECTED(transfer.flags & ZEND_FIBER_TRANSFER_FLAG_BAILOUT)) {
		zend_bailout();
	}
}

/* An exception thrown where no coroutine can catch it: by a destructor that the scheduler's own
 * work called (releasing a coroutine, its result or its arguments), or by a reactor callback.
 * exit() ends the application as it does from a coroutine; anything else is reported as a
 * warning. Left in EG(exception), it would surface in whichever coroutine runs next. */
void async_scheduler_take_stray_exception(void)
{
	zend_object *error = EG(exception);
	if (EXPECTED(error == NULL)) {
		return;
	}
	if (zend_is_unwind_exit(error)) {
		GC_ADDREF(error);
		zend_clear_exception();
		if (ZEND_ASYNC_EXIT_EXCEPTION != NULL) {
			OBJ_RELEASE(ZEND_ASYNC_EXIT_EXCEPTION);
		}
		ZEND_ASYNC_EXIT_EXCEPTION = error;
		ZEND_ASYNC_SHUTDOWN();
		return;
	}
	zend_exception_error(error, E_WARNING);
	zend_clear_exception();
}

/* The scheduler's own work (running the reactor, letting go of a coroutine) may call PHP code:
 * destructors, handlers. That code runs inside whoever is switching, maybe a coroutine in the middle
 * of suspending, so it must not suspend (an Error), and the hooks leave PHP's functions blocking. */
static zend_always_inline bool enter_scheduler_work(void)
{
	bool was = ZEND_ASYNC_G(in_scheduler_context);
	ZEND_ASYNC_G(in_scheduler_context) = true;
	return was;
}

static zend_always_inline void leave_scheduler_work(bool was)
{
	ZEND_ASYNC_G(in_scheduler_context) = was;
}

static void release_from_queue(async_coroutine_t *co)
{
	if (co->queue_holds_ref) {
		co->queue_holds_ref = false;
		bool was = enter_scheduler_work();
		OBJ_RELEASE(&co->std);
		leave_scheduler_work(was);
		async_scheduler_take_stray_exception(); /* its destructors ran here */
	}
}

/* The next coroutine to run; skips those that ended while queued (cancelled before start). */
static async_coroutine_t *pop_runnable(void)
{
	async_coroutine_t *co;
	while ((co = async_queue_pop()) != NULL) {
		if (!ZEND_COROUTINE_IS_FINISHED(&co->coroutine)) {
			return co;
		}
		release_from_queue(co);
	}
	return NULL;
}

static uint32_t live_count(void)
{
	return async_scheduler.live.count;
}

/* Runs the reactor once (blocking until something happens unless no_wait); false when it has
 * nothing left that could wake anyone. */
static bool run_reactor(bool no_wait)
{
	async_scheduler.picks_since_poll = 0;
	bool was = enter_scheduler_work();
	bool alive = ZEND_ASYNC_REACTOR_EXECUTE(no_wait);
	leave_scheduler_work(was);
	async_scheduler_take_stray_exception(); /* a reactor callback threw */
	async_scheduler.round_after_poll = async_queue_length();
	return alive;
}

/* Runs the reactor once, blocking until something happens; resolves a deadlock when nothing can. */
static void wait_for_work(void)
{
	if (async_scheduler_dispatch_interrupt()) {
		return;
	}
	async_fibers_trim_idle(); /* idle time: give back the stacks of a finished burst */
	bool alive = run_reactor(false);
	if (async_scheduler_dispatch_interrupt()) {
		return;
	}
	if (async_queue_length() == 0 && !alive) {
		async_scheduler_resolve_deadlock();
	}
}

/* Coroutines that keep the run queue full (a loop of bare suspend()) must not starve timers and
 * I/O: once every coroutine that was queued when the reactor last ran has run (a round), and at
 * least this many, the reactor polls once without blocking. Not sooner: a coroutine a poll woke
 * that has not run yet still has its data unread, and a level-triggered poll would only report
 * its socket again (polling every 64 runs made waking N readers at once cost N * N / 64 reports). */
#define POLL_EVERY_PICKS 64

static async_coroutine_t *pop_runnable_polling(void)
{
	if (++async_scheduler.picks_since_poll >= POLL_EVERY_PICKS
			&& async_scheduler.picks_since_poll >= async_scheduler.round_after_poll && async_queue_length() > 0) {
		run_reactor(true);
	}
	if (UNEXPECTED(async_chaos_enabled)) {
		async_chaos_before_pick(run_reactor);
	}
	return pop_runnable();
}

static zend_always_inline void switch_away(void)
{
	/* What the running call set (`@`, a replaced error handling) stays with it: the scheduler's
	 * work and the other coroutines run in the request's state (call_state.h). */
	async_call_state_t own;
	async_call_state_leave(&own);
	while (true) {
		async_coroutine_t *next = pop_runnable_polling();
		if (next != NULL) {
			switch_to(next);
			break;
		}
		wait_for_work();
	}
	async_call_state_return(&own);
}

void async_scheduler_switch_away(void)
{
	switch_away();
}

bool async_scheduler_next_for_fiber(async_fiber_t *fiber)
{
	while (true) {
		async_coroutine_t *next = pop_runnable_polling();
		if (next == NULL) {
			wait_for_work();
			continue;
		}
		if (!is_started(next) && next != async_scheduler.main) {
			/* Run it right here: no switch, no other C stack. */
			next->fiber = fiber;
			fiber->coroutine = next;
			async_output_switch(NULL, next);
			ZEND_ASYNC_G(coroutine) = &next->coroutine;
			return true;
		}
		async_fiber_release_idle(fiber);
		switch_to(next);
		/* Back: either given a coroutine to start, or asked to exit. */
		return !fiber->exit_requested;
	}
}

/* ---- launch ---- */

bool async_scheduler_launch(void)
{
	if (async_scheduler.launched) {
		return true;
	}
	if (EG(active_fiber) != NULL) {
		zend_throw_error(NULL, "The async scheduler cannot start inside a Fiber: use it from the main script or a coroutine first");
		return false;
	}
	if (!ZEND_ASYNC_REACTOR_STARTUP()) {
		return false;
	}
	zend_async_scope_t *main_scope = async_scope_new(NULL);
	async_coroutine_t *main = async_coroutine_new(main_scope); /* the scheduler keeps the reference */
	async_scheduler.main_scope = main_scope;
	ZEND_ASYNC_G(main_scope) = main_scope;
	ZEND_COROUTINE_SET_MAIN(&main->coroutine);
	ZEND_COROUTINE_SET_STARTED(&main->coroutine);
	async_scheduler.main = main;
	async_scheduler.launched = true;
	ZEND_ASYNC_G(main_coroutine) = &main->coroutine;
	ZEND_ASYNC_G(coroutine) = &main->coroutine;
	ZEND_ASYNC_ACTIVATE;
	return true;
}

const async_class_services_t *async_class_services;

void async_scheduler_set_class_services(const async_class_services_t *services)
{
	async_class_services = services;
}

zend_coroutine_t *async_current_or_launch(void)
{
	if (ZEND_ASYNC_CURRENT_COROUTINE == NULL && !async_scheduler_launch()) {
		return NULL;
	}
	if (UNEXPECTED(ZEND_ASYNC_CURRENT_COROUTINE == NULL)) {
		/* Launched, yet none runs: a destructor called as a coroutine ended, between two. */
		zend_throw_error(NULL, "No coroutine is running here: this code runs in a destructor called between two coroutines");
	}
	return ZEND_ASYNC_CURRENT_COROUTINE;
}

/* ---- the engine API entries ---- */

async_coroutine_t *async_scheduler_spawn_in(zend_async_scope_t *scope, int32_t priority)
{
	async_coroutine_t *co = async_coroutine_new(scope);
	async_list_append(&async_scheduler.live, &co->live_link); /* takes the new object's reference */
	ZEND_ASYNC_INCREASE_COROUTINE_COUNT;
	async_queue_push(co, priority >= ZEND_COROUTINE_HI_PRIORITY);
	return co;
}

static zend_coroutine_t *scheduler_spawn(zend_async_scope_t *scope, zend_object *scope_provider, int32_t priority)
{
	if (!async_scheduler_launch()) {
		return NULL;
	}
	if (async_scheduler.shutting_down && async_scheduler.after_main) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_CANCELLATION, "Cannot spawn a coroutine: the application is shutting down");
		return NULL;
	}
	zend_async_scope_t *provided = NULL; /* a reference on it while it is used */
	if (scope_provider != NULL) {
		if (!async_spawn_provider_scope(scope_provider, &provided)) {
			return NULL;
		}
		scope = provided;
	}
	/* By default a coroutine goes where its spawner runs. */
	if (scope == NULL) {
		scope = ZEND_ASYNC_CURRENT_SCOPE != NULL ? ZEND_ASYNC_CURRENT_SCOPE : async_scheduler.main_scope;
	}
	async_coroutine_t *co = NULL;
	/* It takes a context (a C stack) when it first runs: if it may not get one, the spawner
	 * hears it now rather than the coroutine failing later where nobody looks. */
	if (async_scope_check_spawn(scope) && async_fibers_reserve(live_count() + 1)) {
		if (scope_provider != NULL) {
			co = async_spawn_with_provider(scope, scope_provider, priority);
		} else {
			co = async_scheduler_spawn_in(scope, priority);
			async_scope_add_coroutine(scope, co);
		}
	}
	if (provided != NULL) {
		OBJ_RELEASE(ASYNC_SCOPE_OBJ(provided));
	}
	return co != NULL ? &co->coroutine : NULL;
}

static bool scheduler_enqueue(zend_coroutine_t *coroutine)
{
	async_coroutine_t *co = ASYNC_COROUTINE_OF(coroutine);
	if (ZEND_COROUTINE_IS_FINISHED(coroutine)) {
		return false;
	}
	if (!co->queued) {
		async_queue_push(co, false);
	}
	return true;
}

static bool scheduler_resume(zend_coroutine_t *coroutine, zend_object *error, const bool transfer_error)
{
	async_coroutine_t *co = ASYNC_COROUTINE_OF(coroutine);
	if (ZEND_COROUTINE_IS_FINISHED(coroutine)) {
		if (error != NULL && transfer_error) {
			OBJ_RELEASE(error);
		}
		return false;
	}
	if (error != NULL) {
		zend_async_waker_apply_error(&co->waker, error, transfer_error);
	}
	if (co->waker.status == ZEND_ASYNC_WAKER_WAITING) {
		co->waker.status = ZEND_ASYNC_WAKER_QUEUED;
		async_waker_stop_events(&co->waker);
		if (!co->queued) {
			async_queue_push(co, false);
		}
	}
	return true;
}

/* Throws the cancellation waiting for this coroutine, unless it is protected. */
bool async_scheduler_deliver_pending_cancel(async_coroutine_t *co)
{
	if (co->pending_cancel == NULL || ZEND_COROUTINE_IS_PROTECTED(&co->coroutine)) {
		return false;
	}
	zend_object *error = co->pending_cancel;
	co->pending_cancel = NULL;
	zend_throw_exception_internal(error);
	return true;
}

static bool scheduler_cancel(zend_coroutine_t *coroutine, zend_object *error, bool transfer_error, const bool is_safely)
{
	(void) is_safely;
	async_coroutine_t *co = ASYNC_COROUTINE_OF(coroutine);

	if (ZEND_COROUTINE_IS_FINISHED(coroutine)) {
		if (error != NULL && transfer_error) {
			OBJ_RELEASE(error);
		}
		return false;
	}
	if (error == NULL) {
		error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The coroutine was cancelled");
		transfer_error = true;
	} else if (!transfer_error) {
		GC_ADDREF(error);
	}
	ZEND_COROUTINE_SET_CANCELLED(coroutine);

	if (!is_started(co) && co != async_scheduler.main && co->queued && Z_TYPE(co->finally_handlers) == IS_ARRAY) {
		/* Never ran, but has finally handlers: they run in its own context, as for any coroutine
		 * (never inline in whoever cancels, which may be a reactor callback or a coroutine in the
		 * middle of suspending). It stays queued and, when its turn comes, starts only to end with
		 * this cancellation. */
		if (co->pending_cancel == NULL) {
			co->pending_cancel = error;
		} else {
			OBJ_RELEASE(error);
		}
		return true;
	}
	if (!is_started(co) && co != async_scheduler.main) {
		/* Never ran: it ends now, cancelled, without running. The queue still points to it. */
		if (co->queued && !co->queue_holds_ref) {
			co->queue_holds_ref = true;
			GC_ADDREF(&co->std);
		}
		async_coroutine_finish(co, NULL, error);
		OBJ_RELEASE(error);
		return true;
	}
	/* The current coroutine is running unless it is in the middle of suspending (its waker
	 * waits, and it runs the scheduling loop in its own context). */
	bool running = co == CURRENT && co->waker.status != ZEND_ASYNC_WAKER_WAITING;
	if (running || ZEND_COROUTINE_IS_PROTECTED(coroutine)) {
		/* Delivered at its next suspension point (or when protect() ends). */
		if (co->pending_cancel == NULL) {
			co->pending_cancel = error;
		} else {
			OBJ_RELEASE(error);
		}
		return true;
	}
	scheduler_resume(coroutine, error, true);
	return true;
}

/* zend_async_waker_new() for a plain yield, without its work when there is nothing to drop: the
 * waker only notes where the coroutine suspends (getSuspendLocation()). */
static void prepare_yield(async_coroutine_t *self)
{
	zend_async_waker_t *waker = &self->waker;
	if (UNEXPECTED(waker->count > 0 || Z_TYPE(waker->result) != IS_UNDEF || waker->error != NULL)) {
		zend_async_waker_new(&self->coroutine);
		return;
	}
	waker->events_started = false;
	async_waker_note_location(waker);
}

/* zend_async_waker_clean(), inline when no event is attached (a yield). */
static zend_always_inline void clean_waker(async_coroutine_t *self)
{
	zend_async_waker_t *waker = &self->waker;
	if (UNEXPECTED(waker->count > 0)) {
		zend_async_waker_clean(&self->coroutine);
		return;
	}
	waker->events_started = false;
	if (waker->status != ZEND_ASYNC_WAKER_NO_STATUS) {
		waker->status = ZEND_ASYNC_WAKER_RESULT;
	}
}

static bool scheduler_suspend(bool from_main, bool is_bailout)
{
	(void) is_bailout;
	if (from_main) {
		async_scheduler_run_after_main();
		return true;
	}
	if (UNEXPECTED(!async_scheduler.launched) && !async_scheduler_launch()) {
		return false;
	}
	async_coroutine_t *self = CURRENT;
	if (UNEXPECTED(async_refuse_wait_in_scheduler())) {
		return false; /* (the waker belongs to the coroutine this runs inside: left as it is) */
	}
	if (UNEXPECTED(self == NULL || ZEND_COROUTINE_IS_FINISHED(&self->coroutine))) {
		/* A destructor that runs as a coroutine ends, or between two coroutines: no coroutine
		 * is there to suspend. */
		zend_throw_error(NULL, self == NULL
			? "Cannot suspend: no coroutine is running here (a destructor called between two coroutines)"
			: "Cannot suspend: the coroutine has ended (a destructor called as it ended)");
		if (self != NULL) {
			/* What the caller attached lets go of it; its object may be on its way out already. */
			zend_async_waker_destroy(&self->coroutine);
		}
		return false;
	}
	zend_async_waker_t *waker = &self->waker;

	if (UNEXPECTED(self->pending_cancel != NULL) && async_scheduler_deliver_pending_cancel(self)) {
		clean_waker(self);
		return false;
	}

	if (waker->status != ZEND_ASYNC_WAKER_WAITING || waker->count == 0) {
		/* A plain yield: go to the back of the queue. */
		if (waker->status != ZEND_ASYNC_WAKER_WAITING) {
			prepare_yield(self);
		}
		waker->status = ZEND_ASYNC_WAKER_QUEUED;
		async_queue_push(self, false);
	} else {
		zend_async_waker_start_events(&self->coroutine);
		if (UNEXPECTED(EG(exception))) {
			zend_async_waker_clean(&self->coroutine);
			return false;
		}
	}

	if (waker->status == ZEND_ASYNC_WAKER_WAITING || self->queued) {
		switch_away();
	}

	clean_waker(self);
	if (UNEXPECTED(waker->error != NULL)) {
		zend_object *error = waker->error;
		waker->error = NULL;
		zend_throw_exception_internal(error);
		return false;
	}
	if (UNEXPECTED(self->pending_cancel != NULL) && async_scheduler_deliver_pending_cancel(self)) {
		return false;
	}
	return true;
}

static zend_object *shutdown_error(zend_object *given)
{
	if (given != NULL) {
		GC_ADDREF(given);
		return given;
	}
	return zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "Graceful shutdown");
}

/* Cancels every coroutine but the caller (the main script too, unless it has ended), with `error`
 * or a new "Graceful shutdown" cancellation each. */
bool async_scheduler_graceful_shutdown(zend_object *error)
{
	if (async_scheduler.shutting_down) {
		return true;
	}
	async_scheduler.shutting_down = true;
	ZEND_ASYNC_G(graceful_shutdown) = true;
	async_snapshot_t live = async_coroutine_list_snapshot(&async_scheduler.live, XtOffsetOf(async_coroutine_t, live_link));
	for (uint32_t i = 0; i < live.count; i++) {
		async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(live.objects[i]);
		if (co != CURRENT) {
			ZEND_COROUTINE_CLR_PROTECTED(&co->coroutine);
			ZEND_ASYNC_CANCEL(&co->coroutine, shutdown_error(error), true);
		}
	}
	async_snapshot_release(&live);
	async_coroutine_t *main = async_scheduler.main;
	if (main != NULL && main != CURRENT && !async_scheduler.after_main) {
		ZEND_COROUTINE_CLR_PROTECTED(&main->coroutine);
		ZEND_ASYNC_CANCEL(&main->coroutine, shutdown_error(error), true);
	}
	return true;
}

static bool scheduler_shutdown(void)
{
	return async_scheduler_graceful_shutdown(NULL);
}

/* Async\runtime_stats(), upstream's keys for the scheduler: the coroutines alive (the script's among
 * them once it is one), those not ended, and the run queue with the part of it that are resumed
 * coroutines (the rest have not started). There is no microtask queue here: it stays 0. */
static void scheduler_stats(zval *stats)
{
	uint32_t total = live_count();
	if (async_scheduler.main != NULL && !ZEND_COROUTINE_IS_FINISHED(&async_scheduler.main->coroutine)) {
		total++;
	}
	uint32_t resumed = 0;
	const async_run_queue_t *queue = &async_run_queue;
	for (uint32_t i = 0; i < queue->length; i++) {
		const async_coroutine_t *co = queue->items[(queue->head + i) & (queue->capacity - 1)];
		if (ZEND_COROUTINE_IS_STARTED(&co->coroutine)) {
			resumed++;
		}
	}
	add_assoc_long(stats, "coroutines_total", total);
	add_assoc_long(stats, "coroutines_active", ZEND_ASYNC_ACTIVE_COROUTINE_COUNT);
	add_assoc_long(stats, "microtasks_queue", 0);
	add_assoc_long(stats, "coroutine_queue", queue->length);
	add_assoc_long(stats, "resumed_queue", resumed);
}

static zend_array *scheduler_get_coroutines(void)
{
	zend_array *list = zend_new_array(live_count() + 1);
	if (async_scheduler.main != NULL && !ZEND_COROUTINE_IS_FINISHED(&async_scheduler.main->coroutine)) {
		zval zv;
		ZVAL_OBJ_COPY(&zv, &async_scheduler.main->std);
		zend_hash_next_index_insert_new(list, &zv);
	}
	ASYNC_LIST_FOREACH(&async_scheduler.live, node) {
		async_coroutine_t *co = ASYNC_LIST_ENTRY(node, async_coroutine_t, live_link);
		zval zv;
		ZVAL_OBJ_COPY(&zv, &co->std);
		zend_hash_next_index_insert_new(list, &zv);
	}
	return list;
}

/* ---- a coroutine ends ---- */

/* Called by coroutine.c when a coroutine finished: it leaves its scope (the reference on the scope
 * goes, so an ended coroutine holds nothing the GC must look at) and the scheduler's reference
 * goes; the main script is woken if it waits for the last one. */
void async_scheduler_coroutine_ended(async_coroutine_t *co)
{
	if (co == async_scheduler.main) {
		return;
	}
	ZEND_ASYNC_DECREASE_COROUTINE_COUNT;
	async_scope_coroutine_ended(co);
	if (async_scheduler.after_main && live_count() == 1 && async_scheduler.main != NULL
			&& async_scheduler.main->waker.status == ZEND_ASYNC_WAKER_WAITING) {
		ZEND_ASYNC_RESUME(&async_scheduler.main->coroutine);
	}
	zend_async_scope_t *scope = co->coroutine.scope;
	if (scope != NULL) {
		co->coroutine.scope = NULL;
		async_scope_release(scope);
	}
	/* The scheduler's reference goes (the caller still holds one). */
	if (async_list_node_linked(&co->live_link)) {
		async_list_remove(&async_scheduler.live, &co->live_link);
		async_coroutine_release(co);
	}
}

/* An exception nobody took: it ends the application gracefully and is thrown by the main script. */
void async_scheduler_report_uncaught(async_coroutine_t *co)
{
	zend_object *exception = co->coroutine.exception;
	if (exception == NULL || co->exception_reported) {
		return;
	}
	co->exception_reported = true;
	GC_ADDREF(exception);
	if (ZEND_ASYNC_EXIT_EXCEPTION == NULL) {
		ZEND_ASYNC_EXIT_EXCEPTION = exception;
		if (!zend_is_unwind_exit(exception) && async_scheduler.uncaught.id == 0) {
			async_scheduler.uncaught.id = co->id;
			async_scheduler.uncaught.spawned_in = co->coroutine.filename != NULL
				? zend_string_copy(co->coroutine.filename) : NULL;
			async_scheduler.uncaught.spawned_on_line = co->coroutine.lineno;
		}
	} else {
		zend_exception_set_previous(ZEND_ASYNC_EXIT_EXCEPTION, exception);
	}
	scheduler_shutdown();
}

/* ---- the end of the main script ---- */

static void forget_uncaught(void)
{
	if (async_scheduler.uncaught.spawned_in != NULL) {
		zend_string_release(async_scheduler.uncaught.spawned_in);
	}
	memset(&async_scheduler.uncaught, 0, sizeof(async_scheduler.uncaught));
}

/* async.debug_uncaught (PHP_INI_ALL, off by default: upstream prints PHP's fatal error alone). */
static bool debug_uncaught = false;

/* PHP reports an uncaught exception with its own trace, which starts at the coroutine's function
 * and ends in "{main}": with async.debug_uncaught on, a warning placed where the coroutine was
 * spawned says which coroutine it ended and where that came from. */
static void warn_which_coroutine(zend_object *exception)
{
	if (async_scheduler.uncaught.id == 0 || !debug_uncaught) {
		forget_uncaught();
		return;
	}
	zend_string *spawned_in = async_scheduler.uncaught.spawned_in;
	zend_error_at(E_WARNING, spawned_in, async_scheduler.uncaught.spawned_on_line,
		"Uncaught %s ended coroutine #%" PRIu64 ", which was spawned here; it ends the application",
		ZSTR_VAL(exception->ce->name), async_scheduler.uncaught.id);
	forget_uncaught();
}

void async_scheduler_run_after_main(void)
{
	if (!async_scheduler.launched || async_scheduler.after_main) {
		return;
	}
	async_coroutine_t *main = async_scheduler.main;
	async_scheduler.after_main = true;

	/* An exception leaving the main script ends the others gracefully, then goes on up. */
	zend_object *main_exception = NULL;
	if (async_is_fatal_unwind(EG(exception))) {
		/* A fatal error in the main script: the request ends, no coroutine runs again. */
		zend_clear_exception();
		zend_bailout();
	}
	if (EG(exception) != NULL) {
		main_exception = EG(exception);
		GC_ADDREF(main_exception);
		zend_clear_exception();
		scheduler_shutdown();
	}

	while (live_count() > 0) {
		zend_async_waker_new(&main->coroutine);
		async_scheduler_switch_away();
		zend_async_waker_clean(&main->coroutine);
		if (main->waker.error != NULL) {
			/* A cancellation of the main script after it ended has nothing left to cancel. */
			OBJ_RELEASE(main->waker.error);
			main->waker.error = NULL;
		}
	}
	zend_async_waker_destroy(&main->coroutine);
	if (main->pending_cancel != NULL) {
		OBJ_RELEASE(main->pending_cancel);
		main->pending_cancel = NULL;
	}

	/* What ends the script: exit() from a coroutine, else the main script's own exception (unless
	 * it is only the cancellation that the shutdown caused), else a coroutine's uncaught
	 * exception, else a deadlock, else the main script's cancellation. */
	zend_object *exit_exception = ZEND_ASYNC_EXIT_EXCEPTION;
	ZEND_ASYNC_EXIT_EXCEPTION = NULL;
	zend_object *deadlock = async_scheduler.deadlock;
	async_scheduler.deadlock = NULL;
	zend_object *to_throw = NULL;

	if (exit_exception != NULL && zend_is_unwind_exit(exit_exception)) {
		to_throw = exit_exception;
		exit_exception = NULL;
	} else if (main_exception != NULL && !instanceof_function(main_exception->ce, async_ce_cancellation)) {
		to_throw = main_exception;
		main_exception = NULL;
	} else if (exit_exception != NULL) {
		to_throw = exit_exception;
		exit_exception = NULL;
		warn_which_coroutine(to_throw);
	} else if (deadlock != NULL) {
		to_throw = deadlock;
		deadlock = NULL;
	} else if (main_exception != NULL) {
		/* The main script let a cancellation through: it ends the script like any exception. */
		to_throw = main_exception;
		main_exception = NULL;
	}
	if (main_exception != NULL) {
		OBJ_RELEASE(main_exception);
	}
	if (exit_exception != NULL) {
		OBJ_RELEASE(exit_exception);
	}
	if (deadlock != NULL) {
		OBJ_RELEASE(deadlock);
	}

	if (to_throw != NULL) {
		/* The script's frame is gone: throwing now would report and bail out at once. Leave
		 * it where an uncaught exception of the script is: PHP reports it (or calls the
		 * handler of set_exception_handler()) as for any script. */
		ZEND_ASSERT(EG(exception) == NULL);
		EG(exception) = to_throw;
	}
}

/* An AsyncCancellation that leaves the script ends it without an error message, as upstream:
 * the script was cancelled, it did not fail. The exit status stays what it was (0 unless exit()
 * set another). A handler of set_exception_handler() still gets it, as any uncaught exception. */
static void end_silently_if_cancelled(void)
{
	zend_object *exception = EG(exception);
	if (exception != NULL && Z_TYPE(EG(user_exception_handler)) == IS_UNDEF
			&& instanceof_function(exception->ce, async_ce_cancellation)) {
		zend_clear_exception();
	}
}

/* Wraps the execution of a top-level script only: it puts the original back at once, so every
 * other call runs as if we were not there, and re-installs itself for the next script file. */
static void async_execute_ex(zend_execute_data *execute_data)
{
	zend_execute_ex = original_execute_ex;
	original_execute_ex(execute_data);
	if (async_scheduler.launched && !async_scheduler.after_main) {
		async_scheduler_run_after_main();
	}
	end_silently_if_cancelled();
	if (!async_scheduler.after_main) {
		zend_execute_ex = async_execute_ex;
	}
}

/* ---- registration and request lifecycle ---- */

/* Process-wide: the scheduler registers once, in MINIT (async.default_scheduler is PHP_INI_SYSTEM).
 * The fiber settings are PHP_INI_ALL: their values are in the module globals. */
static char scheduler_module[] = "async";

static bool default_scheduler = true;

static ZEND_INI_MH(on_update_fiber_stack_size)
{
	(void) mh_arg1; (void) mh_arg2; (void) mh_arg3; (void) stage;
	zend_long size;
	if (!async_ini_parse_number(entry, new_value, 0, ZEND_LONG_MAX, &size)) {
		return FAILURE;
	}
	if (size != 0 && size < 64 * 1024) {
		zend_error(E_WARNING, "async.fiber_stack_size must be 0 (PHP's fiber.stack_size) or at least 64K, "
			"\"%s\" given: the setting is unchanged", ZSTR_VAL(new_value));
		return FAILURE;
	}
	async_fiber_stack_size = size;
	return SUCCESS;
}

static ZEND_INI_MH(on_update_fiber_pool_size)
{
	(void) mh_arg1; (void) mh_arg2; (void) mh_arg3; (void) stage;
	return async_ini_parse_number(entry, new_value, 1, INT32_MAX, &async_fiber_pool_size) ? SUCCESS : FAILURE;
}

static ZEND_INI_MH(on_update_default_scheduler)
{
	(void) mh_arg1; (void) mh_arg2; (void) mh_arg3; (void) stage;
	return async_ini_parse_switch(entry, new_value, &default_scheduler) ? SUCCESS : FAILURE;
}

static ZEND_INI_MH(on_update_debug_uncaught)
{
	(void) mh_arg1; (void) mh_arg2; (void) mh_arg3; (void) stage;
	return async_ini_parse_switch(entry, new_value, &debug_uncaught) ? SUCCESS : FAILURE;
}

PHP_INI_BEGIN()
	PHP_INI_ENTRY("async.default_scheduler", "1", PHP_INI_SYSTEM, on_update_default_scheduler)
	PHP_INI_ENTRY("async.debug_uncaught", "0", PHP_INI_ALL, on_update_debug_uncaught)
	PHP_INI_ENTRY("async.fiber_stack_size", "0", PHP_INI_ALL, on_update_fiber_stack_size)
	PHP_INI_ENTRY("async.fiber_pool_size", "128", PHP_INI_ALL, on_update_fiber_pool_size)
PHP_INI_END()

void async_scheduler_minit(int type, int module_number)
{
	REGISTER_INI_ENTRIES();
	async_deadlock_minit(module_number);
	async_coroutine_register_classes();
	async_scope_register_classes();
	async_after_fatal_minit();
	async_add_before_fork_handler(async_fibers_trim_before_fork);
	async_add_stats_provider(async_fibers_stats);
	async_add_stats_provider(scheduler_stats);
	if (!default_scheduler) {
		return;
	}
	zend_async_scheduler_register(scheduler_module, false,
		async_scheduler_launch, async_scheduler_new_coroutine, async_scheduler_new_scope, NULL, scheduler_spawn, scheduler_suspend,
		scheduler_enqueue, scheduler_resume, scheduler_cancel, NULL, scheduler_shutdown,
		scheduler_get_coroutines, NULL, NULL, NULL);
}

void async_scheduler_rinit(void)
{
	memset(&async_scheduler, 0, sizeof(async_scheduler));
	async_scheduler.next_id = 1;
	async_chaos_rinit();
	async_list_init(&async_scheduler.live);
	original_execute_ex = zend_execute_ex;
	zend_execute_ex = async_execute_ex;
}

/* Coroutines spawned after the script (by a shutdown function or a destructor) run now, while
 * the engine is still whole; an exception they end with is reported as a warning. */
static void run_late_coroutines(void)
{
	if (!async_scheduler.launched || live_count() == 0 || CG(unclean_shutdown)) {
		return;
	}
	async_scheduler.after_main = false;
	async_scheduler_run_after_main();
	if (EG(exception) != NULL) {
		zend_exception_error(EG(exception), E_WARNING);
		zend_clear_exception();
	}
	/* PHP called the destructors of every object before modules shut down; what the late
	 * coroutines made came after. Their destructors run now, while PHP code still can: later,
	 * when the engine frees what is left, calling one would be a fatal error. */
	zend_try {
		zend_objects_store_call_destructors(&EG(objects_store));
	} zend_catch {
		zend_objects_store_mark_destructed(&EG(objects_store));
	} zend_end_try();
}

/* Drops the scheduler's references on coroutines left alive by a fatal error. */
static void drop_live(void)
{
	async_list_node_t *node;
	while ((node = async_list_shift(&async_scheduler.live)) != NULL) {
		OBJ_RELEASE(&ASYNC_LIST_ENTRY(node, async_coroutine_t, live_link)->std);
	}
}

void async_scheduler_rshutdown(void)
{
	if (zend_execute_ex == async_execute_ex) {
		zend_execute_ex = original_execute_ex;
	}
	async_after_fatal_rshutdown();
	zend_try {
		run_late_coroutines();
	} zend_end_try();
	if (!CG(unclean_shutdown)) {
		async_fibers_destroy_idle(); /* their C stacks are unmapped (after a fatal error they stay) */
	}
	async_fibers_forget(); /* those left by a fatal error are the heap's, freed with it */
	async_scheduler_interrupt_rshutdown();
	/* Anything still alive here was left by a fatal error: it never runs; drop it. */
	async_coroutine_t *queued;
	while ((queued = async_queue_pop()) != NULL) {
		release_from_queue(queued);
	}
	drop_live();
	forget_uncaught();
	async_output_rshutdown();
	async_queue_free();
	if (async_scheduler.main != NULL) {
		zend_async_waker_destroy(&async_scheduler.main->coroutine);
		OBJ_RELEASE(&async_scheduler.main->std);
		async_scheduler.main = NULL;
	}
	if (async_scheduler.deadlock != NULL) {
		OBJ_RELEASE(async_scheduler.deadlock);
		async_scheduler.deadlock = NULL;
	}
	if (ZEND_ASYNC_EXIT_EXCEPTION != NULL) {
		OBJ_RELEASE(ZEND_ASYNC_EXIT_EXCEPTION);
		ZEND_ASYNC_EXIT_EXCEPTION = NULL;
	}
	drop_live();
	if (async_scheduler.main_scope != NULL) {
		OBJ_RELEASE(ASYNC_SCOPE_OBJ(async_scheduler.main_scope)); /* not disposed: it is the main one */
	}
	async_scheduler.main_scope = NULL;
	ZEND_ASYNC_G(main_scope) = NULL;
	ZEND_ASYNC_G(coroutine) = NULL;
	ZEND_ASYNC_G(main_coroutine) = NULL;
	async_scheduler.launched = false;
}
