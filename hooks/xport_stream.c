/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The record of a socket stream: what the transport hooks keep for it, in one place, from its
 * first wait to its close. It holds
 *   - who waits on the stream (stream_waiters.c: a close from another coroutine wakes them and
 *     waits until they have left; a second reader, or writer, is refused: PHP's stream layer is
 *     not made for two at once);
 *   - the poll events of its reader and its writer, reused by every wait (xport_wait.c);
 *   - whether its last read drained the socket (xport_io.c).
 * Records are found by the stream's address in a table of the request (module globals): each
 * operation looks its record up once and passes it on. A persistent stream, which outlives the
 * request's events, has a record only while someone waits, and it keeps no events.
 */
#include "xport.h"

struct _async_xport_stream {
	async_stream_waiters_t waiters;
	bool persistent;
	bool read_drained;                 /* see async_xport_stream_read_drained() */
	bool waited;                       /* a wait on it suspended since the last accept counted */
	uint32_t accepts_in_a_row;         /* accepts that found a connection queued */
	zend_async_poll_event_t *kept[2];  /* ASYNC_XPORT_USE_READ, ASYNC_XPORT_USE_WRITE */
};

#define records ASYNC_G(hooks.xport_streams) /* stream address => record */

/* The table's key for a stream. Its address itself would make a poor one: a hash table picks
 * the bucket from the key's low bits, and streams come from one allocator bin (addresses a
 * multiple of their size apart), so with thousands of connections most low bits are alike and
 * the look-ups walked long chains (zend_hash_index_find was 2 to 5 % of an HTTP server's profile).
 * Multiplying by an odd constant and folding the high half in mixes every bit into the low ones,
 * and both steps can be undone: two streams never share a key. */
static zend_ulong key_of(php_stream *stream)
{
#if SIZEOF_ZEND_LONG == 8
	uint64_t key = (uint64_t) (uintptr_t) stream * UINT64_C(0x9E3779B97F4A7C15);
	return (zend_ulong) (key ^ (key >> 32));
#else
	return (zend_ulong) (uintptr_t) stream; /* a 32-bit key cannot hold the folded product */
#endif
}

async_xport_stream_t *async_xport_stream_find(php_stream *stream)
{
	return records != NULL ? zend_hash_index_find_ptr(records, key_of(stream)) : NULL;
}

static async_xport_stream_t *create(php_stream *stream)
{
	if (records == NULL) {
		ALLOC_HASHTABLE(records);
		zend_hash_init(records, 8, NULL, NULL, 0);
	}
	async_xport_stream_t *record = ecalloc(1, sizeof(*record));
	async_stream_waiters_init(&record->waiters);
	record->persistent = php_stream_is_persistent(stream);
	zend_hash_index_add_new_ptr(records, key_of(stream), record);
	return record;
}

static void drop_from_table(php_stream *stream)
{
	zend_hash_index_del(records, key_of(stream));
	if (zend_hash_num_elements(records) == 0) {
		zend_hash_destroy(records);
		FREE_HASHTABLE(records);
		records = NULL;
	}
}

static const char *busy_message(async_xport_use_t use)
{
	return use == ASYNC_XPORT_USE_READ
		? "Another coroutine is already reading from this stream"
		: "Another coroutine is already writing to this stream";
}

bool async_xport_stream_may_use(const async_xport_stream_t *record, async_xport_use_t use)
{
	if (record == NULL || use == ASYNC_XPORT_USE_SHARED || !async_stream_waiters_in_use(&record->waiters, use)) {
		return true;
	}
	zend_throw_error(NULL, "%s", busy_message(use));
	return false;
}

bool *async_xport_stream_read_drained(async_xport_stream_t *record)
{
	return record != NULL && !record->waiters.closing ? &record->read_drained : NULL;
}

async_xport_enter_result_t async_xport_stream_enter(php_stream *stream, async_xport_stream_t **record,
	async_xport_waiter_t *waiter, async_xport_use_t use)
{
	if (*record == NULL) {
		*record = create(stream);
	}
	if ((*record)->waiters.closing) {
		return ASYNC_XPORT_ENTER_CLOSING;
	}
	if (!async_xport_stream_may_use(*record, use)) {
		return ASYNC_XPORT_ENTER_BUSY;
	}
	async_stream_waiters_enter(&(*record)->waiters, waiter, use);
	return ASYNC_XPORT_ENTERED;
}

bool async_xport_stream_leave(php_stream *stream, async_xport_stream_t *record, async_xport_waiter_t *waiter)
{
	if (async_stream_waiters_leave(&record->waiters, waiter)) {
		efree(record); /* closed where nobody could wait: out of the table already */
		return true;
	}
	if (record->persistent && !record->waiters.closing && async_list_empty(&record->waiters.list)) {
		drop_from_table(stream);
		efree(record);
		return true;
	}
	return false;
}

void async_xport_stream_note_suspension(async_xport_stream_t *record)
{
	record->waited = true;
}

bool async_xport_stream_accept_batch_done(php_stream *stream, async_xport_stream_t **record)
{
	if (*record == NULL && !php_stream_is_persistent(stream)) {
		*record = create(stream); /* an accept that never waited counts too */
	}
	if (*record == NULL) {
		return false;
	}
	async_xport_stream_t *counted = *record;
	if (counted->waited) {
		counted->waited = false;
		counted->accepts_in_a_row = 0;
	}
	return ++counted->accepts_in_a_row % ASYNC_XPORT_ACCEPT_BATCH == 0;
}

bool async_xport_stream_closing(const async_xport_stream_t *record)
{
	return record->waiters.closing;
}

zend_async_poll_event_t **async_xport_stream_kept_poll(async_xport_stream_t *record, async_xport_use_t use)
{
	if (use == ASYNC_XPORT_USE_SHARED || record->persistent) {
		return NULL;
	}
	return &record->kept[use == ASYNC_XPORT_USE_WRITE];
}

/* Before the fd closes: the reactor handle of the socket goes with its last event. */
static void release_kept_polls(async_xport_stream_t *record)
{
	for (size_t i = 0; i < 2; i++) {
		if (record->kept[i] != NULL) {
			ZEND_ASYNC_EVENT_RELEASE(&record->kept[i]->base);
			record->kept[i] = NULL;
		}
	}
}

void async_xport_stream_close(php_stream *stream)
{
	async_xport_stream_t *record = async_xport_stream_find(stream);
	if (record == NULL) {
		return;
	}
	drop_from_table(stream);
	bool all_left = async_stream_waiters_close(&record->waiters);
	/* When some are left (nobody could wait for them), their wakers hold the events until they leave. */
	release_kept_polls(record);
	if (all_left) {
		efree(record);
	}
}

bool async_xport_close_would_strand_waiters(php_stream *stream)
{
	async_xport_stream_t *record = async_xport_stream_find(stream);
	return record != NULL && async_stream_waiters_would_strand(&record->waiters);
}

/* After the request's resources were closed: a record still here belongs to a stream nobody closed
 * (a persistent one whose waiter never came back, after a fatal error). The table is forgotten so
 * that the next request does not find it in freed memory; the events are the reactor's to free. */
void async_xport_streams_post_deactivate(void)
{
	if (records == NULL) {
		return;
	}
	async_xport_stream_t *record;
	ZEND_HASH_FOREACH_PTR(records, record) {
		efree(record);
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(records);
	FREE_HASHTABLE(records);
	records = NULL;
}
