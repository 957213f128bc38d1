/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Deadlocks: nothing runnable, nothing armed in the reactor, and coroutines still waiting. They
 * are all cancelled (protection ignored) so their finally blocks run, and the script ends with a
 * DeadlockError. Its first line is upstream's ("Deadlock detected: no active coroutines, N
 * coroutines in waiting"); with async.debug_deadlock on (the default) the lines after it say who
 * waited where for what.
 */
#include "scheduler.h"
#include "../engine/engine.h"
#include "zend_smart_str.h"

static bool debug_deadlock = true;

static ZEND_INI_MH(on_update_debug_deadlock)
{
	(void) mh_arg1; (void) mh_arg2; (void) mh_arg3; (void) stage;
	return async_ini_parse_switch(entry, new_value, &debug_deadlock) ? SUCCESS : FAILURE;
}

static const zend_ini_entry_def deadlock_ini_entries[] = {
	PHP_INI_ENTRY("async.debug_deadlock", "1", PHP_INI_ALL, on_update_debug_deadlock)
	PHP_INI_END()

void async_deadlock_minit(int module_number)
{
	zend_register_ini_entries(deadlock_ini_entries, module_number);
}

static void describe(smart_str *report, async_coroutine_t *co)
{
	if (co == async_scheduler.main) {
		smart_str_appends(report, "\n  the main script");
	} else {
		zend_string *spawned = async_coroutine_spawn_location(co);
		smart_str_append_printf(report, "\n  coroutine #%" PRIu64 " (%s)", co->id, ZSTR_VAL(spawned));
		zend_string_release(spawned);
	}
	async_waker_resolve_location(&co->waker);
	if (co->waker.filename != NULL) {
		smart_str_append_printf(report, " suspended at %s:%u", ZSTR_VAL(co->waker.filename), co->waker.lineno);
	}
	for (uint32_t i = 0; i < co->waker.count; i++) {
		zend_async_event_t *event = i < ZEND_ASYNC_WAKER_INLINE_SLOTS
			? co->waker.inline_triggers[i].event : co->waker.more[i - ZEND_ASYNC_WAKER_INLINE_SLOTS].event;
		zend_string *info = event->info ? event->info(event) : NULL;
		smart_str_append_printf(report, "%s %s", i == 0 ? ", waiting for" : ",", info ? ZSTR_VAL(info) : "an event");
		if (info) {
			zend_string_release(info);
		}
	}
}

/* The error is made outside any PHP frame: where the scheduler happened to notice the deadlock
 * (the last coroutine that ran) says nothing about it, so it has no file, no line and an empty
 * trace, as upstream's ("in [no active file]:0"). */
static zend_object *new_deadlock_error(uint32_t waiting, smart_str *report)
{
	zend_execute_data *current = EG(current_execute_data);
	EG(current_execute_data) = NULL;
	zend_object *deadlock = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_DEADLOCK,
		"Deadlock detected: no active coroutines, %u coroutines in waiting%s",
		waiting, debug_deadlock && report->s ? ZSTR_VAL(report->s) : "");
	EG(current_execute_data) = current;
	return deadlock;
}

static bool is_waiting(async_coroutine_t *co)
{
	return ZEND_COROUTINE_IS_STARTED(&co->coroutine) && co->waker.status == ZEND_ASYNC_WAKER_WAITING;
}

void async_scheduler_resolve_deadlock(void)
{
	/* A last non-blocking turn: pending close or error callbacks may still wake someone. */
	ZEND_ASYNC_REACTOR_EXECUTE(true);
	if (async_queue_length() > 0 || async_resolve_deadlock_by_handlers()) {
		return; /* (e.g. channels with soft timeouts closed: their waiters go on with an exception) */
	}

	uint32_t waiting = 0;
	smart_str report = {0};
	ASYNC_LIST_FOREACH(&async_scheduler.live, node) {
		async_coroutine_t *co = ASYNC_LIST_ENTRY(node, async_coroutine_t, live_link);
		if (is_waiting(co)) {
			waiting++;
			describe(&report, co);
		}
	}
	if (async_scheduler.main != NULL && async_scheduler.main->waker.status == ZEND_ASYNC_WAKER_WAITING
			&& !async_scheduler.after_main) {
		waiting++;
		describe(&report, async_scheduler.main);
	}
	smart_str_0(&report);

	if (waiting == 0) {
		/* Only the main script is left, waiting for the others to end: nothing to resolve. */
		smart_str_free(&report);
		if (async_scheduler.main->waker.status == ZEND_ASYNC_WAKER_WAITING) {
			ZEND_ASYNC_RESUME(&async_scheduler.main->coroutine);
		}
		return;
	}

	zend_object *deadlock = new_deadlock_error(waiting, &report);
	smart_str_free(&report);
	if (async_scheduler.deadlock == NULL) {
		async_scheduler.deadlock = deadlock;
	} else {
		OBJ_RELEASE(deadlock);
	}

	async_snapshot_t live = async_coroutine_list_snapshot(&async_scheduler.live, XtOffsetOf(async_coroutine_t, live_link));
	for (uint32_t i = 0; i < live.count; i++) {
		async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(live.objects[i]);
		if (is_waiting(co)) {
			ZEND_COROUTINE_CLR_PROTECTED(&co->coroutine);
			ZEND_ASYNC_CANCEL(&co->coroutine,
				zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "Deadlock detected"), true);
		}
	}
	async_snapshot_release(&live);
	async_coroutine_t *main = async_scheduler.main;
	if (main != NULL && main->waker.status == ZEND_ASYNC_WAKER_WAITING) {
		ZEND_ASYNC_CANCEL(&main->coroutine,
			zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "Deadlock detected"), true);
	}
}
