/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Async\iterate(): a concurrent foreach. Workers (coroutines in a child scope of the caller's)
 * each take the next element and call the callback with it, until none is left; a worker that has
 * taken an element starts another while fewer than $concurrency run. The caller waits for the
 * workers, then cancels (or awaits) what the callbacks left running in the scope. */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "../async_array.h"

/* On the caller's C stack: the caller returns only after every worker has ended. */
typedef struct {
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	HashTable *array;              /* an array iterable (a reference held), or NULL */
	HashPosition position;
	zend_object_iterator *iterator; /* a Traversable's */
	bool rewound;
	zend_long concurrency;         /* 0: no limit */
	uint32_t active;               /* workers not ended */
	uint32_t starting;             /* spawned, not yet past their first yield */
	bool moving;                   /* a worker is inside the iterator (which may suspend) */
	bool exhausted;
	bool stop;                     /* a callback returned false or failed: take nothing more */
	zend_object *error;            /* the first failure of a callback or of the iterator */
	zend_async_scope_t *scope;
	zend_object **workers;         /* their Coroutine objects (held) */
	uint32_t workers_count, workers_capacity;
} iterate_t;

static void iterate_worker(void);

static void spawn_worker(iterate_t *it)
{
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH(it->scope);
	if (coroutine == NULL) {
		return; /* thrown: the caller's worker records it */
	}
	coroutine->internal_entry = iterate_worker;
	coroutine->extended_data = it;
	ASYNC_ARRAY_RESERVE(it->workers, it->workers_count, it->workers_capacity, 8);
	zend_object *object = ASYNC_COROUTINE_OBJ(ASYNC_COROUTINE_OF(coroutine));
	GC_ADDREF(object);
	it->workers[it->workers_count++] = object;
	it->active++;
	it->starting++;
}

/* One idle worker at most: another is started only once the last one has begun to take elements. */
static void maybe_spawn_worker(iterate_t *it)
{
	if (!it->exhausted && !it->stop && it->starting == 0
			&& (it->concurrency == 0 || it->active < (zend_ulong) it->concurrency)) {
		spawn_worker(it);
	}
}

/* The next element in *value and *key: false when there is none (or thrown). */
static bool fetch(iterate_t *it, zval *value, zval *key)
{
	if (it->array != NULL) {
		zval *current;
		while ((current = zend_hash_get_current_data_ex(it->array, &it->position)) != NULL) {
			if (Z_TYPE_P(current) == IS_INDIRECT) {
				current = Z_INDIRECT_P(current);
			}
			if (Z_TYPE_P(current) != IS_UNDEF) {
				ZVAL_COPY_DEREF(value, current);
				zend_hash_get_current_key_zval_ex(it->array, key, &it->position);
				zend_hash_move_forward_ex(it->array, &it->position);
				return true;
			}
			zend_hash_move_forward_ex(it->array, &it->position);
		}
		return false;
	}

	zend_object_iterator *iter = it->iterator;
	if (!it->rewound) {
		it->rewound = true;
		if (iter->funcs->rewind != NULL) {
			iter->funcs->rewind(iter);
		}
	} else {
		iter->funcs->move_forward(iter);
	}
	if (EG(exception) != NULL || iter->funcs->valid(iter) != SUCCESS || EG(exception) != NULL) {
		return false;
	}
	zval *current = iter->funcs->get_current_data(iter);
	if (EG(exception) != NULL || current == NULL) {
		return false;
	}
	ZVAL_COPY_DEREF(value, current);
	if (iter->funcs->get_current_key != NULL) {
		iter->funcs->get_current_key(iter, key);
		if (EG(exception) != NULL) {
			zval_ptr_dtor(value);
			return false;
		}
	} else {
		ZVAL_LONG(key, iter->index);
	}
	iter->index++;
	return true;
}

/* A worker's exception: the first real one stops the iteration and cancels the other workers; the
 * cancellations that follow from it are expected. */
static void worker_failed(iterate_t *it, zend_coroutine_t *self)
{
	zend_object *exception = EG(exception);
	GC_ADDREF(exception);
	zend_clear_exception();
	if (it->error != NULL) {
		OBJ_RELEASE(exception);
		return;
	}
	it->error = exception;
	it->stop = true;
	for (uint32_t i = 0; i < it->workers_count; i++) {
		zend_coroutine_t *worker = &ASYNC_COROUTINE_FROM_OBJ(it->workers[i])->coroutine;
		if (worker != self && !ZEND_COROUTINE_IS_FINISHED(worker)) {
			ZEND_ASYNC_CANCEL(worker, NULL, false);
		}
	}
}

static void iterate_worker(void)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	iterate_t *it = self->extended_data;

	/* Let the worker that started this one go on first, until it suspends: a callback that never
	 * suspends then runs the whole iteration in one coroutine. */
	ZEND_ASYNC_SUSPEND();
	it->starting--;
	if (EG(exception) != NULL) {
		worker_failed(it, self);
	}

	while (!it->stop && !it->exhausted && !it->moving) {
		zval value, key, retval;
		it->moving = true;
		bool got = fetch(it, &value, &key);
		it->moving = false;
		if (!got) {
			if (EG(exception) != NULL) {
				worker_failed(it, self);
			} else {
				it->exhausted = true;
			}
			break;
		}
		maybe_spawn_worker(it);
		if (EG(exception) != NULL) { /* the spawn was refused */
			zval_ptr_dtor(&value);
			zval_ptr_dtor(&key);
			worker_failed(it, self);
			break;
		}

		zval params[2];
		ZVAL_COPY_VALUE(&params[0], &value);
		ZVAL_COPY_VALUE(&params[1], &key);
		zend_fcall_info fci = it->fci;
		fci.retval = &retval;
		fci.params = params;
		fci.param_count = 2;
		ZVAL_UNDEF(&retval);
		zend_call_function(&fci, &it->fcc);
		zval_ptr_dtor(&value);
		zval_ptr_dtor(&key);
		if (EG(exception) != NULL) {
			zval_ptr_dtor(&retval);
			worker_failed(it, self);
			break;
		}
		if (Z_TYPE(retval) == IS_FALSE) {
			it->stop = true;
		}
		zval_ptr_dtor(&retval);
	}
	it->active--;
}

