/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Thread-pool requests in flight: cancelled on dispose, waited for before the memory goes, and
 * at request end cancelled or left to finish without notifying anyone.
 */
#include "work.h"

#define in_flight ASYNC_G(reactor.in_flight) /* newest first */

void async_uv_work_rinit(void)
{
	async_list_init(&in_flight);
}

void async_uv_work_begin(async_uv_work_t *work, async_uv_event_t *common, uv_req_t *req)
{
	work->common = common;
	work->req = req;
	work->abandoned = false;
	async_list_prepend(&in_flight, &work->in_flight_link);
	common->state |= ASYNC_UV_IN_FLIGHT;
}

bool async_uv_work_end(async_uv_work_t *work)
{
	async_list_remove(&in_flight, &work->in_flight_link);
	work->req = NULL;
	if (work->abandoned || (work->common->state & ASYNC_UV_DISPOSED)) {
		return false;
	}
	async_uv_event_work_done(work->common); /* not disposed: clears the flag, frees nothing */
	return true;
}

void async_uv_work_cancel(async_uv_work_t *work)
{
	if (work->req != NULL) {
		/* UV_EBUSY when a worker already runs it: its completion is simply awaited. */
		uv_cancel(work->req);
	}
}

bool async_uv_work_event_dispose(zend_async_event_t *event, async_uv_event_t *common, async_uv_work_t *work)
{
	if (ZEND_ASYNC_EVENT_REFCOUNT(event) <= 1 && !(common->state & ASYNC_UV_DISPOSED)) {
		async_uv_work_cancel(work);
	}
	return async_uv_event_dispose(event, common);
}

void async_uv_work_request_shutdown(void)
{
	ASYNC_LIST_FOREACH(&in_flight, node) {
		async_uv_work_t *work = ASYNC_LIST_ENTRY(node, async_uv_work_t, in_flight_link);
		zend_async_event_t *event = work->common->event;
		work->abandoned = true;
		async_event_stop_all(event);
		async_uv_work_cancel(work);
	}
}
