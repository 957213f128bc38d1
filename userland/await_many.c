/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * await_all(), await_all_or_fail(), await_any_or_fail(), await_first_success(), await_any_of(),
 * await_any_of_or_fail(): one wait group behind all six. Each member Completable gets a callback
 * that records its result or error under its key; the group wakes the coroutine when its rule is
 * met, or throws the first error in the fail-fast modes.
 *
 * An array is read at once. A Traversable (an Iterator, a generator) is walked, as upstream, by a
 * coroutine of its own while the caller already waits: the walker adds each item to the caller's
 * wait as it comes, so items that complete meanwhile count, and code the iterator suspends in
 * runs concurrently with the rest.
 */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"

typedef struct {
	zend_long needed;        /* successes that end the wait (errors are collected or thrown) */
	zend_long succeeded;
	zend_long finished;      /* successes and errors */
	zend_long total;         /* items; final once total_known */
	zend_long pending;       /* items whose completion is awaited (registered, not finished) */
	bool total_known;        /* false while a walker still reads the iterator */
	bool fail_fast;          /* the first error ends the wait and is thrown */
	bool resumed;
	zval results;            /* key => result, in completion order */
	zval errors;             /* key => Throwable, in completion order */
	zend_object *first_error;
	zend_object *cancellation; /* the token, when one was given (borrowed) */
} wait_group_t;

typedef struct {
	zend_coroutine_event_callback_t base;
	wait_group_t *group;
	zval key;
} member_callback_t;

static void put(zval *array, zval *key, zval *value)
{
	if (Z_TYPE_P(key) == IS_STRING) {
		zend_hash_update(Z_ARRVAL_P(array), Z_STR_P(key), value);
	} else {
		zend_hash_index_update(Z_ARRVAL_P(array), Z_LVAL_P(key), value);
	}
}

static void group_add(wait_group_t *group, zval *key, zval *result, zend_object *exception)
{
	group->finished++;
	zval value;
	if (exception != NULL) {
		ZVAL_OBJ_COPY(&value, exception);
		put(&group->errors, key, &value);
		if (group->first_error == NULL) {
			group->first_error = exception;
			GC_ADDREF(exception);
		}
		return;
	}
	if (result != NULL) {
		ZVAL_COPY(&value, result);
	} else {
		ZVAL_NULL(&value);
	}
	put(&group->results, key, &value);
	group->succeeded++;
}

static bool group_done(const wait_group_t *group)
{
	return group->succeeded >= group->needed || (group->total_known && group->finished >= group->total)
		|| (group->fail_fast && group->first_error != NULL);
}

/* Ends the wait now (the caller is resumed), with `error` thrown in it when not NULL (taken). */
static void group_wake(wait_group_t *group, zend_coroutine_t *waiter, zend_object *error)
{
	group->resumed = true;
	if (error != NULL) {
		zend_async_waker_apply_error(waiter->waker, error, true);
	} else {
		/* A token that completed by now wins, as upstream: it may be one of the awaited items
		 * itself, whose own completion ends the wait in the same notify. */
		zend_object *token = group->cancellation;
		if (token != NULL && !async_awaitable_never_completes(token) && async_awaitable_completed(token)) {
			zend_async_waker_apply_error(waiter->waker, async_token_error(token), true);
		}
	}
	ZEND_ASYNC_RESUME(waiter);
}

static void on_member(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	member_callback_t *cb = (member_callback_t *) callback;
	wait_group_t *group = cb->group;
	zend_coroutine_t *coroutine = cb->base.coroutine;

	/* Still attached: the caller will see what this member did, or has moved on because of
	 * another one (as upstream, an error that comes meanwhile counts as handled). */
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
	}
	if (group->resumed || coroutine->waker == NULL || coroutine->waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	group->pending--;
	group_add(group, &cb->key, ZEND_ASYNC_EVENT_WILL_ZVAL_RESULT(event) ? result : NULL, exception);
	if (group_done(group)) {
		group_wake(group, coroutine, NULL);
	}
}

static void member_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	member_callback_t *cb = (member_callback_t *) callback;
	zval_ptr_dtor(&cb->key);
	efree(cb);
}

typedef struct {
	zval keys;               /* position => key */
	zval members;            /* position => Completable */
} members_t;

