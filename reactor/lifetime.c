/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * When an event's memory may go: after its owner disposed it AND libuv closed its handle (or
 * brought its thread-pool work back). Every event sits on the request's live list until then.
 */
#include "reactor.h"

#define live_events ASYNC_G(reactor.live_events) /* newest first */

void async_uv_events_rinit(void)
{
	async_list_init(&live_events);
}

void async_uv_event_init(async_uv_event_t *common, zend_async_event_t *event, uv_handle_t *handle,
	async_uv_free_t free_memory)
{
	common->event = event;
	common->free_memory = free_memory;
	common->handle = NULL;
	common->state = 0;
	if (handle != NULL) {
		async_uv_event_set_handle(common, handle);
	}
	async_list_prepend(&live_events, &common->live_link);
}

void async_uv_event_set_handle(async_uv_event_t *common, uv_handle_t *handle)
{
	common->handle = handle;
	handle->data = common;
	common->state |= ASYNC_UV_HANDLE_OPEN;
	if (ZEND_ASYNC_EVENT_IS_HIDDEN(common->event)) {
		uv_unref(handle);
	}
}

void async_uv_event_sync_ref(async_uv_event_t *common)
{
	if (common->state & ASYNC_UV_HANDLE_OPEN) {
		if (ZEND_ASYNC_EVENT_IS_HIDDEN(common->event)) {
			uv_unref(common->handle);
		} else {
			uv_ref(common->handle);
		}
	}
}

static void finalize(async_uv_event_t *common)
{
	async_list_remove(&live_events, &common->live_link);
	common->free_memory(common->event);
}

static bool can_free(const async_uv_event_t *common)
{
	return (common->state & ASYNC_UV_DISPOSED)
		&& !(common->state & (ASYNC_UV_HANDLE_OPEN | ASYNC_UV_HANDLE_CLOSING | ASYNC_UV_IN_FLIGHT));
}

static void on_handle_closed(uv_handle_t *handle)
{
	async_uv_event_t *common = handle->data;
	common->state &= ~ASYNC_UV_HANDLE_CLOSING;
	if (can_free(common)) {
		finalize(common);
	}
}

void async_uv_event_close_handle(async_uv_event_t *common)
{
	if (!(common->state & ASYNC_UV_HANDLE_OPEN)) {
		return;
	}
	common->state &= ~ASYNC_UV_HANDLE_OPEN;
	common->state |= ASYNC_UV_HANDLE_CLOSING;
	uv_close(common->handle, on_handle_closed);
}

void async_uv_event_release_memory(async_uv_event_t *common)
{
	common->state |= ASYNC_UV_DISPOSED;
	async_uv_event_close_handle(common);
	if (can_free(common)) {
		finalize(common);
	}
}

void async_uv_event_work_done(async_uv_event_t *common)
{
	common->state &= ~ASYNC_UV_IN_FLIGHT;
	if (can_free(common)) {
		finalize(common);
	}
}

bool async_uv_event_dispose_ex(zend_async_event_t *event, async_uv_event_t *common,
	void (*let_go)(zend_async_event_t *event))
{
	if (ZEND_ASYNC_EVENT_REFCOUNT(event) > 1) {
		ZEND_ASYNC_EVENT_DEL_REF(event);
		return true;
	}
	if (common->state & ASYNC_UV_DISPOSED) {
		return true; /* a second dispose of the same event: ignore rather than free twice */
	}
	async_event_stop_all(event);
	zend_async_callbacks_free(event);
	if (let_go != NULL) {
		let_go(event);
	}
	async_uv_event_release_memory(common);
	return true;
}

bool async_uv_event_dispose(zend_async_event_t *event, async_uv_event_t *common)
{
	return async_uv_event_dispose_ex(event, common, NULL);
}

void async_uv_close_all_handles(void)
{
	ASYNC_LIST_FOREACH(&live_events, node) {
		async_uv_event_t *common = ASYNC_LIST_ENTRY(node, async_uv_event_t, live_link);
		zend_async_event_t *event = common->event;
		if (common->state & ASYNC_UV_HANDLE_OPEN) {
			async_event_stop_all(event);
		}
		async_uv_event_close_handle(common);
	}
}

void async_uv_free_orphans(void)
{
	async_list_node_t *node;
	while ((node = async_list_first(&live_events)) != NULL) {
		async_uv_event_t *common = ASYNC_LIST_ENTRY(node, async_uv_event_t, live_link);
		/* Nothing can be in flight or closing once the loop has closed. */
		common->state = ASYNC_UV_DISPOSED;
		zend_async_callbacks_free(common->event);
		finalize(common);
	}
}

bool async_uv_add_callback(zend_async_event_t *event, zend_async_event_callback_t *callback)
{
	return zend_async_callbacks_push(event, callback);
}

bool async_uv_del_callback(zend_async_event_t *event, zend_async_event_callback_t *callback)
{
	return zend_async_callbacks_remove(event, callback);
}

void async_uv_event_setup(zend_async_event_t *event, size_t struct_size, const async_uv_event_ops_t *ops)
{
	event->extra_offset = (uint32_t) struct_size;
	event->ref_count = 1;
	event->add_callback = async_uv_add_callback;
	event->del_callback = async_uv_del_callback;
	event->start = ops->start;
	event->stop = ops->stop;
	event->dispose = ops->dispose;
	event->info = ops->info;
}

zend_object *async_uv_exception(zend_async_class type, int uv_error, const char *what)
{
	return zend_async_new_exception(type, "%s: %s", what, uv_strerror(uv_error));
}

void *async_uv_throw(zend_async_class type, int uv_error, const char *what)
{
	zend_async_throw(type, "%s: %s", what, uv_strerror(uv_error));
	return NULL;
}
