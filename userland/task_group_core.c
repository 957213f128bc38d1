/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * What Async\TaskGroup and Async\TaskSet share (task_group.h): tasks, their coroutines, the
 * queue, the Futures of all()/race()/any(), waits, close/cancel/dispose, finally handlers, the
 * foreach iterator and the object handlers. The two classes' methods are thin wrappers
 * (task_group.c, task_set.c).
 */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "task_group.h"

static zend_object_handlers task_group_handlers;

const char *async_task_group_name(async_task_group_t *group)
{
	return group->removes_delivered ? "TaskSet" : "TaskGroup";
}

/* ---- tasks ---- */

static void task_release_call(async_task_t *task)
{
	if (!task->has_call) {
		return;
	}
	task->has_call = false;
	zval_ptr_dtor(&task->fci.function_name);
	for (uint32_t i = 0; i < task->fci.param_count; i++) {
		zval_ptr_dtor(&task->fci.params[i]);
	}
	if (task->fci.params != NULL) {
		efree(task->fci.params);
	}
	if (task->fci.named_params != NULL) {
		zend_array_release(task->fci.named_params);
	}
}

static void task_release(async_task_t *task)
{
	if (--task->refcount > 0) {
		return;
	}
	task_release_call(task);
	zval_ptr_dtor(&task->key);
	zval_ptr_dtor(&task->result);
	if (task->error != NULL) {
		OBJ_RELEASE(task->error);
	}
	efree(task);
}

static void task_table_dtor(zval *zv)
{
	task_release(Z_PTR_P(zv));
}

/* Takes the task out of the group (a TaskSet's delivered one); the caller may still hold it. */
static void group_remove_task(async_task_group_t *group, async_task_t *task)
{
	async_list_remove(&group->settled, &task->in_settled);
	async_list_remove(&group->pending, &task->in_pending);
	if (Z_TYPE(task->key) == IS_LONG) {
		zend_hash_index_del(&group->tasks, Z_LVAL(task->key));
	} else {
		zend_hash_del(&group->tasks, Z_STR(task->key));
	}
}

/* ---- the group's event: waits for a change ---- */

static bool event_noop(zend_async_event_t *event) { (void) event; return true; }

static bool event_dispose(zend_async_event_t *event)
{
	OBJ_RELEASE(&((async_task_group_t *) event)->std);
	return true;
}

static zend_string *event_info(zend_async_event_t *event)
{
	async_task_group_t *group = (async_task_group_t *) event;
	return zend_strpprintf(0, "a %s (%u task%s, %u running, %u queued)", async_task_group_name(group),
		zend_hash_num_elements(&group->tasks), zend_hash_num_elements(&group->tasks) == 1 ? "" : "s",
		group->running, async_list_count(&group->pending));
}

/* Suspends the running coroutine until the group changes; false (thrown) when the wait failed or
 * the coroutine was cancelled meanwhile. A wait for the group's end from one of its own tasks
 * would never end: refused. (A task may wait for room in the queue: other tasks make it.) */
static bool wait_for_change(async_task_group_t *group, bool waits_for_end)
{
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		return false;
	}
	if (waits_for_end && group->scope != NULL && async_scope_contains(group->scope, self)) {
		zend_throw_error(NULL, "Cannot wait for a %s from one of its own tasks: it would wait for itself (deadlock)",
			async_task_group_name(group));
		return false;
	}
	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, &group->event, false, zend_async_waker_callback_resolve, NULL)) {
		zend_async_waker_clean(self);
		return false;
	}
	ZEND_ASYNC_SUSPEND();
	return EG(exception) == NULL;
}

static void notify_change(async_task_group_t *group)
{
	ZEND_ASYNC_CALLBACKS_NOTIFY(&group->event, NULL, NULL);
}

bool async_task_group_is_finished(async_task_group_t *group)
{
	return group->running == 0 && async_list_empty(&group->pending);
}

/* ---- Futures ---- */

typedef struct {
	async_list_node_t node;
	zend_object *state;        /* the FutureState (held) */
	async_task_wait_t wait;
	bool ignore_errors;
} group_future_t;

/* The settled tasks that failed, in the group's order; a TaskSet delivers (removes) them. */
static zend_object *composite_of(async_task_group_t *group)
{
	zend_object *composite = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_COMPOSITE, "All tasks have failed");
	uint32_t count = 0, i = 0;
	async_task_t **failed = safe_emalloc(zend_hash_num_elements(&group->tasks) + 1, sizeof(async_task_t *), 0);
	zval *zv;
	ZEND_HASH_FOREACH_VAL(&group->tasks, zv) {
		async_task_t *task = Z_PTR_P(zv);
		if (task->state == ASYNC_TASK_FAILED) {
			failed[count++] = task;
		}
	} ZEND_HASH_FOREACH_END();
	for (i = 0; i < count; i++) {
		zval error, rv;
		ZVAL_OBJ(&error, failed[i]->error);
		ZVAL_UNDEF(&rv);
		zend_call_method_with_1_params(composite, composite->ce, NULL, "addexception", &rv, &error);
		zval_ptr_dtor(&rv);
		if (group->removes_delivered) {
			group_remove_task(group, failed[i]);
		}
	}
	efree(failed);
	group->errors_handled = true;
	return composite;
}

