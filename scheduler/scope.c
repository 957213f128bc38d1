/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Scopes: groups of coroutines with a shared lifetime (structured concurrency). A coroutine runs
 * in the scope it was spawned in, and spawn() inside it uses that scope too; the main script and
 * what it spawns run in the main scope. A scope knows its live coroutines and its child scopes:
 * cancelling or disposing it reaches all of them, and waiting for it waits for all of them.
 *
 * An exception that ends a coroutine, when nobody awaits it, goes to the scope's exception
 * handler (the coroutines are then independent of each other); else to the child-scope handler
 * of an ancestor (the scopes below it fail together, it does not); else, when nobody holds the
 * coroutine, the scopes fail together up the chain: each is cancelled and its awaiters get the
 * exception; when none takes it, it is uncaught as before (the application shuts down).
 *
 * The Async\Scope class lives here whole: the object and its handlers, and the methods PHP code
 * calls (with the ScopeProvider interface).
 */
#include "scheduler.h"
#include "zend_exceptions.h"
#include "../engine/engine.h"
#include "../async_array.h"
#include "zend_closures.h"
#include "scope_arginfo.h"

zend_class_entry *async_ce_scope_provider;
zend_class_entry *async_ce_scope;
static zend_object_handlers scope_handlers;

#define CURRENT ((async_coroutine_t *) ZEND_ASYNC_G(coroutine))

/* ---- the scope's event: notified when it finishes, or fails ---- */

static bool event_dispose(zend_async_event_t *event)
{
	OBJ_RELEASE(ASYNC_SCOPE_OBJ((zend_async_scope_t *) event));
	return true;
}

static zend_string *event_info(zend_async_event_t *event)
{
	zend_async_scope_t *scope = (zend_async_scope_t *) event;
	uint32_t count = scope->coroutines.count;
	return zend_strpprintf(0, "a Scope (%u coroutine%s, %u child scope%s)", count, count == 1 ? "" : "s",
		scope->children_count, scope->children_count == 1 ? "" : "s");
}

/* ---- creation and the tree ---- */

static zend_object *scope_create_object(zend_class_entry *ce)
{
	zend_async_scope_t *scope = zend_object_alloc(sizeof(zend_async_scope_t), ce);
	memset(scope, 0, XtOffsetOf(zend_async_scope_t, std));
	zend_object_std_init(&scope->std, ce);
	object_properties_init(&scope->std, ce);
	scope->std.handlers = &scope_handlers;

	zend_async_event_t *event = &scope->event;
	event->flags = ZEND_ASYNC_EVENT_F_ZEND_OBJ;
	event->zend_object_offset = XtOffsetOf(zend_async_scope_t, std);
	event->add_callback = zend_async_callbacks_push;
	event->del_callback = zend_async_callbacks_remove;
	event->start = async_event_start_nothing;
	event->stop = async_event_stop_nothing;
	event->dispose = event_dispose;
	event->info = event_info;

	async_list_init(&scope->coroutines);
	async_list_init(&scope->watches);
	ZVAL_UNDEF(&scope->exception_handler);
	ZVAL_UNDEF(&scope->child_exception_handler);
	ZVAL_UNDEF(&scope->finally_handlers);
	scope->not_safely = true; /* a `new Scope()` cancels (allowZombies() makes it safe); see async_scope_new() */
	return &scope->std;
}

static void add_child(zend_async_scope_t *parent, zend_async_scope_t *child)
{
	ASYNC_ARRAY_RESERVE(parent->children, parent->children_count, parent->children_capacity, 4);
	parent->children[parent->children_count++] = child;
	child->parent_scope = parent; /* weak: a parent that goes first lets its children know */
}

static void remove_child(zend_async_scope_t *parent, zend_async_scope_t *child)
{
	for (uint32_t i = 0; i < parent->children_count; i++) {
		if (parent->children[i] == child) {
			memmove(&parent->children[i], &parent->children[i + 1], (parent->children_count - i - 1) * sizeof(*parent->children));
			parent->children_count--;
			return;
		}
	}
}

zend_async_scope_t *async_scope_new(zend_async_scope_t *parent)
{
	if (parent != NULL && parent->closed) {
		zend_throw_error(NULL, "Cannot create a child of a closed Scope: it was disposed");
		return NULL;
	}
	zend_async_scope_t *scope = ASYNC_SCOPE_FROM_OBJ(scope_create_object(async_ce_scope));
	/* A child is as safe as its parent; the main scope (the only root made here) is safe. */
	scope->not_safely = parent != NULL && parent->not_safely;
	if (parent != NULL) {
		add_child(parent, scope);
	}
	return scope;
}

