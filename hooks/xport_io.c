/*
 * read and write on a blocking socket stream inside a coroutine: wait for readiness within the
 * stream's timeout (stream_set_timeout, default_socket_timeout), then PHP's own read/write runs
 * and finds the socket ready. When the time is up, PHP's read/write runs with a zero timeout, so
 * a timeout ends exactly as PHP's does (timed_out in the meta data, the same return value and
 * notice), and data that came at the last moment is still taken.
 */
#include "xport.h"

static const struct timeval zero_timeout = { 0, 0 };

ssize_t async_xport_read(php_stream *stream, char *buf, size_t count)
{
	async_xport_t *xport = async_xport_of(stream);
	php_netstream_data_t *sock = stream->abstract;
	async_xport_deadline_t deadline;

	async_xport_deadline_init(&deadline, &sock->timeout);
	switch (async_xport_wait_stream(stream, ASYNC_READABLE, &deadline)) {
		case ASYNC_XPORT_TIMEOUT: {
			struct timeval saved = sock->timeout;
			sock->timeout = zero_timeout;
			ssize_t result = xport->original_ops->read(stream, buf, count);
			sock->timeout = saved;
			return result;
		}
		case ASYNC_XPORT_FAILED:
		case ASYNC_XPORT_CLOSED:
			return -1;
		default:
			return xport->original_ops->read(stream, buf, count);
	}
}

ssize_t async_xport_write(php_stream *stream, const char *buf, size_t count)
{
	async_xport_t *xport = async_xport_of(stream);
	php_netstream_data_t *sock = stream->abstract;
	async_xport_deadline_t deadline;

	async_xport_deadline_init(&deadline, &sock->timeout);
	switch (async_xport_wait_stream(stream, ASYNC_WRITABLE, &deadline)) {
		case ASYNC_XPORT_FAILED:
			return -1;
		case ASYNC_XPORT_CLOSED: {
			/* what PHP's write says on a socket closed under it */
			char *error = php_socket_strerror(EBADF, NULL, 0);
			php_error_docref(NULL, E_NOTICE, "Send of " ZEND_LONG_FMT " bytes failed with errno=%d %s",
				(zend_long) count, EBADF, error);
			efree(error);
			return -1;
		}
		case ASYNC_XPORT_READY:
			if (sock->timeout.tv_sec != -1) {
				return xport->original_ops->write(stream, buf, count);
			}
			/* Without a timeout PHP's write sends without MSG_DONTWAIT, which would block until all
			 * of a large buffer is queued: with a zero timeout it sends what fits (the stream layer
			 * calls again for the rest). */
			ZEND_FALLTHROUGH;
		default: {
			struct timeval saved = sock->timeout;
			sock->timeout = zero_timeout;
			ssize_t written = xport->original_ops->write(stream, buf, count);
			sock->timeout = saved;
			return written;
		}
	}
}