/* The results of the tasks that returned, keyed as the tasks; a TaskSet delivers them all. */
static void results_of(async_task_group_t *group, zval *results)
{
	array_init(results);
	zval *zv;
	zend_ulong index;
	zend_string *key;
	ZEND_HASH_FOREACH_KEY_VAL(&group->tasks, index, key, zv) {
		async_task_t *task = Z_PTR_P(zv);
		if (task->state == ASYNC_TASK_DONE) {
			Z_TRY_ADDREF(task->result);
			if (key != NULL) {
				zend_hash_update(Z_ARRVAL_P(results), key, &task->result);
			} else {
				zend_hash_index_update(Z_ARRVAL_P(results), index, &task->result);
			}
		}
	} ZEND_HASH_FOREACH_END();
}

/* Removes every settled task (a TaskSet's joinAll()). */
static void remove_settled(async_task_group_t *group)
{
	ASYNC_LIST_FOREACH_SAFE(&group->settled, node, next) {
		group_remove_task(group, ASYNC_LIST_ENTRY(node, async_task_t, in_settled));
	}
}

/* Settles `future` if the group's state allows it now. */
static bool future_try_settle(async_task_group_t *group, group_future_t *future)
{
	zend_object *state = future->state;
	switch (future->wait) {
		case ASYNC_TASK_WAIT_ALL: {
			if (!async_task_group_is_finished(group)) {
				return false;
			}
			bool failed = false;
			zval *zv;
			ZEND_HASH_FOREACH_VAL(&group->tasks, zv) {
				failed |= ((async_task_t *) Z_PTR_P(zv))->state == ASYNC_TASK_FAILED;
			} ZEND_HASH_FOREACH_END();
			if (failed && !future->ignore_errors) {
				zend_object *composite = composite_of(group);
				async_future_state_settle(state, NULL, composite);
				OBJ_RELEASE(composite);
			} else {
				zval results;
				results_of(group, &results);
				async_future_state_settle(state, &results, NULL);
				zval_ptr_dtor(&results);
			}
			if (group->removes_delivered) {
				remove_settled(group);
			}
			return true;
		}
		case ASYNC_TASK_WAIT_FIRST: {
			async_list_node_t *node = async_list_first(&group->settled);
			if (node == NULL) {
				return false;
			}
			async_task_t *task = ASYNC_LIST_ENTRY(node, async_task_t, in_settled);
			task->refcount++;
			if (task->state == ASYNC_TASK_FAILED) {
				group->errors_handled = true;
				async_future_state_settle(state, NULL, task->error);
			} else {
				async_future_state_settle(state, &task->result, NULL);
			}
			if (group->removes_delivered) {
				group_remove_task(group, task);
			}
			task_release(task);
			return true;
		}
		case ASYNC_TASK_WAIT_ANY: {
			ASYNC_LIST_FOREACH(&group->settled, node) {
				async_task_t *task = ASYNC_LIST_ENTRY(node, async_task_t, in_settled);
				if (task->state == ASYNC_TASK_DONE) {
					task->refcount++;
					async_future_state_settle(state, &task->result, NULL);
					if (group->removes_delivered) {
						group_remove_task(group, task);
					}
					task_release(task);
					return true;
				}
			}
			if (!async_task_group_is_finished(group)) {
				return false;
			}
			zend_object *composite = composite_of(group); /* all failed */
			async_future_state_settle(state, NULL, composite);
			OBJ_RELEASE(composite);
			return true;
		}
	}
	return false;
}

static void future_free(group_future_t *future)
{
	OBJ_RELEASE(future->state);
	efree(future);
}

static void check_futures(async_task_group_t *group)
{
	ASYNC_LIST_FOREACH_SAFE(&group->futures, node, next) {
		group_future_t *future = ASYNC_LIST_ENTRY(node, group_future_t, node);
		if (future_try_settle(group, future)) {
			async_list_remove(&group->futures, node);
			future_free(future);
		}
	}
}

void async_task_group_future(async_task_group_t *group, async_task_wait_t wait, bool ignore_errors,
	zval *return_value)
{
	group_future_t *future = ecalloc(1, sizeof(*future));
	zend_object *state;
	zend_object *object = async_future_new_pending(&state, NULL, NULL);
	GC_ADDREF(state);
	future->state = state;
	future->wait = wait;
	future->ignore_errors = ignore_errors;
	if (future_try_settle(group, future)) {
		future_free(future);
	} else {
		async_list_append(&group->futures, &future->node);
	}
	RETURN_OBJ(object);
}