/* Suspends the caller until `event` fires, whatever its outcome. */
static void on_event(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) result;
	(void) exception;
	zend_async_waker_callback_resolve(event, callback, NULL, NULL);
}

/* A cancellation of the caller meanwhile is kept in *caller_error (the first one) and cancels the
 * scope: the wait goes on until what iterate() started has ended. */
static void caller_wait(zend_coroutine_t *self, zend_async_event_t *event, iterate_t *it,
	zend_object **caller_error)
{
	zend_async_waker_new(self);
	if (zend_async_resume_when(self, event, false, on_event, NULL)) {
		ZEND_ASYNC_SUSPEND();
	} else {
		zend_async_waker_clean(self);
	}
	if (EG(exception) != NULL) {
		zend_object *exception = EG(exception);
		GC_ADDREF(exception);
		zend_clear_exception();
		if (*caller_error == NULL) {
			*caller_error = exception;
		} else {
			OBJ_RELEASE(exception);
		}
		it->stop = true;
		if (!it->scope->cancelled) {
			async_scope_cancel(it->scope, NULL);
		}
	}
}

ZEND_FUNCTION(Async_iterate)
{
	zval *iterable;
	iterate_t it;
	bool cancel_pending = true;

	memset(&it, 0, sizeof(it));
	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_ITERABLE(iterable)
		Z_PARAM_FUNC(it.fci, it.fcc)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(it.concurrency)
		Z_PARAM_BOOL(cancel_pending)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	if (it.concurrency < 0) {
		zend_argument_value_error(3, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		RETURN_THROWS();
	}

	if (Z_TYPE_P(iterable) == IS_ARRAY) {
		it.array = Z_ARRVAL_P(iterable);
		GC_TRY_ADDREF(it.array);
		zend_hash_internal_pointer_reset_ex(it.array, &it.position);
	} else {
		zend_class_entry *ce = Z_OBJCE_P(iterable);
		it.iterator = ce->get_iterator(ce, iterable, 0);
		if (it.iterator == NULL || EG(exception) != NULL) {
			if (it.iterator != NULL) {
				zend_iterator_dtor(it.iterator);
			} else if (EG(exception) == NULL) {
				zend_throw_error(NULL, "Object of type %s did not create an Iterator", ZSTR_VAL(ce->name));
			}
			RETURN_THROWS();
		}
	}

	zend_object *caller_error = NULL;
	it.scope = async_scope_new(self->scope != NULL ? self->scope : ZEND_ASYNC_MAIN_SCOPE);
	if (it.scope != NULL) {
		spawn_worker(&it);
		if (EG(exception) != NULL) {
			it.error = EG(exception);
			GC_ADDREF(it.error);
			zend_clear_exception();
		}

		/* The workers, including those started meanwhile. */
		for (uint32_t i = 0; i < it.workers_count; i++) {
			zend_coroutine_t *worker = &ASYNC_COROUTINE_FROM_OBJ(it.workers[i])->coroutine;
			while (!ZEND_COROUTINE_IS_FINISHED(worker)) {
				caller_wait(self, &worker->event, &it, &caller_error);
			}
		}
		/* Then what the callbacks started and left running. */
		if ((cancel_pending || it.error != NULL) && !it.scope->cancelled && !async_scope_is_finished(it.scope)) {
			async_scope_cancel(it.scope, NULL);
		}
		while (!async_scope_is_finished(it.scope)) {
			caller_wait(self, &it.scope->event, &it, &caller_error);
		}
		OBJ_RELEASE(ASYNC_SCOPE_OBJ(it.scope));
	}

	for (uint32_t i = 0; i < it.workers_count; i++) {
		OBJ_RELEASE(it.workers[i]);
	}
	if (it.workers != NULL) {
		efree(it.workers);
	}
	if (it.array != NULL) {
		zend_array_release(it.array);
	}
	if (it.iterator != NULL) {
		zend_iterator_dtor(it.iterator);
	}
	/* The caller's own cancellation first: it is why the iteration ended. */
	if (caller_error != NULL) {
		if (it.error != NULL) {
			OBJ_RELEASE(it.error);
		}
		zend_throw_exception_internal(caller_error);
	} else if (it.error != NULL) {
		zend_throw_exception_internal(it.error);
	}
}