/* The engine API's new_scope: the caller owns the returned reference (a Scope object always). */
zend_async_scope_t *async_scheduler_new_scope(zend_async_scope_t *parent, bool with_zend_object)
{
	(void) with_zend_object;
	return async_scope_new(parent);
}

/* ---- state ---- */

bool async_scope_is_finished(zend_async_scope_t *scope)
{
	if (scope->active_count > 0) {
		return false;
	}
	for (uint32_t i = 0; i < scope->children_count; i++) {
		if (!async_scope_is_finished(scope->children[i])) {
			return false;
		}
	}
	return true;
}

bool async_scope_is_empty(zend_async_scope_t *scope)
{
	if (scope->coroutines.count > 0) {
		return false;
	}
	for (uint32_t i = 0; i < scope->children_count; i++) {
		if (!async_scope_is_empty(scope->children[i])) {
			return false;
		}
	}
	return true;
}

bool async_scope_contains(zend_async_scope_t *scope, zend_coroutine_t *coroutine)
{
	for (zend_async_scope_t *s = coroutine->scope; s != NULL; s = s->parent_scope) {
		if (s == scope) {
			return true;
		}
	}
	return false;
}

bool async_scope_check_spawn(zend_async_scope_t *scope)
{
	if (scope->closed) {
		zend_throw_exception(async_ce_async_exception, "Cannot spawn a coroutine in a closed scope", 0);
		return false;
	}
	return true;
}

void async_scope_add_coroutine(zend_async_scope_t *scope, async_coroutine_t *co)
{
	async_list_append(&scope->coroutines, &co->scope_link);
	scope->active_count++;
}

/* Once the object's destructor has run, the holders together own one reference (the pin) that
 * keeps the object, and so the scope, until the last of them lets go. */
void async_scope_hold(zend_async_scope_t *scope)
{
	if (scope->holders++ == 0 && scope->orphaned) {
		GC_ADDREF(ASYNC_SCOPE_OBJ(scope));
	}
}

void async_scope_release(zend_async_scope_t *scope)
{
	ZEND_ASSERT(scope->holders > 0);
	if (--scope->holders == 0 && scope->orphaned) {
		OBJ_RELEASE(ASYNC_SCOPE_OBJ(scope));
	}
}

static zend_object *take_exception(void)
{
	zend_object *error = EG(exception);
	GC_ADDREF(error);
	zend_clear_exception();
	return error;
}

/* ---- finally handlers ---- */

/* The entry of the coroutine that runs a scope's finally handlers: each gets the Scope. */
static void run_finally_handlers(void)
{
	zend_async_scope_t *scope = CURRENT->coroutine.scope;
	zval handlers;
	ZVAL_COPY_VALUE(&handlers, &scope->finally_handlers);
	ZVAL_UNDEF(&scope->finally_handlers);
	if (Z_TYPE(handlers) == IS_ARRAY) {
		async_call_finally_handlers(&handlers, ASYNC_SCOPE_OBJ(scope), "Several finally handlers of a Scope threw");
	}
}

/* Runs the finally handlers once, in a coroutine of their own (the scope may finish where no
 * PHP code can run, such as the end of a coroutine). That coroutine runs in the scope but does
 * not count in it. */
static void dispatch_finally(zend_async_scope_t *scope)
{
	if (scope->finally_done) {
		return;
	}
	scope->finally_done = true;
	if (Z_TYPE(scope->finally_handlers) != IS_ARRAY) {
		return;
	}
	if (!async_scheduler_launch()) {
		return;
	}
	async_coroutine_t *co = async_scheduler_spawn_in(scope, ZEND_COROUTINE_NORMAL);
	co->coroutine.internal_entry = run_finally_handlers;
}

void async_scope_add_finally(zend_async_scope_t *scope, zval *callback)
{
	if (scope->finally_done) {
		/* Done already: at once, in the caller. */
		zval retval, argument;
		ZVAL_OBJ(&argument, ASYNC_SCOPE_OBJ(scope));
		call_user_function(NULL, NULL, callback, &retval, 1, &argument);
		zval_ptr_dtor(&retval);
		return;
	}
	if (Z_TYPE(scope->finally_handlers) != IS_ARRAY) {
		array_init(&scope->finally_handlers);
	}
	Z_ADDREF_P(callback);
	add_next_index_zval(&scope->finally_handlers, callback);
}