/* ---- finally handlers ---- */

/* A coroutine the group runs for itself holds the group until the coroutine ends, however it ends
 * (a coroutine cancelled before it started never runs its entry). */
typedef struct {
	zend_async_event_callback_t base;
	zend_object *object;
} hold_until_end_t;

static void hold_until_end_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	OBJ_RELEASE(((hold_until_end_t *) callback)->object);
	efree(callback);
}

static void on_hold_end(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) result; (void) exception;
	ZEND_ASYNC_EVENT_CALLBACK_ADD_REF(callback);
	event->del_callback(event, callback);
	ZEND_ASYNC_EVENT_CALLBACK_RELEASE(callback);
}

static void call_finally_handlers(async_task_group_t *group)
{
	if (Z_TYPE(group->finally_handlers) != IS_ARRAY) {
		return;
	}
	zval handlers, *handler;
	ZVAL_COPY_VALUE(&handlers, &group->finally_handlers);
	ZVAL_UNDEF(&group->finally_handlers);
	zval argument;
	ZVAL_OBJ(&argument, &group->std);
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(handlers), handler) {
		zval rv;
		ZVAL_UNDEF(&rv);
		call_user_function(NULL, NULL, handler, &rv, 1, &argument);
		zval_ptr_dtor(&rv);
		if (EG(exception) != NULL) {
			break; /* it ends the coroutine, uncaught */
		}
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&handlers);
}

static void finally_entry(void)
{
	call_finally_handlers(ZEND_ASYNC_CURRENT_COROUTINE->extended_data);
}

/* Once the group is closed and finished, its handlers run, in a coroutine of their own. */
static void maybe_dispatch_finally(async_task_group_t *group)
{
	if (group->finally_dispatched || !group->closed || !async_task_group_is_finished(group)) {
		return;
	}
	group->finally_dispatched = true;
	if (Z_TYPE(group->finally_handlers) != IS_ARRAY) {
		return;
	}
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH(ZEND_ASYNC_MAIN_SCOPE);
	if (coroutine == NULL) {
		/* No coroutine now (the application is shutting down): here, and they cannot wait. */
		zend_clear_exception();
		bool was = ZEND_ASYNC_G(in_scheduler_context);
		ZEND_ASYNC_G(in_scheduler_context) = true;
		call_finally_handlers(group);
		ZEND_ASYNC_G(in_scheduler_context) = was;
		if (EG(exception) != NULL) {
			zend_exception_error(EG(exception), E_WARNING); /* no coroutine to end with it */
			zend_clear_exception();
		}
		return;
	}
	coroutine->internal_entry = finally_entry;
	coroutine->extended_data = group;
	hold_until_end_t *hold = (hold_until_end_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_hold_end, sizeof(hold_until_end_t));
	hold->base.dispose = hold_until_end_dispose;
	hold->object = &group->std;
	GC_ADDREF(&group->std);
	coroutine->event.add_callback(&coroutine->event, &hold->base);
}

void async_task_group_add_finally(async_task_group_t *group, zval *closure)
{
	if (group->closed && async_task_group_is_finished(group)) {
		/* Done already: at once, in the caller. */
		zval argument, rv;
		ZVAL_OBJ(&argument, &group->std);
		ZVAL_UNDEF(&rv);
		call_user_function(NULL, NULL, closure, &rv, 1, &argument);
		zval_ptr_dtor(&rv);
		return;
	}
	if (Z_TYPE(group->finally_handlers) != IS_ARRAY) {
		array_init(&group->finally_handlers);
	}
	Z_ADDREF_P(closure);
	zend_hash_next_index_insert(Z_ARRVAL(group->finally_handlers), closure);
}

/* ---- running tasks ---- */

typedef struct {
	zend_async_event_callback_t base;
	async_task_t *task;        /* held */
} task_end_t;

static void group_task_settled(async_task_group_t *group, async_task_t *task);

/* The entry of a task's coroutine: the callable's outcome stays in the task. */
static void task_entry(void)
{
	async_task_t *task = ZEND_ASYNC_CURRENT_COROUTINE->extended_data;
	if (!task->has_call) {
		return;
	}
	zval retval;
	ZVAL_UNDEF(&retval);
	task->fci.retval = &retval;
	zend_call_function(&task->fci, &task->fcc);
	task_release_call(task);
	zend_object *exception = EG(exception);
	if (exception != NULL) {
		zval_ptr_dtor(&retval);
		if (zend_is_unwind_exit(exception) || zend_is_graceful_exit(exception)) {
			return; /* exit(): the application ends; the scheduler takes it */
		}
		GC_ADDREF(exception);
		zend_clear_exception();
		task->error = exception;
	} else if (Z_TYPE(retval) != IS_UNDEF) {
		zval_ptr_dtor(&task->result);
		ZVAL_COPY_VALUE(&task->result, &retval);
	}
	task->has_outcome = true;
}

