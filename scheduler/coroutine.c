/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Coroutines: the Async\Coroutine class whole (as php-src keeps Fiber in zend_fibers.c): the
 * object that carries each coroutine, running one on a fiber context with its own VM stack, its
 * end (result or exception, awaiters notified), and the methods PHP code calls; with the
 * Awaitable and Completable interfaces it implements.
 */
#include "scheduler.h"
#include "call_state.h"
#include "zend_exceptions.h"
#include "zend_closures.h"
#include "zend_builtin_functions.h"
#include "../engine/engine.h"
#include "coroutine_arginfo.h"

zend_class_entry *async_ce_awaitable;
zend_class_entry *async_ce_completable;
zend_class_entry *async_ce_coroutine;
static zend_object_handlers coroutine_handlers;

/* The bottom frame of every coroutine's VM stack, so backtraces end there. */
static zend_function root_function = { ZEND_INTERNAL_FUNCTION };

static void hand_on_finally_error(async_coroutine_t *co);

/* ---- the coroutine's event: fires once, when it ends ---- */

static bool event_dispose(zend_async_event_t *event)
{
	OBJ_RELEASE(ASYNC_COROUTINE_OBJ(event));
	return true;
}

static bool event_replay(zend_async_event_t *event, zend_async_event_callback_t *callback, zval *result,
	zend_object **exception)
{
	zend_coroutine_t *co = (zend_coroutine_t *) event;
	if (!ZEND_COROUTINE_IS_FINISHED(co)) {
		return false;
	}
	if (callback != NULL) {
		callback->callback(event, callback, &co->result, co->exception);
		return true;
	}
	if (result != NULL) {
		ZVAL_COPY(result, &co->result);
	}
	if (exception != NULL) {
		*exception = co->exception;
		if (co->exception != NULL) {
			GC_ADDREF(co->exception);
		}
	}
	return true;
}

zend_string *async_coroutine_spawn_location(async_coroutine_t *co)
{
	if (co->coroutine.filename == NULL) {
		return zend_string_init("spawned internally", sizeof("spawned internally") - 1, 0);
	}
	return zend_strpprintf(0, "spawned at %s:%u", ZSTR_VAL(co->coroutine.filename), co->coroutine.lineno);
}

static zend_string *event_info(zend_async_event_t *event)
{
	async_coroutine_t *co = ASYNC_COROUTINE_OF(event);
	if (ZEND_COROUTINE_IS_MAIN(&co->coroutine)) {
		return zend_string_init("the main script", sizeof("the main script") - 1, 0);
	}
	zend_string *where = async_coroutine_spawn_location(co);
	zend_string *info = zend_strpprintf(0, "coroutine #%" PRIu64 " (%s)", co->id, ZSTR_VAL(where));
	zend_string_release(where);
	return info;
}

/* ---- creation ---- */

static zend_object *coroutine_create_object(zend_class_entry *ce)
{
	async_coroutine_t *co = zend_object_alloc(sizeof(async_coroutine_t), ce);
	zend_object_std_init(&co->std, ce);
	object_properties_init(&co->std, ce);
	co->std.handlers = &coroutine_handlers;

	zend_async_event_t *event = &co->coroutine.event;
	event->flags = ZEND_ASYNC_EVENT_F_ZEND_OBJ | ZEND_ASYNC_EVENT_F_ZVAL_RESULT;
	event->zend_object_offset = XtOffsetOf(async_coroutine_t, std);
	event->add_callback = zend_async_callbacks_push;
	event->del_callback = zend_async_callbacks_remove;
	event->start = async_event_start_nothing;
	event->stop = async_event_stop_nothing;
	event->dispose = event_dispose;
	event->replay = event_replay;
	event->info = event_info;

	co->coroutine.waker = &co->waker;
	ZVAL_UNDEF(&co->waker.result);
	ZVAL_UNDEF(&co->finally_handlers);
	ZVAL_NULL(&co->coroutine.result);
	co->id = async_scheduler.next_id++;
	return &co->std;
}