/* ---- completion ---- */

/* Something in `scope` ended or changed state: each scope from it upwards that is now finished
 * tells its awaiters, and runs its finally handlers if it is closed. A cancelled scope closes once
 * nothing is left in it, zombies included (as upstream), unless an owner keeps it open. A scope that is not finished keeps its
 * ancestors from being finished too. */
static void scope_changed(zend_async_scope_t *scope)
{
	for (zend_async_scope_t *s = scope; s != NULL; s = s->parent_scope) {
		if (!async_scope_is_finished(s)) {
			return;
		}
		ZEND_ASYNC_CALLBACKS_NOTIFY(&s->event, NULL, NULL);
		if (s->cancelled && !s->closed && s->kept_open == 0 && async_scope_is_empty(s)) {
			s->closed = true;
		}
		if (s->closed) {
			dispatch_finally(s);
		}
	}
}

void async_scope_coroutine_ended(async_coroutine_t *co)
{
	zend_async_scope_t *scope = co->coroutine.scope;
	if (scope == NULL || !async_list_node_linked(&co->scope_link)) {
		return;
	}
	async_list_remove(&scope->coroutines, &co->scope_link);
	if (!ZEND_COROUTINE_IS_ZOMBIE(&co->coroutine) && scope->active_count > 0) {
		scope->active_count--;
	}
	scope_changed(scope);
}

/* ---- cancel and dispose ---- */

void async_scope_watch(zend_async_scope_t *scope, async_scope_watch_t *watch)
{
	watch->scope = scope;
	async_list_prepend(&scope->watches, &watch->link);
}

void async_scope_unwatch(async_scope_watch_t *watch)
{
	if (watch->scope == NULL) {
		return;
	}
	async_list_remove(&watch->scope->watches, &watch->link);
	watch->scope = NULL;
}

/* Each watcher is told once, before the scope's coroutines are cancelled: a coroutine waiting on a
 * channel of the scope wakes with the channel's exception first. */
static void tell_watchers(zend_async_scope_t *scope)
{
	async_list_node_t *node;
	while ((node = async_list_first(&scope->watches)) != NULL) {
		async_scope_watch_t *watch = ASYNC_LIST_ENTRY(node, async_scope_watch_t, link);
		async_scope_unwatch(watch);
		watch->ended(watch);
	}
}

/* The scope's children, each with a reference: cancelling may run code (the finally handlers of
 * a coroutine that never started) that changes the list. */
static async_snapshot_t take_children(zend_async_scope_t *scope)
{
	async_snapshot_t snap = { scope->children_count ? safe_emalloc(scope->children_count, sizeof(zend_object *), 0) : NULL, 0 };
	for (uint32_t i = 0; i < scope->children_count; i++) {
		snap.objects[snap.count] = ASYNC_SCOPE_OBJ(scope->children[i]);
		GC_ADDREF(snap.objects[snap.count++]);
	}
	return snap;
}

/* A coroutine that goes on in a scope that no longer waits for it: it stops counting as active. */
static void make_zombie(zend_async_scope_t *scope, async_coroutine_t *co)
{
	if (!ZEND_COROUTINE_IS_ZOMBIE(&co->coroutine)) {
		ZEND_COROUTINE_SET_ZOMBIE(&co->coroutine);
		scope->active_count--;
	}
}

/* Cancels its child scopes, then its coroutines (each once), with `error` or, when NULL, a new
 * "The Scope was cancelled" AsyncCancellation for each. `safely`: a coroutine that has started
 * (and is not the running one) is not cancelled but goes on as a zombie, as upstream's safe
 * scopes do. The scope stays open until nothing is left in it (scope_changed). */