static void task_end_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	task_release(((task_end_t *) callback)->task);
	efree(callback);
}

static void on_task_end(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) result;
	ZEND_ASYNC_EVENT_CALLBACK_ADD_REF(callback);
	async_task_t *task = ((task_end_t *) callback)->task;
	task_release_call(task); /* cancelled before it started: the call never ran */
	if (!task->has_outcome && exception != NULL && !zend_is_unwind_exit(exception)
			&& !zend_is_graceful_exit(exception)) {
		/* Its cancellation: the group has it now. */
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
		GC_ADDREF(exception);
		task->error = exception;
	}
	if (task->group != NULL && task->group->deferring) {
		task->refcount++;
		async_list_append(&task->group->deferred, &task->in_deferred);
	} else if (task->group != NULL) {
		group_task_settled(task->group, task);
	}
	event->del_callback(event, callback);
	ZEND_ASYNC_EVENT_CALLBACK_RELEASE(callback);
}

/* Starts the task's coroutine in the group's scope: false (thrown) when none could be spawned. */
static bool task_start(async_task_group_t *group, async_task_t *task)
{
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH(group->scope);
	if (coroutine == NULL) {
		return false;
	}
	async_list_remove(&group->pending, &task->in_pending);
	coroutine->internal_entry = task_entry;
	coroutine->extended_data = task;
	task_end_t *end = (task_end_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_task_end, sizeof(task_end_t));
	end->base.dispose = task_end_dispose;
	end->task = task;
	task->refcount++;
	coroutine->event.add_callback(&coroutine->event, &end->base);
	task->state = ASYNC_TASK_RUNNING;
	group->running++;
	return true;
}

/* A task that will not run settles as failed with `error` (borrowed). */
static void task_fail_unstarted(async_task_group_t *group, async_task_t *task, zend_object *error)
{
	async_list_remove(&group->pending, &task->in_pending);
	task_release_call(task);
	GC_ADDREF(error);
	task->error = error;
	task->state = ASYNC_TASK_FAILED;
	async_list_append(&group->settled, &task->in_settled);
}

/* A disposed group whose queued tasks have all started (or were dropped) lets its cancelled scope
 * close once nothing is left in it. */
static void let_scope_close(async_task_group_t *group)
{
	if (group->keeps_scope_open && async_list_empty(&group->pending)) {
		group->keeps_scope_open = false;
		async_scope_let_close(group->scope);
	}
}

/* Starts queued tasks while there are free slots. */
static void fill_slots(async_task_group_t *group)
{
	while (!group->cancelled && !async_list_empty(&group->pending)
			&& (group->concurrency == 0 || group->running < group->concurrency)) {
		async_task_t *task = ASYNC_LIST_ENTRY(async_list_first(&group->pending), async_task_t, in_pending);
		if (!task_start(group, task)) {
			zend_object *error = EG(exception);
			GC_ADDREF(error);
			zend_clear_exception();
			task_fail_unstarted(group, task, error);
			OBJ_RELEASE(error);
		}
	}
	let_scope_close(group);
}

static void group_task_settled(async_task_group_t *group, async_task_t *task)
{
	task->state = task->error != NULL ? ASYNC_TASK_FAILED : ASYNC_TASK_DONE;
	group->running--;
	async_list_append(&group->settled, &task->in_settled);
	fill_slots(group);
	check_futures(group);
	notify_change(group);
	maybe_dispatch_finally(group);
}

