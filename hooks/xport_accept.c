/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * accept inside a coroutine: PHP's own accept runs first with no time to wait (its poll finds a
 * queued connection at once: a busy server's accept costs one poll and the accept, where a look
 * before it cost a second poll); only when nothing is queued does the coroutine wait for one
 * within the accept timeout, then try again. A timeout ends as PHP's does: PHP's accept runs with
 * no time left. (The listening socket is non-blocking once the reactor has watched it, so a
 * connection another process took meanwhile makes the accept fail with EAGAIN, not block.)
 * TLS listeners wait first, then OpenSSL's accept runs as it is.
 *
 * A failed accept goes through the scheduler before it returns (failure_pause.c). One that failed
 * for want of a descriptor (EMFILE, ENFILE) or of memory leaves the connection queued: the
 * listening socket stays readable, the next wait returns at once and the next accept fails the
 * same way, so a server's accept loop would spin here without end, and the coroutines whose end
 * would free descriptors never ran. The coroutine sleeps a few milliseconds (within its timeout)
 * first, then PHP's failure and its warning ("Accept failed: Too many open files") are returned
 * as they are; once descriptors are free, the next accept takes the connection.
 *
 * Every 16th accept in a row that found a connection queued lets the other coroutines (and the
 * reactor) run before it returns: an accept loop fed faster than it accepts would otherwise
 * never suspend, and no accepted connection would be served meanwhile.
 */
#include "xport.h"

static int failed(php_stream_xport_param *xparam, int error)
{
	xparam->outputs.error_code = error;
	if (xparam->want_errortext) {
		xparam->outputs.error_text = php_socket_error_str(error);
	}
	xparam->outputs.returncode = -1;
	return PHP_STREAM_OPTION_RETURN_OK;
}

/* The outcome of PHP's accept, after a pause if it failed (an exception is then pending if the
 * coroutine was cancelled during the pause: PHP's caller warns, then it is thrown). */
static int after_accept(int result, php_stream_xport_param *xparam, const async_xport_deadline_t *deadline)
{
	if (xparam->outputs.client == NULL && EG(exception) == NULL) {
		if (async_hook_is_resource_shortage(xparam->outputs.error_code)) {
			async_hook_pause_after_shortage(async_xport_deadline_left_ms(deadline));
		} else {
			async_hook_yield();
		}
	}
	return result;
}

/* PHP's accept with no time to wait: it takes a queued client or fails its own way. */
static int accept_without_waiting(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam)
{
	struct timeval zero = { 0, 0 };
	struct timeval *timeout = xparam->inputs.timeout;
	xparam->inputs.timeout = &zero;
	int result = async_xport_original_set_option(xport, stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
	xparam->inputs.timeout = timeout;
	return result;
}

/* The same, first: true when it found nothing queued (its failure, ETIMEDOUT from its poll or
 * EAGAIN from its accept, is dropped). */
static bool accept_now(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam, int *result)
{
	*result = accept_without_waiting(xport, stream, xparam);
	int error = xparam->outputs.error_code;
	if (xparam->outputs.client != NULL || EG(exception) != NULL
			|| (error != ETIMEDOUT && error != EAGAIN && error != EWOULDBLOCK)) {
		return false;
	}
	if (xparam->outputs.error_text != NULL) {
		zend_string_release(xparam->outputs.error_text);
		xparam->outputs.error_text = NULL;
	}
	if (xparam->outputs.textaddr != NULL) {
		zend_string_release(xparam->outputs.textaddr);
		xparam->outputs.textaddr = NULL;
	}
	xparam->outputs.error_code = 0;
	return true;
}

int async_xport_accept(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam)
{
	async_xport_deadline_t deadline;
	int result;

	xparam->outputs.client = NULL;
	async_xport_deadline_init(&deadline, xparam->inputs.timeout);
	async_xport_stream_t *record = async_xport_stream_find(stream);
	for (;;) {
		if (!xport->is_tls && !accept_now(xport, stream, xparam, &result)) {
			if (xparam->outputs.client != NULL && async_xport_stream_accept_batch_done(stream, &record)) {
				/* Many accepted in a row without waiting: the others run before the caller accepts
				 * again (xport.h). Cancelled meanwhile: the exception is thrown and PHP frees the
				 * client. The stream may be closed meanwhile: it is not touched again. */
				async_hook_yield();
				return result;
			}
			return after_accept(result, xparam, &deadline);
		}
		async_xport_wait_result_t waited = xport->is_tls
			? async_xport_wait_stream(stream, &record, ASYNC_XPORT_USE_SHARED, ASYNC_READABLE, &deadline)
			: async_xport_wait_again(stream, &record, ASYNC_XPORT_USE_SHARED, ASYNC_READABLE, &deadline);
		switch (waited) {
			case ASYNC_XPORT_TIMEOUT: /* no time left: it fails (or takes a last-moment client) its own way */
				return after_accept(accept_without_waiting(xport, stream, xparam), xparam, &deadline);
			case ASYNC_XPORT_CLOSED: /* the server socket was closed by another coroutine */
				return failed(xparam, EBADF);
			case ASYNC_XPORT_FAILED: /* cancelled: PHP's caller still warns, so it says why */
				return failed(xparam, ECANCELED);
			default:
				break;
		}
		if (xport->is_tls) {
			/* ssl://, tls://: OpenSSL's accept makes the client with the ops it sees (ours, so the
			 * handshake it then asks of the client waits in this coroutine; OpenSSL's accept does
			 * not look at which ops they are) */
			return after_accept(xport->original_ops->set_option(stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam),
				xparam, &deadline);
		}
		/* woken: try again */
	}
}
