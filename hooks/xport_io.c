/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * read and write on a blocking socket stream inside a coroutine. The operation is tried first
 * without blocking (recv/send with MSG_DONTWAIT, as PHP's own read/write do when the stream has
 * a timeout); only "would block" waits for readiness within the stream's timeout
 * (stream_set_timeout, default_socket_timeout), and then the operation is tried again. So a
 * socket that is ready costs one system call, as in PHP's own code; what PHP's code does with the
 * result (eof, progress notification, the notice of a failed send) is done the same way here.
 * When the time is up, PHP's read/write runs with a timeout that does not wait, so a timeout ends
 * exactly as PHP's does (timed_out in the meta data, the same return value and notice), and data
 * that came at the last moment is still taken.
 */
#include "xport.h"

/* The timeout PHP's read/write get once our wait has timed out: PHP's poll rounds it down to 0 ms,
 * so nothing waits. It is not zero because PHP 8.4's read (php_sockop_read) skips the poll that
 * sets timed_out when the timeout is zero, and would report no timeout. */
static const struct timeval no_wait_timeout = { 0, 1 };

static bool would_block(int error)
{
	return error == EAGAIN || error == EWOULDBLOCK;
}

ssize_t async_xport_read(php_stream *stream, char *buf, size_t count)
{
	async_xport_t *xport = async_xport_of(stream);
	php_netstream_data_t *sock = stream->abstract;
	async_xport_deadline_t deadline;
	bool deadline_set = false;
	/* The last read drained a stream socket (it got less than it asked for): whoever sends has
	 * most likely not sent more since (a request waits for its answer), so the read waits first
	 * instead of a recv that says "would block" (libuv reads the same way). If data came
	 * meanwhile, the wait returns at once. */
	async_xport_stream_t *record = xport->is_datagram ? NULL : async_xport_stream_find(stream);
	if (!async_xport_stream_may_use(record, ASYNC_XPORT_USE_READ)) {
		return -1;
	}
	bool *drained = async_xport_stream_read_drained(record);
	bool wait_first = drained != NULL && *drained;

	for (;;) {
		if (!wait_first) {
			ssize_t received = recv(sock->socket, buf, count, MSG_DONTWAIT);
			if (received >= 0 || !would_block(php_socket_errno())) {
				if (received < 0 && php_socket_errno() == EINTR) {
					continue;
				}
				/* what PHP's read does after its recv */
				sock->timeout_event = 0;
				if (received > 0) {
					php_stream_notify_progress_increment(PHP_STREAM_CONTEXT(stream), received, 0);
				} else {
					stream->eof = 1;
				}
				if (!xport->is_datagram) {
					drained = async_xport_stream_read_drained(record); /* a wait may have made it */
					if (drained != NULL) {
						*drained = received > 0 && (size_t) received < count;
					}
				}
				return received;
			}
		}
		wait_first = false;
		if (!deadline_set) {
			async_xport_deadline_init(&deadline, &sock->timeout);
			deadline_set = true;
		}
		switch (async_xport_wait_again(stream, &record, ASYNC_XPORT_USE_READ, ASYNC_READABLE, &deadline)) {
			case ASYNC_XPORT_TIMEOUT: {
				struct timeval saved = sock->timeout;
				sock->timeout = no_wait_timeout;
				ssize_t result = xport->original_ops->read(stream, buf, count);
				sock->timeout = saved;
				return result;
			}
			case ASYNC_XPORT_FAILED:
			case ASYNC_XPORT_CLOSED:
				return -1;
			default:
				break; /* ready: try again */
		}
	}
}

static void notice_send_failed(size_t count, int error)
{
	/* what PHP's write says when send fails */
	char *text = php_socket_strerror(error, NULL, 0);
	php_error_docref(NULL, E_NOTICE, "Send of " ZEND_LONG_FMT " bytes failed with errno=%d %s",
		(zend_long) count, error, text);
	efree(text);
}

ssize_t async_xport_write(php_stream *stream, const char *buf, size_t count)
{
	async_xport_t *xport = async_xport_of(stream);
	php_netstream_data_t *sock = stream->abstract;
	async_xport_deadline_t deadline;
	bool deadline_set = false;
	async_xport_stream_t *record = xport->is_datagram ? NULL : async_xport_stream_find(stream);
	if (!async_xport_stream_may_use(record, ASYNC_XPORT_USE_WRITE)) {
		return -1;
	}

	for (;;) {
		/* MSG_DONTWAIT even without a timeout: what fits is sent, the stream layer calls again
		 * for the rest (PHP's blocking send would block until all of a large buffer is queued). */
		ssize_t sent = send(sock->socket, buf, count, MSG_DONTWAIT);
		if (sent > 0) {
			php_stream_notify_progress_increment(PHP_STREAM_CONTEXT(stream), sent, 0);
			return sent;
		}
		int error = php_socket_errno();
		if (sent < 0 && error == EINTR) {
			continue;
		}
		if (!would_block(error)) {
			notice_send_failed(count, error);
			return sent;
		}
		if (!deadline_set) {
			async_xport_deadline_init(&deadline, &sock->timeout);
			deadline_set = true;
		}
		switch (async_xport_wait_again(stream, &record, ASYNC_XPORT_USE_WRITE, ASYNC_WRITABLE, &deadline)) {
			case ASYNC_XPORT_FAILED:
				return -1;
			case ASYNC_XPORT_CLOSED:
				notice_send_failed(count, EBADF); /* what PHP's write says on a socket closed under it */
				return -1;
			case ASYNC_XPORT_TIMEOUT: {
				struct timeval saved = sock->timeout;
				sock->timeout = no_wait_timeout;
				ssize_t written = xport->original_ops->write(stream, buf, count);
				sock->timeout = saved;
				return written;
			}
			default:
				break; /* ready: try again */
		}
	}
}