bool async_task_group_spawn(async_task_group_t *group, zval *key, zend_fcall_info *fci,
	zend_fcall_info_cache *fcc, zval *args, uint32_t args_count, HashTable *named_args)
{
	const char *name = async_task_group_name(group);
	if (group->scope == NULL) {
		zend_throw_error(NULL, "The %s was not constructed", name);
		return false;
	}
	/* A full queue: wait for room (the queue moves as tasks end). */
	while (!group->closed && group->concurrency > 0 && group->queue_limit > 0
			&& group->running >= group->concurrency && async_list_count(&group->pending) >= group->queue_limit) {
		if (!wait_for_change(group, false)) {
			return false;
		}
	}
	if (group->closed) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot spawn tasks on a closed %s", name);
		return false;
	}
	zval numeric;
	zend_ulong index;
	if (key != NULL && Z_TYPE_P(key) == IS_STRING && ZEND_HANDLE_NUMERIC_STR(Z_STRVAL_P(key), Z_STRLEN_P(key), index)) {
		/* "7" is the key 7, as in an array (the results are one) */
		ZVAL_LONG(&numeric, (zend_long) index);
		key = &numeric;
	}
	if (key != NULL) {
		bool taken = Z_TYPE_P(key) == IS_LONG ? zend_hash_index_exists(&group->tasks, Z_LVAL_P(key))
			: zend_hash_exists(&group->tasks, Z_STR_P(key));
		if (taken) {
			if (Z_TYPE_P(key) == IS_LONG) {
				zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Duplicate key " ZEND_LONG_FMT " in %s", Z_LVAL_P(key), name);
			} else {
				zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Duplicate key \"%s\" in %s", Z_STRVAL_P(key), name);
			}
			return false;
		}
	}

	async_task_t *task = ecalloc(1, sizeof(*task));
	task->refcount = 1;
	task->state = ASYNC_TASK_PENDING;
	task->group = group;
	ZVAL_NULL(&task->result);
	async_list_node_init(&task->in_pending);
	async_list_node_init(&task->in_settled);
	task->fci = *fci;
	task->fcc = *fcc;
	Z_TRY_ADDREF(task->fci.function_name);
	task->fci.params = NULL;
	task->fci.param_count = args_count;
	if (args_count > 0) {
		task->fci.params = safe_emalloc(args_count, sizeof(zval), 0);
		for (uint32_t i = 0; i < args_count; i++) {
			ZVAL_COPY(&task->fci.params[i], &args[i]);
		}
	}
	task->fci.named_params = NULL;
	if (named_args != NULL) {
		GC_ADDREF(named_args);
		task->fci.named_params = named_args;
	}
	task->has_call = true;

	if (key == NULL) {
		if (zend_hash_next_index_insert_ptr(&group->tasks, task) == NULL) {
			task_release(task);
			zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot add a task: the %s has no next integer key", name);
			return false;
		}
		ZVAL_LONG(&task->key, group->tasks.nNextFreeElement - 1); /* the key it was given, as an array would */
	} else if (Z_TYPE_P(key) == IS_LONG) {
		ZVAL_COPY(&task->key, key);
		zend_hash_index_add_new_ptr(&group->tasks, Z_LVAL_P(key), task);
	} else {
		ZVAL_COPY(&task->key, key);
		zend_hash_add_new_ptr(&group->tasks, Z_STR_P(key), task);
	}

	if (group->concurrency == 0 || group->running < group->concurrency) {
		if (!task_start(group, task)) {
			group_remove_task(group, task); /* the caller gets the exception */
			return false;
		}
	} else {
		async_list_append(&group->pending, &task->in_pending);
	}
	return true;
}

/* ---- close, cancel, dispose, waiting for the end ---- */

static void settle_deferred(async_task_group_t *group)
{
	while (!async_list_empty(&group->deferred)) {
		async_task_t *task = ASYNC_LIST_ENTRY(async_list_shift(&group->deferred), async_task_t, in_deferred);
		if (task->group != NULL) {
			group_task_settled(group, task);
		}
		task_release(task);
	}
}

static void deferred_entry(void)
{
}

static void on_deferred_turn(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) result; (void) exception;
	ZEND_ASYNC_EVENT_CALLBACK_ADD_REF(callback);
	settle_deferred(ASYNC_TASK_GROUP_FROM_OBJ(((hold_until_end_t *) callback)->object));
	event->del_callback(event, callback);
	ZEND_ASYNC_EVENT_CALLBACK_RELEASE(callback);
}

/* Cancels the group's scope (cancel() and dispose()). The tasks whose coroutines had not started
 * end at once here; the group counts them as running until the run queue reaches a coroutine
 * queued now. */
static void cancel_scope(async_task_group_t *group, zend_object *cancellation)
{
	group->deferring = true;
	async_scope_cancel(group->scope, cancellation);
	group->deferring = false;
	if (async_list_empty(&group->deferred)) {
		return;
	}
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH(ZEND_ASYNC_MAIN_SCOPE);
	if (coroutine == NULL) {
		zend_clear_exception(); /* the application is shutting down: now, then */
		settle_deferred(group);
		return;
	}
	coroutine->internal_entry = deferred_entry;
	hold_until_end_t *hold = (hold_until_end_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_deferred_turn, sizeof(hold_until_end_t));
	hold->base.dispose = hold_until_end_dispose;
	hold->object = &group->std;
	GC_ADDREF(&group->std);
	coroutine->event.add_callback(&coroutine->event, &hold->base);
}

void async_task_group_close(async_task_group_t *group)
{
	if (group->closed) {
		return;
	}
	group->closed = true;
	notify_change(group); /* spawners waiting for room throw */
	maybe_dispatch_finally(group);
}

/* The queued tasks never start: they fail with the cancellation. */
static void drop_pending(async_task_group_t *group, zend_object *cancellation)
{
	zend_object *error = cancellation;
	if (error == NULL) {
		error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The %s was cancelled", async_task_group_name(group));
	} else {
		GC_ADDREF(error);
	}
	while (!async_list_empty(&group->pending)) {
		task_fail_unstarted(group, ASYNC_LIST_ENTRY(async_list_first(&group->pending), async_task_t, in_pending), error);
	}
	OBJ_RELEASE(error);
	let_scope_close(group);
}