static void scope_cancel(zend_async_scope_t *scope, zend_object *error, bool safely)
{
	scope->cancelled = true;
	GC_ADDREF(ASYNC_SCOPE_OBJ(scope));
	tell_watchers(scope);

	async_snapshot_t children = take_children(scope);
	for (uint32_t i = 0; i < children.count; i++) {
		scope_cancel(ASYNC_SCOPE_FROM_OBJ(children.objects[i]), error, safely);
	}
	async_snapshot_release(&children);

	async_snapshot_t coroutines = async_coroutine_list_snapshot(&scope->coroutines, XtOffsetOf(async_coroutine_t, scope_link));
	for (uint32_t i = 0; i < coroutines.count; i++) {
		async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(coroutines.objects[i]);
		if (ASYNC_COROUTINE_ENDED(co) || ZEND_COROUTINE_IS_CANCELLED(&co->coroutine)) {
			continue;
		}
		if (safely && ZEND_COROUTINE_IS_STARTED(&co->coroutine) && &co->coroutine != ZEND_ASYNC_CURRENT_COROUTINE) {
			if (async_list_node_linked(&co->scope_link)) {
				make_zombie(scope, co);
			}
			continue;
		}
		if (error != NULL) {
			ZEND_ASYNC_CANCEL(&co->coroutine, error, false);
		} else {
			ZEND_ASYNC_CANCEL(&co->coroutine,
				zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The Scope was cancelled"), true);
		}
	}
	async_snapshot_release(&coroutines);

	scope_changed(scope);
	OBJ_RELEASE(ASYNC_SCOPE_OBJ(scope));
}

void async_scope_cancel(zend_async_scope_t *scope, zend_object *error)
{
	scope_cancel(scope, error, false);
}

void async_scope_keep_open(zend_async_scope_t *scope)
{
	scope->kept_open++;
}

void async_scope_let_close(zend_async_scope_t *scope)
{
	ZEND_ASSERT(scope->kept_open > 0);
	if (--scope->kept_open == 0) {
		scope_changed(scope);
	}
}

static void drop_dispose_timer(zend_async_scope_t *scope)
{
	zend_async_event_t *timer = scope->dispose_timer;
	if (timer == NULL) {
		return;
	}
	scope->dispose_timer = NULL;
	timer->stop(timer);
	ZEND_ASYNC_EVENT_RELEASE(timer);
}

/* dispose(), with `error` for the coroutines it cancels (NULL: a new one each, "The Scope was
 * cancelled"); `safely`: they go on as zombies instead. */
static void scope_dispose(zend_async_scope_t *scope, bool safely, zend_object *error)
{
	GC_ADDREF(ASYNC_SCOPE_OBJ(scope));
	scope->closed = true;
	scope->cancelled = true;
	drop_dispose_timer(scope);
	tell_watchers(scope);

	async_snapshot_t children = take_children(scope);
	for (uint32_t i = 0; i < children.count; i++) {
		scope_dispose(ASYNC_SCOPE_FROM_OBJ(children.objects[i]), safely, error);
	}
	async_snapshot_release(&children);

	if (safely) {
		/* Its coroutines go on as zombies: they no longer count as active. */
		ASYNC_LIST_FOREACH(&scope->coroutines, node) {
			make_zombie(scope, ASYNC_LIST_ENTRY(node, async_coroutine_t, scope_link));
		}
	} else {
		async_scope_cancel(scope, error);
	}
	scope_changed(scope);
	OBJ_RELEASE(ASYNC_SCOPE_OBJ(scope));
}

void async_scope_dispose(zend_async_scope_t *scope, bool safely)
{
	scope_dispose(scope, safely, NULL);
}

typedef struct {
	zend_async_event_callback_t base;
	zend_async_scope_t *scope;  /* owns the timer */
} timer_callback_t;

static void on_dispose_timer(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) result; (void) exception;
	async_scope_dispose(((timer_callback_t *) callback)->scope, false);
}

bool async_scope_set_dispose_timeout(zend_async_scope_t *scope, zend_long ms)
{
	drop_dispose_timer(scope);
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT((zend_ulong) ms, false);
	if (timer == NULL) {
		return false;
	}
	/* It does not keep the application alive by itself: only the scope's coroutines do. */
	ZEND_ASYNC_EVENT_SET_HIDDEN(&timer->base);
	timer_callback_t *cb = (timer_callback_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_dispose_timer, sizeof(timer_callback_t));
	cb->scope = scope;
	timer->base.add_callback(&timer->base, &cb->base);
	scope->dispose_timer = &timer->base;
	timer->base.start(&timer->base);
	return true;
}

/* ---- exceptions ---- */

static void call_exception_handler(zval *handler, zend_async_scope_t *scope, async_coroutine_t *co, zend_object *exception)
{
	zval callable, retval, args[3];
	ZVAL_COPY(&callable, handler); /* the handler may replace itself */
	ZVAL_OBJ(&args[0], ASYNC_SCOPE_OBJ(scope));
	ZVAL_OBJ(&args[1], &co->std);
	ZVAL_OBJ(&args[2], exception);
	co->exception_handled = true;
	call_user_function(NULL, NULL, &callable, &retval, 3, args);
	zval_ptr_dtor(&retval);
	zval_ptr_dtor(&callable);
	if (EG(exception) != NULL) {
		async_report_handler_error(take_exception());
	}
}

