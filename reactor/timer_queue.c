/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Timeout queues: one-shot timeouts of the same length share one uv_timer_t.
 *
 * A server waits with the same timeout over and over (a stream's read timeout, a delay in a
 * loop), and a uv_timer_t per wait costs a start and a stop in libuv's timer heap (log n steps
 * through the heaps' nodes, one cache miss each at thousands of timers), plus its init and close.
 * Timeouts of one length started one after another expire in the order they were started, so
 * they can wait in a FIFO list behind one uv_timer_t armed for the oldest one: adding is an
 * append, removing is an unlink, and the uv_timer_t is armed again only when it fires (a removed
 * head leaves it armed: it fires, finds nothing due and is armed for the new head).
 *
 * A timeout never expires before its deadline on the precise monotonic clock (the one hrtime()
 * reads): libuv counts whole milliseconds of a loop clock read coarsely and truncated, so the
 * queue's timer is given to libuv as due at the first loop-clock millisecond not before the
 * head's deadline, and expires only the timeouts that are due on the precise clock when it fires.
 *
 * Queues are kept per request, keyed by length, armed while not empty. An empty queue is closed
 * once more than QUEUES_KEPT exist, so a program with ever-different lengths does not pile them up.
 */
#include "reactor.h"

#define QUEUES_KEPT 64
#define NS_PER_MS 1000000u

struct _async_uv_timeout_queue_s {
	uv_timer_t handle;       /* first: the close callback frees from it */
	uint64_t length_ms;
	async_list_t timeouts;   /* queued, earliest deadline first */
	uint32_t visible;        /* queued timeouts that keep the loop alive */
	uint64_t next_seq;       /* of the next timeout added: one added while firing waits a turn */
	bool firing;
};

#define queues ASYNC_G(reactor.timeout_queues) /* length in ms => its queue, for this request */
#define TIMEOUT_OF(node) ASYNC_LIST_ENTRY(node, async_uv_timeout_t, link)

static void on_queue_due(uv_timer_t *handle);

static void on_queue_closed(uv_handle_t *handle)
{
	efree(handle);
}

static void queue_close(async_uv_timeout_queue_t *queue)
{
	zend_hash_index_del(queues, (zend_ulong) queue->length_ms);
	uv_close((uv_handle_t *) &queue->handle, on_queue_closed);
}

static async_uv_timeout_queue_t *queue_for(uint64_t length_ms)
{
	if (queues == NULL) {
		ALLOC_HASHTABLE(queues);
		zend_hash_init(queues, 8, NULL, NULL, 0);
	}
	async_uv_timeout_queue_t *queue = zend_hash_index_find_ptr(queues, (zend_ulong) length_ms);
	if (queue == NULL) {
		queue = ecalloc(1, sizeof(*queue));
		uv_timer_init(async_uv_loop(), &queue->handle); /* cannot fail */
		queue->handle.data = queue;
		queue->length_ms = length_ms;
		async_list_init(&queue->timeouts);
		uv_unref((uv_handle_t *) &queue->handle);
		zend_hash_index_add_new_ptr(queues, (zend_ulong) length_ms, queue);
	}
	return queue;
}

/* Arms the queue's timer for its head; libuv's loop clock must have been read just before. */
static void queue_arm(async_uv_timeout_queue_t *queue)
{
	const async_uv_timeout_t *head = TIMEOUT_OF(async_list_first(&queue->timeouts));
	uint64_t timeout = queue->length_ms; /* a deadline past the clock's range: count from now */
	if (head->deadline_ns != UINT64_MAX) {
		uint64_t due_ms = head->deadline_ns / NS_PER_MS + (head->deadline_ns % NS_PER_MS != 0);
		uint64_t loop_ms = uv_now(queue->handle.loop);
		timeout = due_ms > loop_ms ? due_ms - loop_ms : 0;
	}
	uv_timer_start(&queue->handle, on_queue_due, timeout, 0); /* cannot fail: the callback is set */
}

static void unlink_timeout(async_uv_timeout_queue_t *queue, async_uv_timeout_t *timeout)
{
	async_list_remove(&queue->timeouts, &timeout->link);
	timeout->queue = NULL;
	if (timeout->visible && --queue->visible == 0) {
		uv_unref((uv_handle_t *) &queue->handle);
	}
}

/* After an expiry or a removal left the queue empty: its timer stops; an extra queue goes. */
static void queue_emptied(async_uv_timeout_queue_t *queue)
{
	uv_timer_stop(&queue->handle);
	if (zend_hash_num_elements(queues) > QUEUES_KEPT) {
		queue_close(queue);
	}
}

static void on_queue_due(uv_timer_t *handle)
{
	async_uv_timeout_queue_t *queue = handle->data;
	uint64_t now = uv_hrtime();
	uint64_t added_before = queue->next_seq;

	queue->firing = true;
	async_list_node_t *node;
	while ((node = async_list_first(&queue->timeouts)) != NULL) {
		async_uv_timeout_t *timeout = TIMEOUT_OF(node);
		if (timeout->deadline_ns > now || timeout->seq >= added_before) {
			break;
		}
		unlink_timeout(queue, timeout);
		timeout->expired(timeout); /* may add or remove timeouts, this one's memory may go */
	}
	queue->firing = false;

	if (async_list_empty(&queue->timeouts)) {
		queue_emptied(queue);
	} else {
		uv_update_time(handle->loop);
		queue_arm(queue);
	}
}

void async_uv_timeout_add(async_uv_timeout_t *timeout, uint64_t length_ms, bool visible,
	void (*expired)(async_uv_timeout_t *timeout))
{
	async_uv_timeout_queue_t *queue = queue_for(length_ms);
	uint64_t now = uv_hrtime();

	timeout->deadline_ns = length_ms > (UINT64_MAX - now) / NS_PER_MS ? UINT64_MAX : now + length_ms * NS_PER_MS;
	timeout->expired = expired;
	timeout->visible = visible;
	timeout->seq = queue->next_seq++;
	timeout->queue = queue;
	bool was_empty = async_list_empty(&queue->timeouts);
	async_list_append(&queue->timeouts, &timeout->link);
	if (visible && queue->visible++ == 0) {
		uv_ref((uv_handle_t *) &queue->handle);
	}
	if (was_empty && !queue->firing) {
		/* libuv counts from the loop's clock, last read when the loop last ran: after PHP code ran
		 * a while without entering the loop, the clock lags and the timer would be due early. */
		uv_update_time(queue->handle.loop);
		queue_arm(queue);
	}
}

void async_uv_timeout_remove(async_uv_timeout_t *timeout)
{
	async_uv_timeout_queue_t *queue = timeout->queue;
	if (queue == NULL) {
		return;
	}
	unlink_timeout(queue, timeout);
	if (async_list_empty(&queue->timeouts) && !queue->firing) {
		queue_emptied(queue);
	}
}

void async_uv_timeout_queues_close(void (*cancel)(async_uv_timeout_t *timeout))
{
	if (queues == NULL) {
		return;
	}
	async_uv_timeout_queue_t *queue;
	ZEND_HASH_FOREACH_PTR(queues, queue) {
		queue->firing = true; /* a removal must not close it while the table is walked */
		async_list_node_t *node;
		while ((node = async_list_first(&queue->timeouts)) != NULL) {
			async_uv_timeout_t *timeout = TIMEOUT_OF(node);
			cancel(timeout); /* must remove it */
			if (timeout->queue == queue) {
				unlink_timeout(queue, timeout);
			}
		}
		uv_close((uv_handle_t *) &queue->handle, on_queue_closed);
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(queues);
	FREE_HASHTABLE(queues);
	queues = NULL;
}