void async_task_group_cancel(async_task_group_t *group, zend_object *cancellation)
{
	group->closed = true;
	group->cancelled = true;
	drop_pending(group, cancellation);
	if (group->scope != NULL) {
		cancel_scope(group, cancellation);
	}
	check_futures(group);
	notify_change(group);
	maybe_dispatch_finally(group);
}

/* As upstream: the scope is cancelled (its channels close with SCOPE_DISPOSED, its running
 * coroutines are cancelled) and the group refuses new tasks, but the queued ones are not dropped:
 * each starts as a slot frees, in the cancelled scope, and is not cancelled itself (it sees what
 * the cancellation left, e.g. a closed channel). The scope stays open until the last of them
 * started, then closes once nothing is left in it. A scope closed already (a parent disposed it)
 * cannot take them: they fail with the cancellation. */
void async_task_group_dispose(async_task_group_t *group)
{
	group->closed = true;
	if (group->scope == NULL || async_scope_is_closed(group->scope)) {
		group->cancelled = true;
		drop_pending(group, NULL);
	} else {
		if (!async_list_empty(&group->pending) && !group->keeps_scope_open) {
			group->keeps_scope_open = true;
			async_scope_keep_open(group->scope);
		}
		cancel_scope(group, NULL);
	}
	check_futures(group);
	notify_change(group);
	maybe_dispatch_finally(group);
}

bool async_task_group_await_completion(async_task_group_t *group)
{
	if (!group->closed) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "%s must be closed before calling awaitCompletion()",
			async_task_group_name(group));
		return false;
	}
	while (!async_task_group_is_finished(group)) {
		if (!wait_for_change(group, true)) {
			return false;
		}
	}
	return true;
}

/* ---- construction ---- */

bool async_task_group_init(async_task_group_t *group, zend_long concurrency, bool concurrency_null,
	zend_long queue_limit, bool queue_limit_null, zend_object *parent_scope)
{
	if (group->scope != NULL) {
		zend_throw_error(NULL, "The %s is constructed already", async_task_group_name(group));
		return false;
	}
	if (!concurrency_null && (concurrency < 0 || (zend_ulong) concurrency > UINT32_MAX)) {
		zend_argument_value_error(1, "must be between 0 and %u", UINT32_MAX);
		return false;
	}
	if (!queue_limit_null && (queue_limit < 0 || (zend_ulong) queue_limit > UINT32_MAX)) {
		zend_argument_value_error(2, "must be between 0 and %u", UINT32_MAX);
		return false;
	}
	group->concurrency = concurrency_null ? 0 : (uint32_t) concurrency;
	if (queue_limit_null) {
		/* Upstream's default: twice the concurrency (no limit when the concurrency has none). */
		group->queue_limit = group->concurrency > UINT32_MAX / 2 ? 0 : group->concurrency * 2;
	} else {
		group->queue_limit = (uint32_t) queue_limit;
	}

	zend_async_scope_t *parent;
	if (parent_scope != NULL) {
		parent = ASYNC_SCOPE_FROM_OBJ(parent_scope);
	} else {
		zend_coroutine_t *self = async_current_or_launch();
		if (self == NULL) {
			return false;
		}
		parent = self->scope != NULL ? self->scope : ZEND_ASYNC_MAIN_SCOPE;
	}
	zend_async_scope_t *scope = async_scope_new(parent);
	if (scope == NULL) {
		return false;
	}
	group->scope = scope;
	if (parent_scope != NULL) {
		/* The group's scope is its child: the given Scope stays while the group does. */
		GC_ADDREF(parent_scope);
		group->parent_scope = parent_scope;
	}
	return true;
}

/* ---- foreach: key => [result, error], in the order the tasks settled ---- */

typedef struct {
	zend_object_iterator it;
	async_task_t *current;    /* the task delivered now (held), or NULL */
	async_task_t *last;       /* a TaskGroup: the last one delivered (held), or NULL */
	zval pair;
	bool finished;
} group_iterator_t;

static async_task_group_t *iterator_group(group_iterator_t *iterator)
{
	return ASYNC_TASK_GROUP_FROM_OBJ(Z_OBJ(iterator->it.data));
}

static void iterator_drop_current(group_iterator_t *iterator)
{
	zval_ptr_dtor(&iterator->pair);
	ZVAL_UNDEF(&iterator->pair);
	if (iterator->current != NULL) {
		task_release(iterator->current);
		iterator->current = NULL;
	}
}