bool async_scope_handle_finally_error(async_coroutine_t *co, zend_object *error)
{
	zend_async_scope_t *scope = co->coroutine.scope;
	zval *handler = NULL;
	if (scope != NULL && Z_TYPE(scope->exception_handler) != IS_UNDEF) {
		handler = &scope->exception_handler;
	}
	for (zend_async_scope_t *s = scope; handler == NULL && s != NULL && s->parent_scope != NULL; s = s->parent_scope) {
		if (Z_TYPE(s->parent_scope->child_exception_handler) != IS_UNDEF) {
			handler = &s->parent_scope->child_exception_handler;
		}
	}
	if (handler == NULL) {
		return false;
	}
	bool handled = co->exception_handled; /* the coroutine's own exception is not this one */
	call_exception_handler(handler, scope, co, error);
	co->exception_handled = handled;
	return true;
}

bool async_scope_take_finally_error(zend_object *error)
{
	zend_coroutine_t *current = ZEND_ASYNC_CURRENT_COROUTINE;
	if (current == NULL || ZEND_ASYNC_IS_SCHEDULER_CONTEXT
		|| !async_scope_handle_finally_error(ASYNC_COROUTINE_OF(current), error)) {
		return false;
	}
	OBJ_RELEASE(error);
	return true;
}

static bool is_cancellation(zend_object *exception)
{
	return instanceof_function(exception->ce, async_ce_cancellation);
}

void async_scope_coroutine_failed(async_coroutine_t *co)
{
	zend_async_scope_t *scope = co->coroutine.scope;
	zend_object *exception = co->coroutine.exception;
	if (scope == NULL || exception == NULL || co->exception_handled || is_cancellation(exception)
			|| zend_is_unwind_exit(exception) || co->coroutine.event.callbacks.length > 0) {
		return; /* nothing to handle, or whoever awaits it takes it */
	}
	GC_ADDREF(exception);

	if (Z_TYPE(scope->exception_handler) != IS_UNDEF) {
		call_exception_handler(&scope->exception_handler, scope, co, exception);
		OBJ_RELEASE(exception);
		return;
	}
	for (zend_async_scope_t *s = scope; s->parent_scope != NULL; s = s->parent_scope) {
		zend_async_scope_t *handler_scope = s->parent_scope;
		if (Z_TYPE(handler_scope->child_exception_handler) != IS_UNDEF) {
			for (zend_async_scope_t *failed = scope; failed != handler_scope; failed = failed->parent_scope) {
				if (!failed->cancelled) {
					async_scope_cancel(failed, NULL);
				}
			}
			call_exception_handler(&handler_scope->child_exception_handler, scope, co, exception);
			OBJ_RELEASE(exception);
			return;
		}
	}

	/* Fail together, unless someone holds the coroutine and may still await it (the scheduler's
	 * reference is the only one otherwise). The main scope's failure is the application's. */
	if (GC_REFCOUNT(&co->std) <= 1) {
		for (zend_async_scope_t *s = scope; s != NULL && s != async_scheduler.main_scope; s = s->parent_scope) {
			if (!s->cancelled) {
				async_scope_cancel(s, NULL);
			}
			ZEND_ASYNC_CALLBACKS_NOTIFY(&s->event, NULL, exception);
			if (ZEND_ASYNC_EVENT_IS_EXCEPTION_HANDLED(&s->event)) {
				co->exception_handled = true; /* an awaiter of the scope took it */
				break;
			}
		}
	}
	OBJ_RELEASE(exception);
}

/* ---- the object ---- */

/* The last reference went (its coroutines hold the scope, not the object). A scope with work
 * left is disposed as dispose() or disposeSafely() would (safely unless asNotSafely(): its
 * coroutines go on as zombies; else they are cancelled with "Scope is being disposed due to object
 * destruction"), except the main scope and the scope the running coroutine is in (or below): that
 * one ends with its coroutines. The finally handlers of a scope never disposed run now. The object
 * itself stays while coroutines hold the scope. */
static void scope_dtor(zend_object *object)
{
	zend_async_scope_t *scope = ASYNC_SCOPE_FROM_OBJ(object);
	scope->orphaned = true;
	if (scope->holders > 0) {
		GC_ADDREF(object); /* the pin: see async_scope_hold() */
	}
	if (CG(unclean_shutdown)) {
		return;
	}
	zend_coroutine_t *current = ZEND_ASYNC_CURRENT_COROUTINE;
	if (!scope->closed && !async_scope_is_finished(scope) && scope != async_scheduler.main_scope
			&& (current == NULL || !async_scope_contains(scope, current))) {
		zend_object *error = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION,
			"Scope is being disposed due to object destruction");
		scope_dispose(scope, !scope->not_safely, error);
		OBJ_RELEASE(error);
		return;
	}
	if (!scope->finally_done && Z_TYPE(scope->finally_handlers) == IS_ARRAY) {
		dispatch_finally(scope);
	}
}

