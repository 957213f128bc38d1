/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * stream_socket_recvfrom() and stream_socket_sendto() on a blocking socket inside a coroutine:
 * the coroutine waits until the socket is ready, then PHP's own code runs on it (same results and
 * warnings). A receive waits at most the stream's timeout (stream_set_timeout(), else
 * default_socket_timeout), as upstream and as PHP's read does: then it gives false with
 * timed_out set. (PHP's own recvfrom ignores the timeout and may block for ever.) A send waits
 * without one, as PHP's.
 */
#include "xport.h"

int async_xport_datagram(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam)
{
	async_xport_deadline_t deadline;
	bool receiving = xparam->op == STREAM_XPORT_OP_RECV;
	php_netstream_data_t *sock = stream->abstract;

	async_xport_deadline_init(&deadline, receiving ? &sock->timeout : NULL);
	async_xport_stream_t *record = async_xport_stream_find(stream);
	switch (async_xport_wait_stream(stream, &record, ASYNC_XPORT_USE_SHARED,
			receiving ? ASYNC_READABLE : ASYNC_WRITABLE, &deadline)) {
		case ASYNC_XPORT_READY:
			if (receiving) {
				sock->timeout_event = 0;
			}
			break;
		case ASYNC_XPORT_TIMEOUT:
			sock->timeout_event = 1; /* stream_get_meta_data()'s timed_out */
			xparam->outputs.returncode = -1;
			return PHP_STREAM_OPTION_RETURN_OK;
		case ASYNC_XPORT_CLOSED:
			if (xparam->op == STREAM_XPORT_OP_SEND) { /* PHP's warning for a failed send */
				char *error = php_socket_strerror(EBADF, NULL, 0);
				php_error_docref(NULL, E_WARNING, "%s\n", error);
				efree(error);
			}
			ZEND_FALLTHROUGH;
		default:
			xparam->outputs.returncode = -1;
			return PHP_STREAM_OPTION_RETURN_OK;
	}
	return async_xport_original_set_option(xport, stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
}