async_coroutine_t *async_coroutine_new(zend_async_scope_t *scope)
{
	async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(coroutine_create_object(async_ce_coroutine));
	co->coroutine.scope = scope;
	if (scope != NULL) {
		async_scope_hold(scope); /* released when the coroutine ends (or its object goes) */
	}

	zend_string *filename = zend_get_executed_filename_ex(); /* where it is spawned */
	if (filename != NULL) {
		co->coroutine.filename = zend_string_copy(filename);
		co->coroutine.lineno = zend_get_executed_lineno();
	}
	return co;
}

zend_coroutine_t *async_scheduler_new_coroutine(zend_async_scope_t *scope)
{
	return &async_coroutine_new(scope)->coroutine;
}

/* ---- running ---- */

/* Drops the callable and its arguments (as a Fiber does when its function returns): what they
 * hold goes as soon as the coroutine ends, and the GC has less to walk afterwards. */
static void release_entry(zend_coroutine_t *coroutine)
{
	zend_fcall_t *fcall = coroutine->fcall;
	if (fcall == NULL) {
		return;
	}
	coroutine->fcall = NULL;
	zend_fcall_info *fci = &fcall->fci;
	zval_ptr_dtor(&fci->function_name);
	for (uint32_t i = 0; i < fci->param_count; i++) {
		zval_ptr_dtor(&fci->params[i]);
	}
	if (fci->params != NULL) {
		efree(fci->params);
	}
	if (fci->named_params != NULL) {
		zend_array_release(fci->named_params);
	}
}

static void call_entry(async_coroutine_t *co, zval *retval)
{
	zend_fcall_t *fcall = co->coroutine.fcall;
	if (fcall != NULL) {
		fcall->fci.retval = retval;
		zend_call_function(&fcall->fci, &fcall->fci_cache);
		release_entry(&co->coroutine);
	} else if (co->coroutine.internal_entry != NULL) {
		co->coroutine.internal_entry();
	}
}

/* An empty VM stack in the page the context keeps on its C stack (fiber.c), its root frame current:
 * what a coroutine starts with, and what the context has between two coroutines, where releasing
 * a coroutine or its result may call destructors (PHP code needs a VM stack). Set up once per
 * context, and again after each coroutine. A Fiber takes ZEND_FIBER_VM_STACK_SIZE (16 KiB) from the
 * heap; most coroutines need far less, and the VM adds pages when a deeper call needs them. */
static void reset_vm_stack(async_fiber_t *fiber)
{
	zend_vm_stack page = fiber->vm_page;
	page->top = ZEND_VM_STACK_ELEMENTS(page);
	page->end = (zval *) ((char *) page + ASYNC_FIBER_VM_PAGE_SIZE);
	page->prev = NULL;

	EG(vm_stack) = page;
	EG(vm_stack_top) = page->top;
	EG(vm_stack_end) = page->end;
	EG(vm_stack_page_size) = ASYNC_VM_EXTENSION_PAGE_SIZE;

	zend_execute_data *root = (zend_execute_data *) EG(vm_stack_top);
	EG(vm_stack_top) = (zval *) root + ZEND_CALL_FRAME_SLOT;
	memset(root, 0, sizeof(zend_execute_data));
	root->func = &root_function;
	EG(current_execute_data) = root;
}

/* Frees the pages the VM added to the context's first one, and empties it. */
static void unwind_vm_stack(async_fiber_t *fiber)
{
	zend_vm_stack page = EG(vm_stack);
	while (page != NULL && page != fiber->vm_page) {
		zend_vm_stack prev = page->prev;
		efree(page);
		page = prev;
	}
	reset_vm_stack(fiber);
}

/* PHP 8.2.30 and later report an out-of-memory error at the next VM interrupt, then unwind the
 * script with UnwindExit (as exit() does) instead of bailing out. Such an unwind ends the request
 * as a fatal error does: no other coroutine runs again (a graceful shutdown would run their
 * finally blocks, which stock PHP never runs after a fatal error). PHP recorded the error just
 * before: exit() leaves no fatal error as the last one. */
bool async_is_fatal_unwind(zend_object *exception)
{
	return exception != NULL && zend_is_unwind_exit(exception)
		&& (PG(last_error_type) & E_FATAL_ERRORS) && PG(last_error_message) != NULL;
}