/* Only when PHP skipped the destructor (after a fatal error) can the object go while coroutines
 * still hold the scope: they forget it. */
static void detach_holders(zend_async_scope_t *scope)
{
	zend_objects_store *store = &EG(objects_store);
	for (uint32_t i = 1; i < store->top && scope->holders > 0; i++) {
		zend_object *object = store->object_buckets[i];
		if (!IS_OBJ_VALID(object) || object->ce != async_ce_coroutine) {
			continue;
		}
		async_coroutine_t *co = ASYNC_COROUTINE_FROM_OBJ(object);
		if (co->coroutine.scope == scope) {
			async_list_remove(&scope->coroutines, &co->scope_link);
			co->coroutine.scope = NULL;
			scope->holders--;
		}
	}
}

static void scope_free(zend_object *object)
{
	zend_async_scope_t *scope = ASYNC_SCOPE_FROM_OBJ(object);
	drop_dispose_timer(scope);
	async_list_node_t *node;
	while ((node = async_list_first(&scope->watches)) != NULL) {
		async_scope_unwatch(ASYNC_LIST_ENTRY(node, async_scope_watch_t, link)); /* forgotten: nothing will tell them */
	}
	/* Its children outlive it as root scopes (disposed with it if they had work left). */
	for (uint32_t i = 0; i < scope->children_count; i++) {
		scope->children[i]->parent_scope = NULL;
	}
	scope->children_count = 0;
	if (scope->children != NULL) {
		efree(scope->children);
	}
	if (scope->holders > 0) {
		detach_holders(scope);
	}
	if (scope->parent_scope != NULL) {
		remove_child(scope->parent_scope, scope);
		scope->parent_scope = NULL;
	}
	zend_async_callbacks_free(&scope->event);
	zval_ptr_dtor(&scope->exception_handler);
	zval_ptr_dtor(&scope->child_exception_handler);
	zval_ptr_dtor(&scope->finally_handlers);
	if (scope->context.object != NULL) {
		if (scope->context.owner_ref != NULL) {
			*scope->context.owner_ref = NULL; /* the Context may outlive it */
		}
		OBJ_RELEASE(scope->context.object);
	}
	zend_object_std_dtor(object);
}

static HashTable *scope_get_gc(zend_object *object, zval **table, int *n)
{
	zend_async_scope_t *scope = ASYNC_SCOPE_FROM_OBJ(object);
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	/* Its parent is not referenced (see add_child). */
	zend_get_gc_buffer_add_zval(buffer, &scope->exception_handler);
	zend_get_gc_buffer_add_zval(buffer, &scope->child_exception_handler);
	zend_get_gc_buffer_add_zval(buffer, &scope->finally_handlers);
	if (scope->context.object != NULL) {
		zend_get_gc_buffer_add_obj(buffer, scope->context.object);
	}
	zend_get_gc_buffer_use(buffer, table, n);
	return zend_std_get_properties(object);
}

/* ---- the methods of Async\Scope ---- */

#define THIS_SCOPE() ASYNC_SCOPE_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

ZEND_METHOD(Async_Scope, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
}

ZEND_METHOD(Async_Scope, inherit)
{
	zend_object *parent_object = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(parent_object, async_ce_scope)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_scope_t *parent;
	if (parent_object != NULL) {
		parent = ASYNC_SCOPE_FROM_OBJ(parent_object);
	} else {
		zend_coroutine_t *self = async_current_or_launch();
		if (self == NULL) {
			RETURN_THROWS();
		}
		parent = self->scope;
	}
	zend_async_scope_t *scope = async_scope_new(parent);
	if (scope == NULL) {
		RETURN_THROWS();
	}
	RETURN_OBJ(ASYNC_SCOPE_OBJ(scope));
}