/* The next settled task, waiting for one; at the end (closed and every task delivered) none. */
static void iterator_fetch(group_iterator_t *iterator)
{
	async_task_group_t *group = iterator_group(iterator);
	iterator_drop_current(iterator);
	group->errors_handled = true;
	for (;;) {
		async_list_node_t *node;
		if (group->removes_delivered || iterator->last == NULL) {
			node = async_list_first(&group->settled);
		} else {
			node = async_list_next(&group->settled, &iterator->last->in_settled);
		}
		if (node != NULL) {
			async_task_t *task = ASYNC_LIST_ENTRY(node, async_task_t, in_settled);
			task->refcount++;
			iterator->current = task;
			if (group->removes_delivered) {
				group_remove_task(group, task);
			} else {
				task->refcount++;
				if (iterator->last != NULL) {
					task_release(iterator->last);
				}
				iterator->last = task;
			}
			array_init_size(&iterator->pair, 2);
			if (task->state == ASYNC_TASK_DONE) {
				Z_TRY_ADDREF(task->result);
				add_next_index_zval(&iterator->pair, &task->result);
				add_next_index_null(&iterator->pair);
			} else {
				zval error;
				ZVAL_OBJ_COPY(&error, task->error);
				add_next_index_null(&iterator->pair);
				add_next_index_zval(&iterator->pair, &error);
			}
			return;
		}
		if (group->closed && async_task_group_is_finished(group)) {
			iterator->finished = true;
			return;
		}
		if (!wait_for_change(group, true)) {
			iterator->finished = true; /* the exception ends the loop */
			return;
		}
	}
}

static void iterator_dtor(zend_object_iterator *it)
{
	group_iterator_t *iterator = (group_iterator_t *) it;
	iterator_drop_current(iterator);
	if (iterator->last != NULL) {
		task_release(iterator->last);
	}
	zval_ptr_dtor(&it->data);
}

static zend_result iterator_valid(zend_object_iterator *it)
{
	return ((group_iterator_t *) it)->finished ? FAILURE : SUCCESS;
}

static zval *iterator_current(zend_object_iterator *it)
{
	return &((group_iterator_t *) it)->pair;
}

static void iterator_key(zend_object_iterator *it, zval *key)
{
	group_iterator_t *iterator = (group_iterator_t *) it;
	if (iterator->current != NULL) {
		ZVAL_COPY(key, &iterator->current->key);
	} else {
		ZVAL_NULL(key);
	}
}

static void iterator_move_forward(zend_object_iterator *it)
{
	iterator_fetch((group_iterator_t *) it);
}

static void iterator_rewind(zend_object_iterator *it)
{
	group_iterator_t *iterator = (group_iterator_t *) it;
	if (iterator->current == NULL && !iterator->finished) {
		iterator_fetch(iterator);
	}
}

static HashTable *iterator_get_gc(zend_object_iterator *it, zval **table, int *n)
{
	group_iterator_t *iterator = (group_iterator_t *) it;
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buffer, &it->data);
	zend_get_gc_buffer_add_zval(buffer, &iterator->pair);
	zend_get_gc_buffer_use(buffer, table, n);
	return NULL;
}

static const zend_object_iterator_funcs group_iterator_funcs = {
	iterator_dtor, iterator_valid, iterator_current, iterator_key, iterator_move_forward,
	iterator_rewind, NULL, iterator_get_gc
};

static zend_object_iterator *group_get_iterator(zend_class_entry *ce, zval *object, int by_ref)
{
	if (by_ref) {
		zend_throw_error(NULL, "Cannot iterate %s by reference", ZSTR_VAL(ce->name));
		return NULL;
	}
	group_iterator_t *iterator = ecalloc(1, sizeof(*iterator));
	zend_iterator_init(&iterator->it);
	ZVAL_OBJ_COPY(&iterator->it.data, Z_OBJ_P(object));
	iterator->it.funcs = &group_iterator_funcs;
	ZVAL_UNDEF(&iterator->pair);
	return &iterator->it;
}

/* ---- the object ---- */

static zend_object *group_create(zend_class_entry *ce)
{
	async_task_group_t *group = zend_object_alloc(sizeof(async_task_group_t), ce);
	memset(group, 0, XtOffsetOf(async_task_group_t, std));
	zend_object_std_init(&group->std, ce);
	object_properties_init(&group->std, ce);
	group->std.handlers = &task_group_handlers;

	zend_async_event_t *event = &group->event;
	event->flags = ZEND_ASYNC_EVENT_F_ZEND_OBJ;
	event->zend_object_offset = XtOffsetOf(async_task_group_t, std);
	event->add_callback = zend_async_callbacks_push;
	event->del_callback = zend_async_callbacks_remove;
	event->start = event_noop;
	event->stop = event_noop;
	event->dispose = event_dispose;
	event->info = event_info;

	zend_hash_init(&group->tasks, 8, NULL, task_table_dtor, 0);
	zend_hash_real_init_mixed(&group->tasks);
	async_list_init(&group->pending);
	async_list_init(&group->settled);
	async_list_init(&group->futures);
	async_list_init(&group->deferred);
	ZVAL_UNDEF(&group->finally_handlers);
	group->removes_delivered = ce == async_ce_task_set;
	return &group->std;
}