/* A fatal error on a fiber context: the main context takes it on and ends the request (PHP's
 * bailout handler is there). Never returns. */
static void bail_out_to_main(async_fiber_t *fiber)
{
	unwind_vm_stack(fiber);
	zend_fiber_transfer transfer = { .context = EG(main_fiber_context), .flags = ZEND_FIBER_TRANSFER_FLAG_BAILOUT };
	ZVAL_NULL(&transfer.value);
	async_output_switch(NULL, async_scheduler.main); /* PHP flushes the script's buffers */
	ZEND_ASYNC_G(coroutine) = ZEND_ASYNC_G(main_coroutine);
	zend_fiber_switch_context(&transfer);
	ZEND_UNREACHABLE();
}

/* Runs the coroutine on the current fiber context with a VM stack of its own. */
static void run_coroutine(async_coroutine_t *co)
{
	async_fiber_t *fiber = co->fiber;
	EG(jit_trace_num) = 0;
	EG(active_fiber) = NULL;
	EG(exception) = NULL;
	async_call_state_reset(); /* not what the context's last coroutine or the spawner left */

	ZEND_COROUTINE_SET_STARTED(&co->coroutine);

	zval retval;
	ZVAL_UNDEF(&retval);
	volatile bool bailout = false; /* set after a longjmp */
	zend_try {
		if (UNEXPECTED(co->pending_cancel != NULL) && async_scheduler_deliver_pending_cancel(co)) {
			release_entry(&co->coroutine); /* cancelled before it started: it only ends */
		} else {
			call_entry(co, &retval);
		}
	} zend_catch {
		bailout = true;
	} zend_end_try();
	if (!bailout && async_is_fatal_unwind(EG(exception))) {
		zend_clear_exception();
		bailout = true; /* a fatal error ends the request as any other: see async_is_fatal_unwind() */
	}

	zend_object *exception = NULL;
	if (EG(exception) != NULL) {
		exception = EG(exception);
		GC_ADDREF(exception);
		zend_clear_exception();
	}
	if (Z_TYPE(retval) == IS_UNDEF) {
		ZVAL_NULL(&retval);
	}
	if (!bailout) {
		/* The result is known: handlers see it, and run while the VM stack is still there. */
		zval_ptr_dtor(&co->coroutine.result);
		ZVAL_COPY(&co->coroutine.result, &retval);
		if (exception != NULL && co->coroutine.exception == NULL) {
			GC_ADDREF(exception);
			co->coroutine.exception = exception;
		}
		zend_try {
			/* As upstream: the scope's exception handler hears of the failure before the
			 * coroutine's finally handlers run (what they throw goes to that handler too). */
			co->ended = true;
			async_scope_coroutine_failed(co);
			async_coroutine_call_finally(co);
			async_output_coroutine_ended();
			hand_on_finally_error(co); /* after its own exception, as upstream */
		} zend_catch {
			bailout = true;
		} zend_end_try();
	}

	/* The pages the VM added go; the first one is the context's, left empty: the end of the
	 * coroutine below may run destructors, in the request's state like the scheduler's work. */
	unwind_vm_stack(fiber);
	async_call_state_reset();

	co->fiber = NULL;
	if (UNEXPECTED(bailout)) {
		zval_ptr_dtor(&retval);
		if (exception) {
			OBJ_RELEASE(exception);
		}
		bail_out_to_main(fiber);
	}
	async_coroutine_finish(co, &retval, exception);
	if (exception) {
		OBJ_RELEASE(exception);
	}
	/* It may be freed now: this context runs no coroutine until it is given the next one. */
	ZEND_ASYNC_G(coroutine) = NULL;
	async_scheduler_take_stray_exception(); /* thrown by destructors its end ran */
}

void async_fiber_run_loop(async_fiber_t *fiber)
{
	reset_vm_stack(fiber);
	zend_try {
		while (!fiber->exit_requested) {
			async_coroutine_t *co = fiber->coroutine;
			run_coroutine(co);
			fiber->coroutine = NULL;
			if (!async_scheduler_next_for_fiber(fiber)) {
				break;
			}
		}
	} zend_catch {
		/* A fatal error outside a coroutine's body: in a destructor its end ran, or one the
		 * scheduler ran between coroutines (PHP's own bailout point is on the main context). */
		bail_out_to_main(fiber);
	} zend_end_try();
}