ZEND_METHOD(Async_Scope, provideScope)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(Async_Scope, spawn)
{
	zval *task;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	zval *args = NULL;
	uint32_t args_count = 0;
	HashTable *named_args = NULL;

	ZEND_PARSE_PARAMETERS_START(1, -1)
		Z_PARAM_OBJECT_OF_CLASS(task, zend_ce_closure)
		Z_PARAM_VARIADIC_WITH_NAMED(args, args_count, named_args)
	ZEND_PARSE_PARAMETERS_END();

	if (zend_fcall_info_init(task, 0, &fci, &fcc, NULL, NULL) != SUCCESS) {
		RETURN_THROWS();
	}
	zend_async_scope_t *scope = THIS_SCOPE();
	if (!async_scope_check_spawn(scope)) {
		RETURN_THROWS();
	}
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH(scope);
	if (coroutine == NULL) {
		RETURN_THROWS();
	}
	async_coroutine_set_call(coroutine, &fci, &fcc, args, args_count, named_args);
	RETURN_OBJ_COPY(ASYNC_COROUTINE_OBJ(ASYNC_COROUTINE_OF(coroutine)));
}

ZEND_METHOD(Async_Scope, cancel)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_cancellation)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	zend_async_scope_t *scope = THIS_SCOPE();
	scope_cancel(scope, cancellation, !scope->not_safely);
}

/* The checks both waits share: a scheduler, no wait for one's own scope. */
static zend_coroutine_t *waiter_for(zend_async_scope_t *scope, zend_object *cancellation)
{
	if (cancellation != NULL && !async_class_services->is_cancellation_token(cancellation)) {
		zend_type_error("Cannot use an instance of %s as a cancellation token", ZSTR_VAL(cancellation->ce->name));
		return NULL;
	}
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		return NULL;
	}
	if (async_scope_contains(scope, self)) {
		/* upstream's text: it would wait for itself */
		zend_throw_error(NULL, "Cannot await completion of scope from a coroutine that belongs to the same scope or its children");
		return NULL;
	}
	return self;
}

ZEND_METHOD(Async_Scope, awaitCompletion)
{
	zend_object *cancellation;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJ_OF_CLASS(cancellation, async_ce_awaitable)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	zend_async_scope_t *scope = THIS_SCOPE();
	zend_coroutine_t *self = waiter_for(scope, cancellation);
	if (self == NULL) {
		RETURN_THROWS();
	}
	if (async_scope_is_finished(scope) || scope->closed) {
		return; /* nothing to wait for (a disposed scope: see awaitAfterCancellation) */
	}
	if (scope->cancelled) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_CANCELLATION, "The scope has been cancelled"); /* upstream's text */
		RETURN_THROWS();
	}
	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, &scope->event, false, zend_async_waker_callback_resolve, NULL)
			|| !async_class_services->add_cancellation_token(self, cancellation)) {
		zend_async_waker_clean(self);
		RETURN_THROWS();
	}
	ZEND_ASYNC_SUSPEND();
}

/* Waits for the scope to be empty, collecting the exceptions its coroutines end with. */
typedef struct {
	zend_coroutine_event_callback_t base;
	zend_async_scope_t *scope;
	zval *errors;  /* on the waiting method's stack, alive while it waits; NULL: no handler */
} empty_callback_t;

static void on_scope_event(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) result;
	empty_callback_t *cb = (empty_callback_t *) callback;
	zend_coroutine_t *coroutine = cb->base.coroutine;
	if (coroutine->waker == NULL || coroutine->waker->status != ZEND_ASYNC_WAKER_WAITING) {
		return;
	}
	if (exception != NULL) {
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
		if (cb->errors == NULL) {
			/* No handler: the waiter throws the first one, as upstream. */
			ZEND_ASYNC_RESUME_WITH_ERROR(coroutine, exception, false);
			return;
		}
		GC_ADDREF(exception);
		add_next_index_object(cb->errors, exception);
	}
	if (async_scope_is_empty(cb->scope)) {
		ZEND_ASYNC_RESUME(coroutine);
	}
}

