/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * await_all(), await_all_or_fail(), await_any_or_fail(), await_first_success(), await_any_of(),
 * await_any_of_or_fail(): one wait group behind all six. Each member Completable gets a callback
 * that records its result or error under its key; the group wakes the coroutine when its rule is
 * met, or throws the first error in the fail-fast modes.
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
	zend_long total;
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
	return group->succeeded >= group->needed || group->finished >= group->total
		|| (group->fail_fast && group->first_error != NULL);
}

static void on_member(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	member_callback_t *cb = (member_callback_t *) callback;
	wait_group_t *group = cb->group;
	zend_coroutine_t *coroutine = cb->base.coroutine;

	if (group->resumed || coroutine->waker == NULL || coroutine->waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
	}
	group_add(group, &cb->key, ZEND_ASYNC_EVENT_WILL_ZVAL_RESULT(event) ? result : NULL, exception);
	if (group_done(group)) {
		group->resumed = true;
		/* A token that completed by now wins, as upstream: it may be one of the awaited items
		 * itself, whose own completion ends the wait in the same notify. */
		zend_object *token = group->cancellation;
		if (token != NULL && !async_awaitable_never_completes(token) && async_awaitable_completed(token)) {
			zend_async_waker_apply_error(coroutine->waker, async_token_error(token), true);
		}
		ZEND_ASYNC_RESUME(coroutine);
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

static bool collect_one(members_t *members, zval *key, zval *value, uint32_t arg_num)
{
	ZVAL_DEREF(value);
	if (Z_TYPE_P(value) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(value), async_ce_completable)
			|| async_awaitable_event(Z_OBJ_P(value)) == NULL) {
		zend_argument_type_error(arg_num, "must contain only Async\\Completable objects, %s given", zend_zval_type_name(value));
		return false;
	}
	Z_TRY_ADDREF_P(value);
	add_next_index_zval(&members->members, value);
	Z_TRY_ADDREF_P(key);
	add_next_index_zval(&members->keys, key);
	return true;
}

/* Arrays and Traversables (generators too) alike. */
static bool collect(members_t *members, zval *triggers, uint32_t arg_num)
{
	array_init(&members->keys);
	array_init(&members->members);

	if (Z_TYPE_P(triggers) == IS_ARRAY) {
		zend_ulong index;
		zend_string *name;
		zval *value, key;
		ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(triggers), index, name, value) {
			if (name) {
				ZVAL_STR(&key, name);
			} else {
				ZVAL_LONG(&key, (zend_long) index);
			}
			if (!collect_one(members, &key, value, arg_num)) {
				return false;
			}
		} ZEND_HASH_FOREACH_END();
		return true;
	}

	zend_object_iterator *it = Z_OBJCE_P(triggers)->get_iterator(Z_OBJCE_P(triggers), triggers, 0);
	if (it == NULL || EG(exception)) {
		return false;
	}
	bool ok = true;
	if (it->funcs->rewind) {
		it->funcs->rewind(it);
	}
	zend_long position = 0;
	while (ok && !EG(exception) && it->funcs->valid(it) == SUCCESS) {
		zval *value = it->funcs->get_current_data(it);
		if (EG(exception)) {
			break;
		}
		zval key;
		if (it->funcs->get_current_key) {
			it->funcs->get_current_key(it, &key);
		} else {
			ZVAL_LONG(&key, position);
		}
		if (Z_TYPE(key) == IS_NULL) {
			ZVAL_LONG(&key, position);
		} else if (Z_TYPE(key) != IS_LONG && Z_TYPE(key) != IS_STRING) {
			/* Upstream's message and class: keys become the keys of the result arrays. */
			zval_ptr_dtor(&key);
			zend_throw_exception(async_ce_async_exception, "Invalid key type: must be string, long or null", 0);
			ok = false;
			break;
		}
		ok = collect_one(members, &key, value, arg_num);
		zval_ptr_dtor(&key);
		position++;
		it->funcs->move_forward(it);
	}
	zend_iterator_dtor(it);
	return ok && !EG(exception);
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

/* Waits by the group's rule. Returns false with an exception thrown (the token, or a fail-fast
 * error), true when the rule is met; the group then holds what completed. */
static bool wait_group(wait_group_t *group, members_t *members, zend_object *cancellation)
{
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		return false;
	}
	array_init(&group->results);
	array_init(&group->errors);

	/* The completed ones count at once, without a switch. */
	zend_long position = 0;
	zval *member;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(members->members), member) {
		zend_object *object = Z_OBJ_P(member);
		zval *key = zend_hash_index_find(Z_ARRVAL(members->keys), position++);
		if (&ASYNC_COROUTINE_OF(self)->coroutine.event == async_awaitable_event(object)) {
			zend_throw_error(NULL, "A coroutine cannot await itself");
			return false;
		}
		if (async_awaitable_completed(object)) {
			zval *result;
			zend_object *exception;
			async_awaitable_take_outcome(object, &result, &exception);
			group_add(group, key, result, exception);
		}
	} ZEND_HASH_FOREACH_END();
	if (group_done(group)) {
		return !(group->fail_fast && group->first_error != NULL);
	}

	zend_async_waker_new(self);
	position = 0;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(members->members), member) {
		zend_object *object = Z_OBJ_P(member);
		zval *key = zend_hash_index_find(Z_ARRVAL(members->keys), position++);
		if (async_awaitable_completed(object) || async_awaitable_never_completes(object)) {
			continue;
		}
		member_callback_t *cb = ecalloc(1, sizeof(*cb));
		cb->base.base.callback = on_member;
		cb->base.base.dispose = member_dispose;
		cb->group = group;
		ZVAL_COPY(&cb->key, key);
		if (!zend_async_resume_when(self, async_awaitable_event(object), false, NULL, &cb->base)) {
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
			Z_PARAM_ITERABLE(triggers)
			Z_PARAM_OPTIONAL
			Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_awaitable)
			Z_PARAM_BOOL(preserve_key_order)
			Z_PARAM_BOOL(fill_null)
		ZEND_PARSE_PARAMETERS_END();
	} else {
		ZEND_PARSE_PARAMETERS_START(1, kind == ALL ? 4 : (kind == ALL_OR_FAIL ? 3 : 2))
			Z_PARAM_ITERABLE(triggers)
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
	if (cancellation != NULL && async_awaitable_event(cancellation) == NULL) {
		zend_argument_type_error(triggers_arg + 1, "must be a cancellation token that can complete (a Coroutine or a Timeout), %s given",
			ZSTR_VAL(cancellation->ce->name));
		RETURN_THROWS();
	}

	members_t members;
	if (!collect(&members, triggers, triggers_arg)) {
		members_free(&members);
		RETURN_THROWS();
	}
	zend_long total = zend_hash_num_elements(Z_ARRVAL(members.members));
	/* More than there are waits for all of them, as upstream; an empty input ends the wait at once. */
	if (count > total) {
		count = total;
	}

	wait_group_t group = {0};
	group.total = total;
	group.cancellation = cancellation;
	switch (kind) {
		case ALL: group.needed = total; break;
		case ALL_OR_FAIL: group.needed = total; group.fail_fast = true; break;
		case ANY_OR_FAIL: group.needed = total > 0 ? 1 : 0; group.fail_fast = true; break;
		case FIRST_SUCCESS: group.needed = total > 0 ? 1 : 0; break;
		case ANY_OF: group.needed = count; break;
		case ANY_OF_OR_FAIL: group.needed = count; group.fail_fast = true; break;
	}
	bool ok;
	if (group.needed == 0) {
		array_init(&group.results);
		array_init(&group.errors);
		ok = true;
	} else {
		ok = wait_group(&group, &members, cancellation);
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