/* `function` names the await_* function (NULL: the running one), as the walker runs elsewhere. */
static bool check_member(zval *value, uint32_t arg_num, zend_string *function)
{
	if (Z_TYPE_P(value) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(value), async_ce_completable)
			|| async_awaitable_event(Z_OBJ_P(value)) == NULL) {
		if (function == NULL) {
			zend_argument_type_error(arg_num, "must contain only Async\\Completable objects, %s given", zend_zval_type_name(value));
		} else {
			zend_type_error("%s(): Argument #%u ($triggers) must contain only Async\\Completable objects, %s given",
				ZSTR_VAL(function), arg_num, zend_zval_type_name(value));
		}
		return false;
	}
	return true;
}

static void add_member(members_t *members, zval *key, zval *value)
{
	Z_TRY_ADDREF_P(value);
	add_next_index_zval(&members->members, value);
	Z_TRY_ADDREF_P(key);
	add_next_index_zval(&members->keys, key);
}

/* An array, read at once. */
static bool collect(members_t *members, zval *triggers, uint32_t arg_num)
{
	array_init(&members->keys);
	array_init(&members->members);

	zend_ulong index;
	zend_string *name;
	zval *value, key;
	ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(triggers), index, name, value) {
		if (name) {
			ZVAL_STR(&key, name);
		} else {
			ZVAL_LONG(&key, (zend_long) index);
		}
		ZVAL_DEREF(value);
		if (!check_member(value, arg_num, NULL)) {
			return false;
		}
		add_member(members, &key, value);
	} ZEND_HASH_FOREACH_END();
	return true;
}

static void members_free(members_t *members)
{
	zval_ptr_dtor(&members->keys);
	zval_ptr_dtor(&members->members);
}

/* results/errors in the input's order (keeping only present keys, or null for missing ones). */
static void in_input_order(zval *out, zval *source, members_t *members, bool fill_null)
{
	array_init(out);
	zval *key;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(members->keys), key) {
		zval *value = Z_TYPE_P(key) == IS_STRING
			? zend_hash_find(Z_ARRVAL_P(source), Z_STR_P(key))
			: zend_hash_index_find(Z_ARRVAL_P(source), Z_LVAL_P(key));
		zval copy;
		if (value != NULL) {
			ZVAL_COPY(&copy, value);
		} else if (fill_null) {
			ZVAL_NULL(&copy);
		} else {
			continue;
		}
		if (Z_TYPE_P(key) == IS_STRING) {
			zend_hash_update(Z_ARRVAL_P(out), Z_STR_P(key), &copy);
		} else {
			zend_hash_index_update(Z_ARRVAL_P(out), Z_LVAL_P(key), &copy);
		}
	} ZEND_HASH_FOREACH_END();
}

/* Cancels the members that are coroutines still running (await_all_or_fail after an error). */
static void cancel_unfinished(members_t *members)
{
	zval *member;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(members->members), member) {
		if (instanceof_function(Z_OBJCE_P(member), async_ce_coroutine)) {
			async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(Z_OBJ_P(member));
			if (!ZEND_COROUTINE_IS_FINISHED(&co->coroutine)) {
				ZEND_ASYNC_CANCEL(&co->coroutine, NULL, false);
			}
		}
	} ZEND_HASH_FOREACH_END();
}

/* Attaches one member to the waiter's wait (prepared by zend_async_waker_new). */
static bool attach_member(wait_group_t *group, zend_coroutine_t *waiter, zend_object *object, zval *key)
{
	if (async_awaitable_completed(object) || async_awaitable_never_completes(object)) {
		return true;
	}
	member_callback_t *cb = ecalloc(1, sizeof(*cb));
	cb->base.base.callback = on_member;
	cb->base.base.dispose = member_dispose;
	cb->group = group;
	ZVAL_COPY(&cb->key, key);
	if (!zend_async_resume_when(waiter, async_awaitable_event(object), false, NULL, &cb->base)) {
		return false;
	}
	group->pending++;
	return true;
}

static bool awaits_itself(zend_coroutine_t *self, zend_object *object)
{
	if (&ASYNC_COROUTINE_OF(self)->coroutine.event == async_awaitable_event(object)) {
		zend_throw_error(NULL, "A coroutine cannot await itself");
		return true;
	}
	return false;
}

/* Counts a member that has completed already. */
static void count_if_completed(wait_group_t *group, zend_object *object, zval *key)
{
	if (async_awaitable_completed(object)) {
		zval *result;
		zend_object *exception;
		async_awaitable_take_outcome(object, &result, &exception);
		group_add(group, key, result, exception);
	}
}

/* Waits by the group's rule. Returns false with an exception thrown (the token, or a fail-fast
 * error), true when the rule is met; the group then holds what completed. */