/* ---- the end ---- */

static bool is_cancellation(zend_object *exception)
{
	return instanceof_function(exception->ce, async_ce_cancellation);
}

void async_coroutine_finish(async_coroutine_t *co, zval *result, zend_object *exception)
{
	zend_coroutine_t *coroutine = &co->coroutine;
	if (ZEND_COROUTINE_IS_FINISHED(coroutine)) {
		if (result) {
			zval_ptr_dtor(result);
		}
		return;
	}
	GC_ADDREF(&co->std); /* alive through the notification */

	if (result != NULL) {
		zval_ptr_dtor(&coroutine->result);
		ZVAL_COPY_VALUE(&coroutine->result, result);
	}
	if (exception != NULL && coroutine->exception != exception) {
		if (coroutine->exception != NULL) {
			OBJ_RELEASE(coroutine->exception);
		}
		GC_ADDREF(exception);
		coroutine->exception = exception;
	}
	async_coroutine_call_finally(co); /* if it did not run yet: cancelled before it started */
	hand_on_finally_error(co);
	zend_async_waker_destroy(coroutine);
	if (co->pending_cancel != NULL) {
		OBJ_RELEASE(co->pending_cancel);
		co->pending_cancel = NULL;
	}
	ZEND_COROUTINE_SET_FINISHED(coroutine);
	ZEND_ASYNC_CALLBACKS_NOTIFY(&coroutine->event, &coroutine->result, exception);
	async_scheduler_take_stray_exception(); /* a callback threw */

	if (exception != NULL) {
		if (ZEND_ASYNC_EVENT_IS_EXCEPTION_HANDLED(&coroutine->event)) {
			co->exception_handled = true;
		}
		if (zend_is_unwind_exit(exception)) {
			/* exit() in a coroutine ends the application: the others are cancelled first. */
			co->exception_handled = true;
			if (ZEND_ASYNC_EXIT_EXCEPTION != NULL) {
				OBJ_RELEASE(ZEND_ASYNC_EXIT_EXCEPTION);
			}
			GC_ADDREF(exception);
			ZEND_ASYNC_EXIT_EXCEPTION = exception;
			ZEND_ASYNC_SHUTDOWN();
		} else if (!co->exception_handled && !is_cancellation(exception) && GC_REFCOUNT(&co->std) <= 2) {
			/* Nobody awaited it and nobody holds it: uncaught. (The two references are the
			 * scheduler's and ours.) Otherwise whoever holds it may still await it. */
			async_scheduler_report_uncaught(co);
		}
	}

	async_scheduler_coroutine_ended(co); /* its scope and the scheduler let go of it */
	if (co != async_scheduler.main && coroutine->fcall == NULL && coroutine->exception == NULL
			&& !Z_COLLECTABLE(coroutine->result) && Z_TYPE(co->waker.result) == IS_UNDEF
			&& Z_TYPE(co->finally_handlers) == IS_UNDEF && co->std.properties == NULL && co->context == NULL) {
		/* It holds nothing the GC could follow, and nothing can be added now (finally() calls at
		 * once, the class forbids dynamic properties): it cannot be part of a cycle. Like an
		 * array PHP knows to hold no collectable, it stays out of the GC's root buffer when
		 * a variable holding it goes (a loop over thousands of coroutines would fill it). */
		GC_ADD_FLAGS(&co->std, GC_NOT_COLLECTABLE);
	}
	async_coroutine_release(co);
}

/* Whether the coroutine could be part of a reference cycle: something it reports to the GC
 * (coroutine_get_gc), or its scope's chain, could lead back to it. */
static bool may_be_in_cycle(async_coroutine_t *co)
{
	zend_coroutine_t *coroutine = &co->coroutine;
	if (co->std.properties != NULL || coroutine->fcall != NULL || coroutine->exception != NULL
			|| Z_COLLECTABLE(coroutine->result) || Z_COLLECTABLE(co->waker.result)
			|| Z_TYPE(co->finally_handlers) != IS_UNDEF || co->context != NULL) {
		return true;
	}
	for (zend_async_scope_t *scope = coroutine->scope; scope != NULL; scope = scope->parent_scope) {
		if (scope->std.properties != NULL || Z_TYPE(scope->exception_handler) != IS_UNDEF
				|| Z_TYPE(scope->child_exception_handler) != IS_UNDEF || Z_TYPE(scope->finally_handlers) != IS_UNDEF
				|| scope->context.object != NULL) {
			return true;
		}
	}
	return false;
}

