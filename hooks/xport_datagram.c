/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * stream_socket_recvfrom() and stream_socket_sendto() on a blocking socket inside a coroutine.
 * PHP's recvfrom/sendto block without a timeout, so the coroutine waits without one too, then
 * PHP's own code runs on the ready socket (same results and warnings).
 */
#include "xport.h"

int async_xport_datagram(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam)
{
	async_xport_deadline_t no_deadline;
	async_poll_event events = xparam->op == STREAM_XPORT_OP_RECV ? ASYNC_READABLE : ASYNC_WRITABLE;

	async_xport_deadline_init(&no_deadline, NULL);
	async_xport_stream_t *record = async_xport_stream_find(stream);
	switch (async_xport_wait_stream(stream, &record, ASYNC_XPORT_USE_SHARED, events, &no_deadline)) {
		case ASYNC_XPORT_READY:
			break;
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