static bool wait_group(wait_group_t *group, members_t *members, zend_coroutine_t *self, zend_object *cancellation)
{
	/* The completed ones count at once, without a switch. */
	zend_long position = 0;
	zval *member;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(members->members), member) {
		zval *key = zend_hash_index_find(Z_ARRVAL(members->keys), position++);
		if (awaits_itself(self, Z_OBJ_P(member))) {
			return false;
		}
		count_if_completed(group, Z_OBJ_P(member), key);
	} ZEND_HASH_FOREACH_END();
	if (group_done(group)) {
		return !(group->fail_fast && group->first_error != NULL);
	}

	zend_async_waker_new(self);
	position = 0;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(members->members), member) {
		zval *key = zend_hash_index_find(Z_ARRVAL(members->keys), position++);
		if (!attach_member(group, self, Z_OBJ_P(member), key)) {
			zend_async_waker_clean(self);
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	if (!async_await_add_token(self, cancellation)) {
		zend_async_waker_clean(self);
		return false;
	}
	if (self->waker->count == 0) {
		/* Only Timeouts that never complete: nothing can end the wait. */
		zend_async_waker_clean(self);
		zend_throw_error(NULL, "Nothing to wait for: every awaitable was a cancelled Timeout");
		return false;
	}
	ZEND_ASYNC_SUSPEND();
	if (EG(exception)) {
		return false;
	}
	return !(group->fail_fast && group->first_error != NULL);
}

/* ---- walking a Traversable in a coroutine of its own ---- */

/* Shared by the waiter and the walker. Freed when both let go: the waiter when it returns, the
 * walker's Coroutine object when it is freed (`lifetime` sits in its event's callbacks). */
typedef struct {
	zend_async_event_callback_t lifetime;
	uint32_t refs;
	wait_group_t *group;           /* NULL once the waiter has returned */
	members_t *members;
	zend_coroutine_t *waiter;
	zend_object_iterator *iterator; /* NULL once the walker is done with it */
	uint32_t arg_num;
	zend_string *function;         /* the await_* function's name, for its TypeError */
	bool walked;                   /* the walker told the waiter how the walk ended */
} walk_t;

static void walk_release(walk_t *walk)
{
	if (--walk->refs > 0) {
		return;
	}
	if (walk->iterator != NULL) {
		zend_iterator_dtor(walk->iterator);
	}
	zend_string_release(walk->function);
	efree(walk);
}

static void walk_lifetime_noop(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) callback; (void) result; (void) exception;
}

static void walk_lifetime_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	callback->ref_count = 0;
	walk_release((walk_t *) callback);
}

/* The waiter still waits for the walk: not resumed (by the walk, a token or a cancellation). */
static bool walk_wanted(const walk_t *walk)
{
	return walk->group != NULL && !walk->group->resumed && ZEND_ASYNC_WAKER_WAITING_NOW(walk->waiter->waker);
}

/* The walk failed (the iterator threw, or gave a wrong item or key): the waiter gets the error,
 * and the coroutines among the items taken so far are cancelled, as upstream cancels what its
 * walk started. */
static void walk_failed(walk_t *walk)
{
	zend_object *error = EG(exception);
	GC_ADDREF(error);
	zend_clear_exception();
	walk->walked = true;
	if (!walk_wanted(walk)) {
		OBJ_RELEASE(error);
		return;
	}
	group_wake(walk->group, walk->waiter, error);
	cancel_unfinished(walk->members);
}

/* One item: recorded, counted if it completed already, else attached to the waiter's wait. */
static bool walk_take(walk_t *walk, zval *key, zval *value)
{
	wait_group_t *group = walk->group;
	ZVAL_DEREF(value);
	if (!check_member(value, walk->arg_num, walk->function) || awaits_itself(walk->waiter, Z_OBJ_P(value))) {
		return false;
	}
	add_member(walk->members, key, value);
	group->total++;
	count_if_completed(group, Z_OBJ_P(value), key);
	if (!attach_member(group, walk->waiter, Z_OBJ_P(value), key)) {
		return false;
	}
	if (group_done(group)) {
		group_wake(group, walk->waiter, NULL);
	}
	return true;
}