/* Drops a reference the runtime held (OBJ_RELEASE). What is left of the coroutine is only a GC
 * root candidate when it could be in a cycle: one that cannot is freed by its last reference,
 * as PHP does for arrays it marks not collectable. This keeps the thousands of coroutines a
 * burst ends out of the root buffer, and the GC from walking them all again and again. */
void async_coroutine_release(async_coroutine_t *co)
{
	zend_object *object = &co->std;
	if (GC_DELREF(object) == 0) {
		zend_objects_store_del(object);
	} else if (may_be_in_cycle(co)) {
		gc_check_possible_root((zend_refcounted *) object);
	}
}

void async_coroutine_call_finally(async_coroutine_t *co)
{
	co->ended = true;
	if (co->finally_done) {
		return;
	}
	co->finally_done = true;
	if (Z_TYPE(co->finally_handlers) != IS_ARRAY) {
		return;
	}
	zval handlers;
	ZVAL_COPY_VALUE(&handlers, &co->finally_handlers);
	ZVAL_UNDEF(&co->finally_handlers);
	co->finally_error = async_call_finally_handlers_collect(&handlers, &co->std, "Several finally handlers threw");
}

/* What its finally handlers threw goes to its scope's exception handler, or else is uncaught. */
static void hand_on_finally_error(async_coroutine_t *co)
{
	zend_object *error = co->finally_error;
	if (error == NULL) {
		return;
	}
	co->finally_error = NULL;
	if (async_scope_handle_finally_error(co, error)) {
		OBJ_RELEASE(error);
	} else {
		async_report_handler_error(error);
	}
}

void async_coroutine_add_finally(async_coroutine_t *co, zval *callback)
{
	if (Z_TYPE(co->finally_handlers) != IS_ARRAY) {
		array_init(&co->finally_handlers);
	}
	Z_ADDREF_P(callback);
	add_next_index_zval(&co->finally_handlers, callback);
}

/* ---- the object ---- */

/* The engine is shutting down (the object store is being freed): no PHP code runs any more, so
 * the exception's __toString() cannot be called; its class, message, file and line are read,
 * unless the store freed it first (it was in the same garbage), when its class is all there is. */
static void warn_uncaught_at_shutdown(zend_object *exception)
{
	const char *class_name = ZSTR_VAL(exception->ce->name);
	if (OBJ_FLAGS(exception) & IS_OBJ_FREE_CALLED) {
		zend_error(E_WARNING, "Uncaught %s in a coroutine nobody awaited (found at shutdown)", class_name);
		return;
	}
	zend_class_entry *base = zend_get_exception_base(exception);
	zval rv_message, rv_file, rv_line;
	zval *message = zend_read_property_ex(base, exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv_message);
	zval *file = zend_read_property_ex(base, exception, ZSTR_KNOWN(ZEND_STR_FILE), true, &rv_file);
	zval *line = zend_read_property_ex(base, exception, ZSTR_KNOWN(ZEND_STR_LINE), true, &rv_line);
	zend_error(E_WARNING, "Uncaught %s: %s in %s:" ZEND_LONG_FMT " (in a coroutine nobody awaited, found at shutdown)",
		class_name, Z_TYPE_P(message) == IS_STRING ? Z_STRVAL_P(message) : "",
		Z_TYPE_P(file) == IS_STRING ? Z_STRVAL_P(file) : "Unknown", Z_TYPE_P(line) == IS_LONG ? Z_LVAL_P(line) : 0);
}