ZEND_METHOD(Async_Scope, awaitAfterCancellation)
{
	zend_fcall_info fci = empty_fcall_info;
	zend_fcall_info_cache fcc = empty_fcall_info_cache;
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 2)
		Z_PARAM_OPTIONAL
		Z_PARAM_FUNC_OR_NULL(fci, fcc)
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_awaitable)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	zend_async_scope_t *scope = THIS_SCOPE();
	if (!scope->cancelled) {
		zend_throw_error(NULL, "Attempt to await a Scope that has not been cancelled");
		RETURN_THROWS();
	}
	zend_coroutine_t *self = waiter_for(scope, cancellation);
	if (self == NULL) {
		RETURN_THROWS();
	}
	if (async_scope_is_empty(scope)) {
		return;
	}

	zval errors;
	array_init(&errors);
	empty_callback_t *cb = ecalloc(1, sizeof(*cb));
	cb->base.base.callback = on_scope_event;
	cb->scope = scope;
	cb->errors = ZEND_FCI_INITIALIZED(fci) ? &errors : NULL;
	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, &scope->event, false, NULL, &cb->base)
			|| !async_class_services->add_cancellation_token(self, cancellation)) {
		zend_async_waker_clean(self);
		zval_ptr_dtor(&errors);
		RETURN_THROWS();
	}
	ZEND_ASYNC_SUSPEND();

	if (!EG(exception) && ZEND_FCI_INITIALIZED(fci)) {
		zval *error, retval, args[2];
		ZVAL_OBJ(&args[1], ASYNC_SCOPE_OBJ(scope));
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(errors), error) {
			ZVAL_COPY_VALUE(&args[0], error);
			fci.retval = &retval;
			fci.params = args;
			fci.param_count = 2;
			if (zend_call_function(&fci, &fcc) == SUCCESS) {
				zval_ptr_dtor(&retval);
			}
			if (EG(exception)) {
				break;
			}
		} ZEND_HASH_FOREACH_END();
	}
	zval_ptr_dtor(&errors);
}

ZEND_METHOD(Async_Scope, isFinished)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(async_scope_is_finished(THIS_SCOPE()));
}

ZEND_METHOD(Async_Scope, isClosed)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(THIS_SCOPE()->closed);
}

ZEND_METHOD(Async_Scope, isCancelled)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(THIS_SCOPE()->cancelled);
}

static void set_handler(zval *slot, zend_fcall_info *fci)
{
	zval_ptr_dtor(slot);
	ZVAL_COPY(slot, &fci->function_name);
}

ZEND_METHOD(Async_Scope, setExceptionHandler)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_FUNC(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	set_handler(&THIS_SCOPE()->exception_handler, &fci);
}

ZEND_METHOD(Async_Scope, setChildScopeExceptionHandler)
{
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_FUNC(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	set_handler(&THIS_SCOPE()->child_exception_handler, &fci);
}

ZEND_METHOD(Async_Scope, finally)
{
	zval *callback;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(callback, zend_ce_closure)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_scope_add_finally(THIS_SCOPE(), callback);
}

ZEND_METHOD(Async_Scope, dispose)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	zend_async_scope_t *scope = THIS_SCOPE();
	async_scope_dispose(scope, !scope->not_safely);
}

ZEND_METHOD(Async_Scope, disposeSafely)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	async_scope_dispose(THIS_SCOPE(), true);
}

ZEND_METHOD(Async_Scope, asNotSafely)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_SCOPE()->not_safely = true;
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(Async_Scope, allowZombies)
{
	ZEND_PARSE_PARAMETERS_NONE();
	THIS_SCOPE()->not_safely = false;
	RETURN_OBJ_COPY(Z_OBJ_P(ZEND_THIS));
}

ZEND_METHOD(Async_Scope, disposeAfterTimeout)
{
	zend_long timeout;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(timeout)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	if (timeout < 0) {
		zend_argument_value_error(1, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	zend_async_scope_t *scope = THIS_SCOPE();
	if (scope->closed) {
		return; /* disposed already */
	}
	if (async_current_or_launch() == NULL || !async_scope_set_dispose_timeout(scope, timeout)) {
		RETURN_THROWS();
	}
}

ZEND_METHOD(Async_Scope, getChildScopes)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_async_scope_t *scope = THIS_SCOPE();
	array_init_size(return_value, scope->children_count);
	for (uint32_t i = 0; i < scope->children_count; i++) {
		GC_ADDREF(ASYNC_SCOPE_OBJ(scope->children[i]));
		add_next_index_object(return_value, ASYNC_SCOPE_OBJ(scope->children[i]));
	}
}

/* ---- the class ---- */

void async_scope_register_classes(void)
{
	async_ce_scope_provider = register_class_Async_ScopeProvider();
	async_ce_scope = register_class_Async_Scope(async_ce_scope_provider);
	async_ce_scope->create_object = scope_create_object;

	memcpy(&scope_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	scope_handlers.offset = XtOffsetOf(zend_async_scope_t, std);
	scope_handlers.dtor_obj = scope_dtor;
	scope_handlers.free_obj = scope_free;
	scope_handlers.get_gc = scope_get_gc;
	scope_handlers.clone_obj = NULL;
}
