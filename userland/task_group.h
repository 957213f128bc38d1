/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The machinery Async\TaskGroup and Async\TaskSet share (task_group_core.c): a keyed table of
 * tasks run in coroutines of a child scope, at most `concurrency` at once, the rest waiting in a
 * queue whose length `queue_limit` bounds (spawn() waits for room). A task's coroutine runs the
 * callable itself and keeps what it returned or threw in the task, so a failure is the group's to
 * report, never the scope's. TaskSet differs only in that a delivered task leaves the table.
 */
#ifndef ASYNC_TASK_GROUP_H
#define ASYNC_TASK_GROUP_H

#include "php.h"
#include "../zend_async_API.h"
#include "../async_list.h"

typedef enum {
	ASYNC_TASK_PENDING,  /* waiting for a free slot */
	ASYNC_TASK_RUNNING,
	ASYNC_TASK_DONE,     /* returned: `result` */
	ASYNC_TASK_FAILED    /* threw: `error` */
} async_task_state_t;

typedef struct _async_task_group_s async_task_group_t;

typedef struct {
	uint32_t refcount;            /* the group's table, and its coroutine until it ends */
	async_task_state_t state;
	async_task_group_t *group;    /* weak: NULL once the group is freed */
	zval key;
	zend_fcall_info fci;          /* until it has run: the callable, copies of its arguments */
	zend_fcall_info_cache fcc;
	bool has_call;
	bool has_outcome;             /* its coroutine ran the callable to its end */
	zval result;
	zend_object *error;
	async_list_node_t in_pending; /* in group->pending */
	async_list_node_t in_settled; /* in group->settled: the order tasks settled in */
	async_list_node_t in_deferred; /* in group->deferred */
} async_task_t;

struct _async_task_group_s {
	zend_async_event_t event;     /* notified when a task settles or the group closes; never closed */
	HashTable tasks;              /* key => async_task_t *, in the order they were added */
	async_list_t pending;
	async_list_t settled;
	async_list_t futures;         /* all()/race()/any() Futures that wait */
	/* Tasks whose coroutine cancel() or dispose() ended before it started: they settle when the
	 * run queue gets to a coroutine queued then, as a cancelled coroutine would end upstream. */
	async_list_t deferred;
	bool deferring;               /* inside cancel()/dispose(): ended tasks go to `deferred` */
	zend_async_scope_t *scope;    /* its own child scope (its object held); NULL before __construct */
	zend_object *parent_scope;    /* the Scope given to the constructor (held), or NULL */
	uint32_t concurrency;         /* 0: no limit */
	uint32_t queue_limit;         /* 0: no limit */
	uint32_t running;
	bool closed;
	bool cancelled;               /* cancel(): the queued tasks never start */
	bool keeps_scope_open;        /* dispose() with tasks queued: the scope stays open until they started */
	bool removes_delivered;       /* a TaskSet */
	bool errors_handled;          /* read, suppressed or delivered (nothing reports unread ones yet) */
	bool finally_dispatched;
	zval finally_handlers;        /* array of Closures, or UNDEF */
	zend_object std;
};

#define ASYNC_TASK_GROUP_FROM_OBJ(obj) \
	((async_task_group_t *) ((char *) (obj) - XtOffsetOf(async_task_group_t, std)))

typedef enum {
	ASYNC_TASK_WAIT_ALL,   /* every task settled: the results (errors: CompositeException) */
	ASYNC_TASK_WAIT_FIRST, /* the first task to settle, success or failure */
	ASYNC_TASK_WAIT_ANY    /* the first success; all failed: CompositeException */
} async_task_wait_t;

extern zend_class_entry *async_ce_task_group;
extern zend_class_entry *async_ce_task_set;

/* Class set-up both classes share: create_object, handlers, the foreach iterator. */
void async_task_group_bind_class(zend_class_entry *ce);

/* __construct: validates the arguments (ValueError, 1-based argument numbers) and makes the scope. */
bool async_task_group_init(async_task_group_t *group, zend_long concurrency, bool concurrency_null,
	zend_long queue_limit, bool queue_limit_null, zend_object *parent_scope);
/* spawn()/spawnWithKey() (key NULL: the next integer): may wait while the queue is full. */
bool async_task_group_spawn(async_task_group_t *group, zval *key, zend_fcall_info *fci,
	zend_fcall_info_cache *fcc, zval *args, uint32_t args_count, HashTable *named_args);
/* A Future for all()/race()/any() (joinAll/joinNext/joinAny), settled now or when it can be. */
void async_task_group_future(async_task_group_t *group, async_task_wait_t wait, bool ignore_errors,
	zval *return_value);
void async_task_group_close(async_task_group_t *group);
void async_task_group_cancel(async_task_group_t *group, zend_object *cancellation);
void async_task_group_dispose(async_task_group_t *group);
bool async_task_group_is_finished(async_task_group_t *group);
/* Waits until the group is closed and finished; throws (false) if it is not closed. */
bool async_task_group_await_completion(async_task_group_t *group);
void async_task_group_add_finally(async_task_group_t *group, zval *closure);
/* The class's name for messages ("TaskGroup" or "TaskSet"). */
const char *async_task_group_name(async_task_group_t *group);

#endif
