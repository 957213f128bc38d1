/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Coroutines waiting for "something changed" on an object: see wait_list.h. */
#include "php.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "wait_list.h"

typedef struct {
	zend_async_event_t event;
	async_list_node_t link;
	const char *what;
} list_waiter_t;

static bool waiter_dispose(zend_async_event_t *event)
{
	if (event->ref_count > 1) {
		event->ref_count--;
		return true;
	}
	zend_async_callbacks_free(event);
	efree(event);
	return true;
}

static zend_string *waiter_info(zend_async_event_t *event)
{
	return zend_string_init(((list_waiter_t *) event)->what, strlen(((list_waiter_t *) event)->what), 0);
}

bool async_wait_list_wait(async_list_t *list, zend_object *owner, zend_object *cancellation, const char *what)
{
	zend_coroutine_t *self = async_current_or_launch();
	if (self == NULL) {
		return false;
	}
	list_waiter_t *waiter = ecalloc(1, sizeof(*waiter));
	waiter->event.ref_count = 2; /* ours and the list's */
	waiter->event.add_callback = zend_async_callbacks_push;
	waiter->event.del_callback = zend_async_callbacks_remove;
	waiter->event.start = async_event_start_nothing;
	waiter->event.stop = async_event_stop_nothing;
	waiter->event.dispose = waiter_dispose;
	waiter->event.info = waiter_info;
	waiter->what = what;
	async_list_append(list, &waiter->link);

	zend_async_waker_new(self);
	bool ok = zend_async_resume_when(self, &waiter->event, false, zend_async_waker_callback_resolve, NULL)
		&& async_await_add_token(self, cancellation);
	if (ok) {
		GC_ADDREF(owner);
		ZEND_ASYNC_SUSPEND();
		ok = EG(exception) == NULL;
		OBJ_RELEASE(owner);
	} else {
		zend_async_waker_clean(self);
	}
	if (async_list_node_linked(&waiter->link)) { /* not woken by the list: a cancel, the token */
		async_list_remove(list, &waiter->link);
		ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
	}
	ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
	return ok;
}

void async_wait_list_wake(async_list_t *list)
{
	while (!async_list_empty(list)) {
		async_list_node_t *node = async_list_first(list);
		async_list_remove(list, node);
		list_waiter_t *waiter = ASYNC_LIST_ENTRY(node, list_waiter_t, link);
		ZEND_ASYNC_EVENT_SET_CLOSED(&waiter->event);
		ZEND_ASYNC_CALLBACKS_NOTIFY(&waiter->event, NULL, NULL);
		ZEND_ASYNC_EVENT_RELEASE(&waiter->event); /* the list's reference */
	}
}

void async_wait_list_forget(async_list_t *list)
{
	while (!async_list_empty(list)) {
		async_list_node_t *node = async_list_first(list);
		async_list_remove(list, node);
		ZEND_ASYNC_EVENT_RELEASE(&ASYNC_LIST_ENTRY(node, list_waiter_t, link)->event);
	}
}