static void coroutine_free(zend_object *object)
{
	async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(object);
	zend_coroutine_t *coroutine = &co->coroutine;

	/* An exception that nobody awaited or asked for, in a coroutine someone held on to. */
	if (coroutine->exception != NULL && !co->exception_handled && !co->exception_reported
			&& !is_cancellation(coroutine->exception) && !zend_is_unwind_exit(coroutine->exception)) {
		if (async_scheduler.launched && !async_scheduler.after_main) {
			async_scheduler_report_uncaught(co);
		} else if (EG(flags) & EG_FLAGS_IN_SHUTDOWN) {
			warn_uncaught_at_shutdown(coroutine->exception);
		} else if (!EG(exception)) {
			zend_exception_error(coroutine->exception, E_WARNING);
		}
	}

	zend_async_waker_destroy(coroutine);
	zend_async_callbacks_free(&coroutine->event);
	release_entry(coroutine);
	zval_ptr_dtor(&coroutine->result);
	zval_ptr_dtor(&co->finally_handlers);
	if (coroutine->exception != NULL) {
		OBJ_RELEASE(coroutine->exception);
	}
	if (co->pending_cancel != NULL) {
		OBJ_RELEASE(co->pending_cancel);
	}
	if (co->finally_error != NULL) {
		OBJ_RELEASE(co->finally_error); /* a fatal error came first */
	}
	if (co->context != NULL) {
		OBJ_RELEASE(co->context);
	}
	if (coroutine->filename != NULL) {
		zend_string_release(coroutine->filename);
	}
	if (coroutine->scope != NULL) {
		/* still listed if it never ended: a fatal error */
		async_list_remove(&coroutine->scope->coroutines, &co->scope_link);
		zend_async_scope_t *scope = coroutine->scope;
		coroutine->scope = NULL;
		async_scope_release(scope);
	}
	zend_object_std_dtor(object);
}

static HashTable *coroutine_get_gc(zend_object *object, zval **table, int *n)
{
	async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(object);
	if (GC_FLAGS(object) & GC_NOT_COLLECTABLE) {
		*table = NULL;
		*n = 0;
		return NULL;
	}
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	if (co->coroutine.fcall != NULL) {
		zend_fcall_info *fci = &co->coroutine.fcall->fci;
		zend_get_gc_buffer_add_zval(buffer, &fci->function_name);
		for (uint32_t i = 0; i < fci->param_count; i++) {
			zend_get_gc_buffer_add_zval(buffer, &fci->params[i]);
		}
	}
	zend_get_gc_buffer_add_zval(buffer, &co->coroutine.result);
	if (co->coroutine.exception != NULL) {
		zend_get_gc_buffer_add_obj(buffer, co->coroutine.exception);
	}
	zend_get_gc_buffer_add_zval(buffer, &co->waker.result);
	zend_get_gc_buffer_add_zval(buffer, &co->finally_handlers);
	if (co->context != NULL) {
		zend_get_gc_buffer_add_obj(buffer, co->context);
	}
	/* Its scope is held, not referenced (async_scope_hold): not a child here. */
	zend_get_gc_buffer_use(buffer, table, n);
	/* The class declares no properties: only dynamic ones, if any (no table built for nothing). */
	return object->properties;
}

/* ---- the call a spawned coroutine runs ---- */

void async_coroutine_set_call(zend_coroutine_t *coroutine, zend_fcall_info *fci, zend_fcall_info_cache *fcc,
	zval *args, uint32_t args_count, HashTable *named_args)
{
	zend_fcall_t *fcall = &ASYNC_COROUTINE_OF(coroutine)->fcall_storage;
	fcall->fci = *fci;
	fcall->fci_cache = *fcc;
	Z_TRY_ADDREF(fcall->fci.function_name);
	fcall->fci.param_count = args_count;
	fcall->fci.params = NULL;
	if (args_count > 0) {
		fcall->fci.params = safe_emalloc(args_count, sizeof(zval), 0);
		for (uint32_t i = 0; i < args_count; i++) {
			ZVAL_COPY(&fcall->fci.params[i], &args[i]);
		}
	}
	fcall->fci.named_params = NULL;
	if (named_args != NULL) {
		GC_ADDREF(named_args);
		fcall->fci.named_params = named_args;
	}
	coroutine->fcall = fcall;
}

/* ---- the methods of Async\Coroutine ---- */

#define THIS_COROUTINE() ASYNC_COROUTINE_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

