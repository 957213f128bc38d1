/*
 * accept inside a coroutine: wait for a pending connection within the accept timeout, then PHP's
 * own accept takes it (its poll finds it at once). A timeout ends as PHP's does: PHP's accept
 * runs with no time left.
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

int async_xport_accept(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam)
{
	async_xport_deadline_t deadline;

	xparam->outputs.client = NULL;
	async_xport_deadline_init(&deadline, xparam->inputs.timeout);
	switch (async_xport_wait_stream(stream, ASYNC_XPORT_USE_SHARED, ASYNC_READABLE, &deadline)) {
		case ASYNC_XPORT_TIMEOUT: {
			/* PHP's accept with no time left: it fails (or takes a last-moment client) its own way */
			struct timeval zero = { 0, 0 };
			struct timeval *timeout = xparam->inputs.timeout;
			xparam->inputs.timeout = &zero;
			int result = async_xport_original_set_option(xport, stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
			xparam->inputs.timeout = timeout;
			return result;
		}
		case ASYNC_XPORT_CLOSED: /* the server socket was closed by another coroutine */
			return failed(xparam, EBADF);
		case ASYNC_XPORT_FAILED: /* cancelled: PHP's caller still warns, so it says why */
			return failed(xparam, ECANCELED);
		default:
			break;
	}
	if (xport->is_tls) {
		/* ssl://, tls://: OpenSSL's accept makes the client with the ops it sees (ours, so the
		 * handshake it then asks of the client waits in this coroutine; OpenSSL's accept does not
		 * look at which ops they are) */
		return xport->original_ops->set_option(stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
	}
	return async_xport_original_set_option(xport, stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
}