/* The group goes: what it started is cancelled (its scope disposed), unless the code letting go of
 * it runs in one of its own tasks. */
static void group_dtor(zend_object *object)
{
	zend_objects_destroy_object(object);
	async_task_group_t *group = ASYNC_TASK_GROUP_FROM_OBJ(object);
	if (group->scope == NULL || async_scope_is_closed(group->scope)) {
		return;
	}
	zend_coroutine_t *current = ZEND_ASYNC_CURRENT_COROUTINE;
	if (current != NULL && async_scope_contains(group->scope, current)) {
		return;
	}
	if (!async_task_group_is_finished(group)) {
		group->closed = true;
		group->cancelled = true;
		drop_pending(group, NULL);
	}
	async_scope_dispose(group->scope, false);
}

static void group_free(zend_object *object)
{
	async_task_group_t *group = ASYNC_TASK_GROUP_FROM_OBJ(object);
	/* Futures still waiting fail: nothing will settle them now. */
	while (!async_list_empty(&group->futures)) {
		group_future_t *future = ASYNC_LIST_ENTRY(async_list_first(&group->futures), group_future_t, node);
		async_list_remove(&group->futures, &future->node);
		zend_object *error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION,
			"The %s was destroyed before its tasks settled", async_task_group_name(group));
		async_future_state_settle(future->state, NULL, error);
		OBJ_RELEASE(error);
		future_free(future);
	}
	while (!async_list_empty(&group->deferred)) {
		task_release(ASYNC_LIST_ENTRY(async_list_shift(&group->deferred), async_task_t, in_deferred));
	}
	zval *zv;
	ZEND_HASH_FOREACH_VAL(&group->tasks, zv) {
		((async_task_t *) Z_PTR_P(zv))->group = NULL; /* running tasks end without it */
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&group->tasks);
	zval_ptr_dtor(&group->finally_handlers);
	if (group->keeps_scope_open) {
		/* Its queued tasks will never start now (it went from inside one of its tasks). */
		group->keeps_scope_open = false;
		async_scope_let_close(group->scope);
	}
	if (group->scope != NULL) {
		OBJ_RELEASE(ASYNC_SCOPE_OBJ(group->scope));
	}
	if (group->parent_scope != NULL) {
		OBJ_RELEASE(group->parent_scope);
	}
	zend_async_callbacks_free(&group->event);
	zend_object_std_dtor(object);
}

static HashTable *group_get_gc(zend_object *object, zval **table, int *n)
{
	async_task_group_t *group = ASYNC_TASK_GROUP_FROM_OBJ(object);
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	zval *zv;
	ZEND_HASH_FOREACH_VAL(&group->tasks, zv) {
		async_task_t *task = Z_PTR_P(zv);
		if (task->has_call) {
			zend_get_gc_buffer_add_zval(buffer, &task->fci.function_name);
			for (uint32_t i = 0; i < task->fci.param_count; i++) {
				zend_get_gc_buffer_add_zval(buffer, &task->fci.params[i]);
			}
			if (task->fci.named_params != NULL) {
				zval named;
				ZVAL_ARR(&named, task->fci.named_params);
				zend_get_gc_buffer_add_zval(buffer, &named);
			}
		}
		zend_get_gc_buffer_add_zval(buffer, &task->result);
		if (task->error != NULL) {
			zend_get_gc_buffer_add_obj(buffer, task->error);
		}
	} ZEND_HASH_FOREACH_END();
	ASYNC_LIST_FOREACH(&group->futures, node) {
		zend_get_gc_buffer_add_obj(buffer, ASYNC_LIST_ENTRY(node, group_future_t, node)->state);
	}
	zend_get_gc_buffer_add_zval(buffer, &group->finally_handlers);
	if (group->parent_scope != NULL) {
		zend_get_gc_buffer_add_obj(buffer, group->parent_scope);
	}
	zend_get_gc_buffer_use(buffer, table, n);
	return zend_std_get_properties(object);
}

void async_task_group_bind_class(zend_class_entry *ce)
{
	ce->create_object = group_create;
	ce->get_iterator = group_get_iterator;
	if (task_group_handlers.offset == 0) {
		memcpy(&task_group_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
		task_group_handlers.offset = XtOffsetOf(async_task_group_t, std);
		task_group_handlers.dtor_obj = group_dtor;
		task_group_handlers.free_obj = group_free;
		task_group_handlers.get_gc = group_get_gc;
		task_group_handlers.clone_obj = NULL;
	}
}