/* The key of the item at `position`: upstream's rules (null takes the position). */
static bool walk_key(zend_object_iterator *it, zend_long position, zval *key)
{
	if (it->funcs->get_current_key) {
		it->funcs->get_current_key(it, key);
		if (EG(exception)) {
			return false;
		}
	} else {
		ZVAL_LONG(key, position);
	}
	if (Z_TYPE_P(key) == IS_NULL) {
		ZVAL_LONG(key, position);
	} else if (Z_TYPE_P(key) != IS_LONG && Z_TYPE_P(key) != IS_STRING) {
		/* Upstream's message and class: keys become the keys of the result arrays. */
		zval_ptr_dtor(key);
		zend_throw_exception(async_ce_async_exception, "Invalid key type: must be string, long or null", 0);
		return false;
	}
	return true;
}

/* The walker's body. The iterator may suspend anywhere (rewind, valid, current, key, next, a
 * generator's body): after each step the waiter may have been resumed or have returned. Items
 * that come after the waiter was resumed are read, as upstream does, but no longer awaited. */
static void walk_run(void)
{
	walk_t *walk = ZEND_ASYNC_CURRENT_COROUTINE->extended_data;
	zend_object_iterator *it = walk->iterator;
	zend_long position = 0;

	if (walk->group != NULL && it->funcs->rewind) {
		it->funcs->rewind(it);
	}
	while (walk->group != NULL && !EG(exception) && it->funcs->valid(it) == SUCCESS && !EG(exception)
			&& walk->group != NULL) {
		zval *value = it->funcs->get_current_data(it);
		if (EG(exception) || walk->group == NULL) {
			break;
		}
		zval key;
		if (!walk_key(it, position, &key)) {
			break;
		}
		if (walk_wanted(walk)) {
			bool taken = walk_take(walk, &key, value);
			zval_ptr_dtor(&key);
			if (!taken) {
				break;
			}
		} else {
			zval_ptr_dtor(&key);
		}
		position++;
		it->funcs->move_forward(it);
	}

	if (EG(exception)) {
		walk_failed(walk);
	} else if (walk_wanted(walk)) {
		wait_group_t *group = walk->group;
		walk->walked = true;
		group->total_known = true;
		if (group_done(group)) {
			group_wake(group, walk->waiter, NULL);
		} else if (group->pending == 0) {
			group_wake(group, walk->waiter, zend_async_new_exception(ZEND_ASYNC_EXCEPTION_DEFAULT,
				"Nothing to wait for: every awaitable was a cancelled Timeout"));
		}
	} else {
		walk->walked = true;
	}
	walk->iterator = NULL;
	zend_iterator_dtor(it);
}

/* The walker ended without telling how the walk ended: cancelled before it ran. */
static void on_walker_end(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) result;
	walk_t *walk = ((zend_coroutine_t *) event)->extended_data;
	zend_coroutine_t *waiter = ((zend_coroutine_event_callback_t *) callback)->coroutine;
	if (walk->walked || !walk_wanted(walk) || waiter->waker == NULL
			|| waiter->waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	walk->walked = true;
	zend_object *error;
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
		GC_ADDREF(exception);
		error = exception;
	} else {
		error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The iteration was cancelled");
	}
	group_wake(walk->group, waiter, error);
}

/* Waits by the group's rule while a walker reads the Traversable. */
static bool wait_walking(wait_group_t *group, members_t *members, zend_coroutine_t *self, zval *traversable,
	uint32_t arg_num, zend_object *cancellation)
{
	array_init(&members->keys);
	array_init(&members->members);
	zend_class_entry *ce = Z_OBJCE_P(traversable);
	zend_object_iterator *iterator = ce->get_iterator(ce, traversable, 0);
	if (iterator == NULL || EG(exception)) {
		if (iterator != NULL) {
			zend_iterator_dtor(iterator);
		} else if (!EG(exception)) {
			zend_throw_error(NULL, "Object of type %s did not create an Iterator", ZSTR_VAL(ce->name));
		}
		return false;
	}
	zend_coroutine_t *walker = ZEND_ASYNC_SPAWN();
	if (walker == NULL) {
		zend_iterator_dtor(iterator);
		return false;
	}
	walk_t *walk = ecalloc(1, sizeof(*walk));
	walk->refs = 2;
	walk->group = group;
	walk->members = members;
	walk->waiter = self;
	walk->iterator = iterator;
	walk->arg_num = arg_num;
	walk->function = get_active_function_or_method_name();
	walk->lifetime.callback = walk_lifetime_noop;
	walk->lifetime.dispose = walk_lifetime_dispose;
	walker->internal_entry = walk_run;
	walker->extended_data = walk;
	walker->event.add_callback(&walker->event, &walk->lifetime);
	zend_object *walker_object = ASYNC_COROUTINE_OBJ(ASYNC_COROUTINE_OF(walker));
	GC_ADDREF(walker_object); /* keeps `walk` until the waiter lets go of it */

	bool ok = false;
	zend_async_waker_new(self);
	if (zend_async_resume_when(self, &walker->event, false, on_walker_end, NULL)
			&& async_await_add_token(self, cancellation)) {
		ZEND_ASYNC_SUSPEND();
		ok = !EG(exception) && !(group->fail_fast && group->first_error != NULL);
	} else {
		zend_async_waker_clean(self);
	}
	walk->group = NULL;
	walk->members = NULL;
	if (!ZEND_COROUTINE_IS_STARTED(walker) && !ZEND_COROUTINE_IS_FINISHED(walker)) {
		/* The wait ended (a token, a cancellation) before the walk began: it need not begin. It
		 * ends at once, and the caller's exception stays the one thrown. */
		zend_object *error = EG(exception);
		if (error != NULL) {
			GC_ADDREF(error);
			zend_clear_exception();
		}
		ZEND_ASYNC_CANCEL(walker, NULL, false);
		if (error != NULL) {
			zend_throw_exception_internal(error);
		}
	}
	walk_release(walk);
	OBJ_RELEASE(walker_object);
	return ok;
}

