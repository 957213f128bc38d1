/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Requests on libuv's thread pool (getaddrinfo, getnameinfo, thread events): what is in flight.
 *
 * Such a request cannot be closed like a handle. While it is queued uv_cancel() takes it back;
 * once a worker runs it, it can only be waited for. Either way libuv calls the completion
 * callback on the loop thread, and only then may the event's memory go (ASYNC_UV_IN_FLIGHT).
 */
#ifndef ASYNC_REACTOR_WORK_H
#define ASYNC_REACTOR_WORK_H

#include "reactor.h"

typedef struct _async_uv_work_s async_uv_work_t;

struct _async_uv_work_s {
	async_uv_event_t *common;
	uv_req_t *req;
	async_list_node_t in_flight_link; /* in the request's list of work in flight */
	bool abandoned;               /* request shutdown: complete without notifying */
};

/* After uv_getaddrinfo()/uv_queue_work()... accepted `req`: marks the event in flight. */
void async_uv_work_begin(async_uv_work_t *work, async_uv_event_t *common, uv_req_t *req);

/* First thing in the completion callback. True: deliver the outcome (the event is no longer in
 * flight). False: the event was disposed or abandoned meanwhile; free the outcome, then call
 * async_uv_event_work_done(), which may free the event, and touch nothing after. */
bool async_uv_work_end(async_uv_work_t *work);

/* From dispose: takes the request back if it is still queued (its completion then reports
 * cancellation); a running one is left to finish. */
void async_uv_work_cancel(async_uv_work_t *work);

static zend_always_inline bool async_uv_work_in_flight(const async_uv_work_t *work)
{
	return work->req != NULL;
}

/* The dispose of a thread-pool event: cancels queued work, then the common dispose. The memory
 * goes now, or when the completion callback comes back. */
bool async_uv_work_event_dispose(zend_async_event_t *event, async_uv_event_t *common, async_uv_work_t *work);

#endif
