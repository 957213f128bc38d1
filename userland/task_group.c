/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The methods of Async\TaskGroup; Async\TaskSet shares most of them (aliases in the stub) and
 * adds its own (task_set.c). The machinery is task_group_core.c. */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_closures.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "task_group.h"
#include "task_group_arginfo.h"

zend_class_entry *async_ce_task_group;
zend_class_entry *async_ce_task_set;

#define THIS_GROUP() ASYNC_TASK_GROUP_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

/* Throws (false) for a group whose constructor never ran (a subclass cannot skip it: both classes
 * are final, but newInstanceWithoutConstructor() can). */
static bool constructed(async_task_group_t *group)
{
	if (group->scope == NULL) {
		zend_throw_error(NULL, "The %s was not constructed", async_task_group_name(group));
		return false;
	}
	return true;
}

ZEND_METHOD(Async_TaskGroup, __construct)
{
	zend_long concurrency = 0, queue_limit = 0;
	bool concurrency_null = true, queue_limit_null = true;
	zend_object *scope = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 3)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG_OR_NULL(concurrency, concurrency_null)
		Z_PARAM_LONG_OR_NULL(queue_limit, queue_limit_null)
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(scope, async_ce_scope)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_task_group_init(THIS_GROUP(), concurrency, concurrency_null, queue_limit, queue_limit_null, scope);
}

static void spawn_method(INTERNAL_FUNCTION_PARAMETERS, bool with_key)
{
	zval *key = NULL;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zval *args = NULL;
	uint32_t args_count = 0;
	HashTable *named_args = NULL;

	if (with_key) {
		ZEND_PARSE_PARAMETERS_START(2, -1)
			Z_PARAM_ZVAL(key)
			Z_PARAM_FUNC(fci, fcc)
			Z_PARAM_VARIADIC_WITH_NAMED(args, args_count, named_args)
		ZEND_PARSE_PARAMETERS_END();
		/* string|int (arginfo): what coercion left is one of those */
		if (Z_TYPE_P(key) != IS_LONG && Z_TYPE_P(key) != IS_STRING) {
			zend_argument_type_error(1, "must be of type string|int, %s given", zend_zval_type_name(key));
			RETURN_THROWS();
		}
	} else {
		ZEND_PARSE_PARAMETERS_START(1, -1)
			Z_PARAM_FUNC(fci, fcc)
			Z_PARAM_VARIADIC_WITH_NAMED(args, args_count, named_args)
		ZEND_PARSE_PARAMETERS_END();
	}
	(void) return_value;
	async_task_group_t *group = THIS_GROUP();
	if (!constructed(group)) {
		RETURN_THROWS();
	}
	async_task_group_spawn(group, key, &fci, &fcc, args, args_count, named_args);
}

ZEND_METHOD(Async_TaskGroup, spawn)
{
	spawn_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

ZEND_METHOD(Async_TaskGroup, spawnWithKey)
{
	spawn_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

ZEND_METHOD(Async_TaskGroup, all)
{
	bool ignore_errors = false;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(ignore_errors)
	ZEND_PARSE_PARAMETERS_END();

	async_task_group_future(THIS_GROUP(), ASYNC_TASK_WAIT_ALL, ignore_errors, return_value);
}

ZEND_METHOD(Async_TaskGroup, race)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_task_group_t *group = THIS_GROUP();
	if (zend_hash_num_elements(&group->tasks) == 0) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot race on an empty TaskGroup");
		RETURN_THROWS();
	}
	async_task_group_future(group, ASYNC_TASK_WAIT_FIRST, false, return_value);
}

ZEND_METHOD(Async_TaskGroup, any)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_task_group_t *group = THIS_GROUP();
	if (zend_hash_num_elements(&group->tasks) == 0) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot call any() on an empty TaskGroup");
		RETURN_THROWS();
	}
	async_task_group_future(group, ASYNC_TASK_WAIT_ANY, false, return_value);
}

/* The settled tasks in `state`, key => result or error. */
static void collect(async_task_group_t *group, async_task_state_t state, zval *return_value)
{
	array_init(return_value);
	zval *zv;
	ZEND_HASH_FOREACH_VAL(&group->tasks, zv) {
		async_task_t *task = Z_PTR_P(zv);
		if (task->state != state) {
			continue;
		}
		zval value;
		if (state == ASYNC_TASK_DONE) {
			ZVAL_COPY(&value, &task->result);
		} else {
			ZVAL_OBJ_COPY(&value, task->error);
		}
		if (Z_TYPE(task->key) == IS_LONG) {
			zend_hash_index_update(Z_ARRVAL_P(return_value), Z_LVAL(task->key), &value);
		} else {
			zend_hash_update(Z_ARRVAL_P(return_value), Z_STR(task->key), &value);
		}
	} ZEND_HASH_FOREACH_END();
}

ZEND_METHOD(Async_TaskGroup, getResults)
{
	ZEND_PARSE_PARAMETERS_NONE();
	collect(THIS_GROUP(), ASYNC_TASK_DONE, return_value);
}

ZEND_METHOD(Async_TaskGroup, getErrors)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_task_group_t *group = THIS_GROUP();
	group->errors_handled = true;
	collect(group, ASYNC_TASK_FAILED, return_value);
}

ZEND_METHOD(Async_TaskGroup, suppressErrors)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	THIS_GROUP()->errors_handled = true;
}

ZEND_METHOD(Async_TaskGroup, cancel)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_cancellation)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;
	async_task_group_cancel(THIS_GROUP(), cancellation);
}

ZEND_METHOD(Async_TaskGroup, close)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	async_task_group_close(THIS_GROUP());
}

ZEND_METHOD(Async_TaskGroup, dispose)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	async_task_group_dispose(THIS_GROUP());
}

ZEND_METHOD(Async_TaskGroup, isFinished)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(async_task_group_is_finished(THIS_GROUP()));
}

ZEND_METHOD(Async_TaskGroup, isClosed)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(THIS_GROUP()->closed);
}

ZEND_METHOD(Async_TaskGroup, count)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG(zend_hash_num_elements(&THIS_GROUP()->tasks));
}

ZEND_METHOD(Async_TaskGroup, awaitCompletion)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	async_task_group_t *group = THIS_GROUP();
	if (!constructed(group)) {
		RETURN_THROWS();
	}
	async_task_group_await_completion(group);
}

ZEND_METHOD(Async_TaskGroup, finally)
{
	zval *callback;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(callback, zend_ce_closure)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;
	async_task_group_add_finally(THIS_GROUP(), callback);
}

/* foreach goes through the class's iterator; called as a method it has nothing to give (upstream's
 * message). */
ZEND_METHOD(Async_TaskGroup, getIterator)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	zend_throw_error(NULL, "An object of class %s is not a traversable object in an invalid state",
		ZSTR_VAL(Z_OBJCE_P(ZEND_THIS)->name));
}

void async_userland_register_task_group(void)
{
	async_ce_task_group = register_class_Async_TaskGroup(async_ce_awaitable, zend_ce_countable, zend_ce_aggregate);
	async_task_group_bind_class(async_ce_task_group);
	async_ce_task_set = register_class_Async_TaskSet(async_ce_awaitable, zend_ce_countable, zend_ce_aggregate);
	async_task_group_bind_class(async_ce_task_set);
}