static void group_free(wait_group_t *group)
{
	zval_ptr_dtor(&group->results);
	zval_ptr_dtor(&group->errors);
	if (group->first_error != NULL) {
		OBJ_RELEASE(group->first_error);
	}
}

static void throw_first_error(wait_group_t *group)
{
	zend_object *error = group->first_error;
	group->first_error = NULL;
	zend_throw_exception_internal(error);
}

typedef enum { ALL, ALL_OR_FAIL, ANY_OR_FAIL, FIRST_SUCCESS, ANY_OF, ANY_OF_OR_FAIL } wait_kind;

static void await_many(INTERNAL_FUNCTION_PARAMETERS, wait_kind kind, bool has_count)
{
	zend_long count = 0;
	zval *triggers;
	zend_object *cancellation = NULL;
	bool preserve_key_order = true, fill_null = false;
	uint32_t triggers_arg = has_count ? 2 : 1;

	if (has_count) {
		ZEND_PARSE_PARAMETERS_START(2, kind == ANY_OF ? 5 : 4)
			Z_PARAM_LONG(count)
			Z_PARAM_ZVAL(triggers)
			Z_PARAM_OPTIONAL
			Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_awaitable)
			Z_PARAM_BOOL(preserve_key_order)
			Z_PARAM_BOOL(fill_null)
		ZEND_PARSE_PARAMETERS_END();
	} else {
		ZEND_PARSE_PARAMETERS_START(1, kind == ALL ? 4 : (kind == ALL_OR_FAIL ? 3 : 2))
			Z_PARAM_ZVAL(triggers)
			Z_PARAM_OPTIONAL
			Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_awaitable)
			Z_PARAM_BOOL(preserve_key_order)
			Z_PARAM_BOOL(fill_null)
		ZEND_PARSE_PARAMETERS_END();
	}
	if (count < 0) {
		zend_argument_value_error(1, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	/* Declared iterable, checked here as upstream does: its class and message. */
	if (Z_TYPE_P(triggers) != IS_ARRAY
			&& (Z_TYPE_P(triggers) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(triggers), zend_ce_traversable))) {
		zend_throw_exception(async_ce_async_exception,
			"Expected parameter 'iterable' to be an array or an object implementing Traversable", 0);
		RETURN_THROWS();
	}
	if (cancellation != NULL && async_awaitable_event(cancellation) == NULL) {
		zend_argument_type_error(triggers_arg + 1, "must be a cancellation token that can complete (a Coroutine or a Timeout), %s given",
			ZSTR_VAL(cancellation->ce->name));
		RETURN_THROWS();
	}

	wait_group_t group = {0};
	group.cancellation = cancellation;
	switch (kind) {
		case ALL: group.needed = ZEND_LONG_MAX; break;
		case ALL_OR_FAIL: group.needed = ZEND_LONG_MAX; group.fail_fast = true; break;
		case ANY_OR_FAIL: group.needed = 1; group.fail_fast = true; break;
		case FIRST_SUCCESS: group.needed = 1; break;
		case ANY_OF: group.needed = count; break;
		case ANY_OF_OR_FAIL: group.needed = count; group.fail_fast = true; break;
	}
	array_init(&group.results);
	array_init(&group.errors);

	/* A count above the input's size waits for all of it, as upstream; an empty input, or a count
	 * of zero, ends the wait at once. */
	members_t members;
	bool ok = true;
	if (Z_TYPE_P(triggers) == IS_ARRAY) {
		if (!collect(&members, triggers, triggers_arg)) {
			group_free(&group);
			members_free(&members);
			RETURN_THROWS();
		}
		group.total = zend_hash_num_elements(Z_ARRVAL(members.members));
		group.total_known = true;
		if (!group_done(&group)) {
			zend_coroutine_t *self = async_current_or_launch();
			ok = self != NULL && wait_group(&group, &members, self, cancellation);
		}
	} else if (group.needed == 0) {
		array_init(&members.keys);
		array_init(&members.members);
	} else {
		zend_coroutine_t *self = async_current_or_launch();
		if (self == NULL) {
			group_free(&group);
			RETURN_THROWS();
		}
		ok = wait_walking(&group, &members, self, triggers, triggers_arg, cancellation);
	}
	if (!ok) {
		if (group.fail_fast && group.first_error != NULL && !EG(exception)) {
			if (kind == ALL_OR_FAIL) {
				cancel_unfinished(&members);
			}
			throw_first_error(&group);
		}
		group_free(&group);
		members_free(&members);
		RETURN_THROWS();
	}
	zval results, errors;
	if (preserve_key_order) {
		in_input_order(&results, &group.results, &members, fill_null);
		in_input_order(&errors, &group.errors, &members, false);
	} else {
		ZVAL_COPY(&results, &group.results);
		ZVAL_COPY(&errors, &group.errors);
		if (fill_null) {
			/* Completion order, then the keys without a result. */
			SEPARATE_ARRAY(&results);
			zval *key;
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL(members.keys), key) {
				bool present = Z_TYPE_P(key) == IS_STRING ? zend_hash_exists(Z_ARRVAL(results), Z_STR_P(key))
					: zend_hash_index_exists(Z_ARRVAL(results), Z_LVAL_P(key));
				if (!present) {
					zval null;
					ZVAL_NULL(&null);
					put(&results, key, &null);
				}
			} ZEND_HASH_FOREACH_END();
		}
	}

	switch (kind) {
		case ALL:
		case ANY_OF:
			array_init(return_value);
			add_next_index_zval(return_value, &results);
			add_next_index_zval(return_value, &errors);
			break;
		case ALL_OR_FAIL:
		case ANY_OF_OR_FAIL:
			zval_ptr_dtor(&errors);
			RETVAL_COPY_VALUE(&results);
			break;
		case ANY_OR_FAIL: {
			zval_ptr_dtor(&errors);
			zval *first = zend_hash_get_current_data(Z_ARRVAL(group.results));
			if (first != NULL) {
				RETVAL_COPY(first);
			}
			zval_ptr_dtor(&results);
			break;
		}
		case FIRST_SUCCESS: {
			zval *first = zend_hash_get_current_data(Z_ARRVAL(group.results));
			zval result;
			if (first != NULL) {
				ZVAL_COPY(&result, first);
			} else {
				ZVAL_NULL(&result);
			}
			zval_ptr_dtor(&results);
			array_init(return_value);
			add_next_index_zval(return_value, &result);
			add_next_index_zval(return_value, &errors);
			break;
		}
	}
	group_free(&group);
	members_free(&members);
}

PHP_FUNCTION(Async_await_all) { await_many(INTERNAL_FUNCTION_PARAM_PASSTHRU, ALL, false); }
PHP_FUNCTION(Async_await_all_or_fail) { await_many(INTERNAL_FUNCTION_PARAM_PASSTHRU, ALL_OR_FAIL, false); }
PHP_FUNCTION(Async_await_any_or_fail) { await_many(INTERNAL_FUNCTION_PARAM_PASSTHRU, ANY_OR_FAIL, false); }
PHP_FUNCTION(Async_await_first_success) { await_many(INTERNAL_FUNCTION_PARAM_PASSTHRU, FIRST_SUCCESS, false); }
PHP_FUNCTION(Async_await_any_of) { await_many(INTERNAL_FUNCTION_PARAM_PASSTHRU, ANY_OF, true); }
PHP_FUNCTION(Async_await_any_of_or_fail) { await_many(INTERNAL_FUNCTION_PARAM_PASSTHRU, ANY_OF_OR_FAIL, true); }