static bool is_running(async_coroutine_t *co)
{
	return &co->coroutine == ZEND_ASYNC_CURRENT_COROUTINE;
}

ZEND_METHOD(Async_Coroutine, __construct)
{
	/* Private: coroutines come from spawn(). */
	(void) execute_data;
	(void) return_value;
}

ZEND_METHOD(Async_Coroutine, getContext)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_OBJ_COPY(async_class_services->coroutine_context(&THIS_COROUTINE()->coroutine));
}

ZEND_METHOD(Async_Coroutine, getId)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG((zend_long) THIS_COROUTINE()->id);
}

ZEND_METHOD(Async_Coroutine, getResult)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	if (!ASYNC_COROUTINE_ENDED(co)) {
		RETURN_NULL();
	}
	RETURN_COPY(&co->coroutine.result);
}

ZEND_METHOD(Async_Coroutine, getException)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	if (!ASYNC_COROUTINE_ENDED(co)) {
		/* Not started yet: no exception (null), as upstream; started and not ended: upstream's class. */
		if (ZEND_COROUTINE_IS_STARTED(&co->coroutine)) {
			zend_throw_exception(async_ce_async_exception, "Cannot get the exception of a coroutine that has not completed yet", 0);
			RETURN_THROWS();
		}
		RETURN_NULL();
	}
	if (co->coroutine.exception == NULL) {
		RETURN_NULL();
	}
	co->exception_handled = true;
	RETURN_OBJ_COPY(co->coroutine.exception);
}

ZEND_METHOD(Async_Coroutine, cancel)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_cancellation)
	ZEND_PARSE_PARAMETERS_END();

	(void) return_value;
	async_coroutine_t *co = THIS_COROUTINE();
	if (ZEND_COROUTINE_IS_FINISHED(&co->coroutine)) {
		return; /* nothing left to cancel */
	}
	ZEND_ASYNC_CANCEL(&co->coroutine, cancellation, false);
}

ZEND_METHOD(Async_Coroutine, isStarted)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(ZEND_COROUTINE_IS_STARTED(&THIS_COROUTINE()->coroutine));
}

ZEND_METHOD(Async_Coroutine, isQueued)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	RETURN_BOOL(co->queued && !ZEND_COROUTINE_IS_FINISHED(&co->coroutine));
}

ZEND_METHOD(Async_Coroutine, isRunning)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(is_running(THIS_COROUTINE()));
}

ZEND_METHOD(Async_Coroutine, isSuspended)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	/* Queued and not started yet counts as suspended too, as upstream: it waits for its turn. */
	RETURN_BOOL(!ZEND_COROUTINE_IS_FINISHED(&co->coroutine) && !is_running(co));
}

ZEND_METHOD(Async_Coroutine, isCancelled)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	RETURN_BOOL(ASYNC_COROUTINE_ENDED(co) && co->coroutine.exception != NULL
		&& instanceof_function(co->coroutine.exception->ce, async_ce_cancellation));
}

ZEND_METHOD(Async_Coroutine, isCancellationRequested)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(ZEND_COROUTINE_IS_CANCELLED(&THIS_COROUTINE()->coroutine));
}

ZEND_METHOD(Async_Coroutine, isCompleted)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(ASYNC_COROUTINE_ENDED(THIS_COROUTINE()));
}

ZEND_METHOD(Async_Coroutine, finally)
{
	zval *callback;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(callback, zend_ce_closure)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_coroutine_t *co = THIS_COROUTINE();
	if (ZEND_COROUTINE_IS_FINISHED(&co->coroutine)) {
		zval retval, argument;
		ZVAL_OBJ(&argument, &co->std);
		call_user_function(NULL, NULL, callback, &retval, 1, &argument);
		zval_ptr_dtor(&retval);
		return;
	}
	async_coroutine_add_finally(co, callback);
}

