/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The methods only Async\TaskSet has: the joins, which deliver (and so remove) what they return.
 * The rest are TaskGroup's (task_group.c), over the same machinery (task_group_core.c). */
#include "php.h"
#include "../zend_async_API.h"
#include "userland.h"
#include "task_group.h"

#define THIS_SET() ASYNC_TASK_GROUP_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

static void join_one(async_task_group_t *set, async_task_wait_t wait, const char *method, zval *return_value)
{
	if (zend_hash_num_elements(&set->tasks) == 0) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot call %s() on an empty TaskSet", method);
		return;
	}
	async_task_group_future(set, wait, false, return_value);
}

ZEND_METHOD(Async_TaskSet, joinNext)
{
	ZEND_PARSE_PARAMETERS_NONE();
	join_one(THIS_SET(), ASYNC_TASK_WAIT_FIRST, "joinNext", return_value);
}

ZEND_METHOD(Async_TaskSet, joinAny)
{
	ZEND_PARSE_PARAMETERS_NONE();
	join_one(THIS_SET(), ASYNC_TASK_WAIT_ANY, "joinAny", return_value);
}

ZEND_METHOD(Async_TaskSet, joinAll)
{
	bool ignore_errors = false;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(ignore_errors)
	ZEND_PARSE_PARAMETERS_END();

	async_task_group_future(THIS_SET(), ASYNC_TASK_WAIT_ALL, ignore_errors, return_value);
}
