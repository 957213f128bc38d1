/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Thread events: entry(event, arg) runs once on libuv's thread pool (uv_queue_work).
 *
 * The entry runs on a worker thread: it must not call the Zend API (no emalloc, no zval, no
 * exceptions, no ZEND_ASYNC_* calls) and should touch only `arg` and the event's extra area.
 * The event outlives the entry (a disposed event's memory waits for it to return); `arg` is
 * the caller's to keep alive. Everything else happens on the loop thread: when the entry has
 * returned, the event sets `finished`, closes and notifies once with result NULL.
 *
 * The work is queued on the first start(); stop() only uncounts (a running entry cannot be
 * stopped), so the notification still reaches whoever is subscribed when it returns. Disposing
 * takes queued work back (the entry never runs); while the entry runs, the memory waits for it.
 */
#include "work.h"

typedef struct {
	zend_async_thread_event_t event; /* the ABI struct first */
	async_uv_event_t common;
	async_uv_work_t work;
	uv_work_t req;
} async_uv_thread_t;

#define THREAD_OF(ev) ((async_uv_thread_t *) (ev))

/* On a worker thread. */
static void run_entry(uv_work_t *req)
{
	async_uv_thread_t *thread = req->data;
	thread->event.entry(&thread->event, thread->event.arg);
}

/* Back on the loop thread. */
static void on_entry_returned(uv_work_t *req, int status)
{
	async_uv_thread_t *thread = req->data;
	zend_async_event_t *event = &thread->event.base;

	if (!async_uv_work_end(&thread->work)) {
		async_uv_event_work_done(&thread->common);
		return;
	}

	zend_async_event_close(event);
	if (status == 0) {
		thread->event.finished = true;
		ASYNC_UV_NOTIFY(event, NULL, NULL);
		return;
	}
	/* Only dispose and request shutdown cancel, and neither delivers: kept for safety. */
	zend_object *exception = async_uv_exception(ZEND_ASYNC_EXCEPTION_CANCELLATION, status, "The thread entry did not run");
	ASYNC_UV_NOTIFY(event, NULL, exception);
	OBJ_RELEASE(exception);
}

static bool thread_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_thread_t *thread = THREAD_OF(event);

	/* Started again after a stop: the entry is still queued or running. */
	if (!async_uv_work_in_flight(&thread->work)) {
		if (!async_uv_loop_started()) {
			zend_throw_error(NULL, "Cannot start a thread event after the event loop has shut down");
			return false;
		}
		thread->req.data = thread;
		int error = uv_queue_work(async_uv_loop(), &thread->req, run_entry, on_entry_returned);
		if (error < 0) {
			async_uv_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, error, "Cannot queue the thread entry");
			return false;
		}
		async_uv_work_begin(&thread->work, &thread->common, (uv_req_t *) &thread->req);
	}
	EVENT_START_EPILOGUE(event);
	return true;
}

/* Uncounts only: see the top of the file. */
static bool thread_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static bool thread_dispose(zend_async_event_t *event)
{
	async_uv_thread_t *thread = THREAD_OF(event);
	return async_uv_work_event_dispose(event, &thread->common, &thread->work);
}

static void thread_free_memory(zend_async_event_t *event)
{
	efree(event);
}

static zend_string *thread_info(zend_async_event_t *event)
{
	async_uv_thread_t *thread = THREAD_OF(event);
	return zend_strpprintf(0, "thread event (%s)", thread->event.finished ? "finished"
		: async_uv_work_in_flight(&thread->work) ? "on the thread pool" : "not started");
}

static const async_uv_event_ops_t thread_ops = {thread_start, thread_stop, thread_dispose, thread_info};

zend_async_thread_event_t *async_uv_new_thread_event(zend_async_thread_entry_t entry, void *arg, size_t extra_size)
{
	if (entry == NULL) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot create a thread event without an entry function");
		return NULL;
	}
	async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}

	async_uv_thread_t *thread = ecalloc(1, sizeof(async_uv_thread_t) + extra_size);
	zend_async_event_t *base = &thread->event.base;

	async_uv_event_setup(base, sizeof(async_uv_thread_t), &thread_ops);
	thread->event.entry = entry;
	thread->event.arg = arg;

	async_uv_event_init(&thread->common, base, NULL, thread_free_memory);
	return &thread->event;
}