ZEND_METHOD(Async_Coroutine, getTrace)
{
	zend_long options = DEBUG_BACKTRACE_PROVIDE_OBJECT, limit = 0;

	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(options)
		Z_PARAM_LONG(limit)
	ZEND_PARSE_PARAMETERS_END();

	async_coroutine_t *co = THIS_COROUTINE();
	bool suspended = ZEND_COROUTINE_IS_STARTED(&co->coroutine) && !ASYNC_COROUTINE_ENDED(co) && !is_running(co);
	if (!suspended || co->suspended_frame == NULL) {
		RETURN_NULL();
	}
	/* Read its stack as if it ran: its frames stay valid while it is suspended. */
	zend_execute_data *current = EG(current_execute_data);
	EG(current_execute_data) = co->suspended_frame;
	zend_fetch_debug_backtrace(return_value, 0, (int) options, (int) limit);
	EG(current_execute_data) = current;
}

ZEND_METHOD(Async_Coroutine, getSpawnLocation)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	if (co->coroutine.filename == NULL) {
		RETURN_EMPTY_STRING();
	}
	RETURN_STR(zend_strpprintf(0, "%s:%u", ZSTR_VAL(co->coroutine.filename), co->coroutine.lineno));
}

ZEND_METHOD(Async_Coroutine, getSuspendLocation)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	bool suspended = ZEND_COROUTINE_IS_STARTED(&co->coroutine) && !ZEND_COROUTINE_IS_FINISHED(&co->coroutine)
		&& !is_running(co);
	if (suspended) {
		async_waker_resolve_location(&co->waker);
	}
	if (!suspended || co->waker.filename == NULL) {
		RETURN_EMPTY_STRING();
	}
	RETURN_STR(zend_strpprintf(0, "%s:%u", ZSTR_VAL(co->waker.filename), co->waker.lineno));
}


static void file_and_line(zval *return_value, zend_string *file, uint32_t line)
{
	array_init_size(return_value, 2);
	if (file != NULL) {
		add_next_index_str(return_value, zend_string_copy(file));
		add_next_index_long(return_value, line);
	} else {
		add_next_index_null(return_value);
		add_next_index_long(return_value, 0);
	}
}

ZEND_METHOD(Async_Coroutine, getSpawnFileAndLine)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	file_and_line(return_value, co->coroutine.filename, co->coroutine.lineno);
}

ZEND_METHOD(Async_Coroutine, getSuspendFileAndLine)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	bool suspended = ZEND_COROUTINE_IS_STARTED(&co->coroutine) && !ZEND_COROUTINE_IS_FINISHED(&co->coroutine)
		&& !is_running(co);
	if (suspended) {
		async_waker_resolve_location(&co->waker);
	}
	file_and_line(return_value, suspended ? co->waker.filename : NULL, co->waker.lineno);
}

ZEND_METHOD(Async_Coroutine, getAwaitingInfo)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	zend_async_waker_t *waker = &co->waker;
	array_init(return_value);
	if (ZEND_COROUTINE_IS_FINISHED(&co->coroutine) || is_running(co) || waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	for (uint32_t i = 0; i < waker->count; i++) {
		zend_async_event_t *event = i < ZEND_ASYNC_WAKER_INLINE_SLOTS
			? waker->inline_triggers[i].event : waker->more[i - ZEND_ASYNC_WAKER_INLINE_SLOTS].event;
		zend_string *info = event->info != NULL ? event->info(event) : NULL;
		if (info == NULL) {
			info = zend_string_init("an event", sizeof("an event") - 1, 0);
		}
		add_next_index_str(return_value, info);
	}
}

ZEND_METHOD(Async_Coroutine, asHiPriority)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_coroutine_t *co = THIS_COROUTINE();
	if (co->queued) {
		async_queue_move_to_head(co);
	}
	RETURN_OBJ_COPY(&co->std);
}

/* ---- the class ---- */

void async_coroutine_register_classes(void)
{
	async_ce_awaitable = register_class_Async_Awaitable();
	async_ce_completable = register_class_Async_Completable(async_ce_awaitable);
	async_ce_coroutine = register_class_Async_Coroutine(async_ce_completable);
	async_ce_coroutine->create_object = coroutine_create_object;

	memcpy(&coroutine_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	coroutine_handlers.offset = XtOffsetOf(async_coroutine_t, std);
	coroutine_handlers.free_obj = coroutine_free;
	coroutine_handlers.get_gc = coroutine_get_gc;
	coroutine_handlers.clone_obj = NULL;
}
