/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * TLS over a socket stream inside a coroutine (ssl://, tls://, and tcp:// after STARTTLS).
 *
 * With TLS a readable socket is not readable data: OpenSSL may already hold decrypted data the
 * socket does not show, or need the rest of a record first. So PHP's own TLS read/write runs
 * first with the stream in non-blocking mode for the call; only when it would block (EAGAIN) does
 * the coroutine wait for the socket, then tries again. When the stream's timeout passes, it ends
 * as OpenSSL's code does (timed_out set, the read or write fails).
 *
 * Handshakes are driven the same way: PHP's code is asked to enable crypto in non-blocking mode
 * (it returns "not yet" instead of polling) and the coroutine waits between the steps. The
 * handshake of an ssl:// connect waits until the connection is made: OpenSSL would begin it on a
 * socket still connecting (and fail, or hold the next address back), so its setup is deferred.
 */
#include "xport.h"

/* PHP's read or write once, in non-blocking mode; *would_block says it needs the socket. */
static ssize_t once_without_blocking(php_stream *stream, bool reading, char *buf, size_t count, bool *would_block)
{
	const php_stream_ops *original = async_xport_of(stream)->original_ops;
	php_netstream_data_t *sock = stream->abstract;

	php_set_sock_blocking(sock->socket, 0);
	sock->is_blocked = 0;
	errno = 0;
	ssize_t result = reading ? original->read(stream, buf, count) : original->write(stream, buf, count);
	int error = errno;
	sock->is_blocked = 1;
	php_set_sock_blocking(sock->socket, 1);

	*would_block = result == 0 && !stream->eof && (error == EAGAIN || error == EWOULDBLOCK);
	return result;
}

/* The time is up: a last try, then the end OpenSSL's own read/write gives a timeout (PHP's TLS
 * code cannot be run with no time left: a zero timeout means none to it). */
static ssize_t once_with_no_time_left(php_stream *stream, bool reading, char *buf, size_t count)
{
	php_netstream_data_t *sock = stream->abstract;
	bool would_block;
	ssize_t result = once_without_blocking(stream, reading, buf, count, &would_block);
	if (!would_block) {
		return result;
	}
	sock->timeout_event = 1;
	return -1;
}

/* What OpenSSL waits for after "would block": it keeps whether it wants to read or to write to
 * itself, but it can want to read only while the socket has nothing to read, and to write only
 * while the socket cannot take more. 0: the socket is both by now, try again. */
static async_poll_event what_openssl_waits_for(php_socket_t fd)
{
	php_pollfd p = { .fd = fd, .events = POLLIN | POLLOUT, .revents = 0 };
	if (php_poll2(&p, 1, 0) < 0) {
		return 0; /* the next try reports the error */
	}
	async_poll_event events = 0;
	if (!(p.revents & (POLLIN | POLLERR | POLLHUP))) {
		events |= ASYNC_READABLE;
	}
	if (!(p.revents & (POLLOUT | POLLERR | POLLHUP))) {
		events |= ASYNC_WRITABLE;
	}
	return events;
}

static ssize_t tls_io(php_stream *stream, bool reading, char *buf, size_t count)
{
	php_netstream_data_t *sock = stream->abstract;
	async_xport_deadline_t deadline;
	async_xport_deadline_init(&deadline, &sock->timeout);
	async_xport_stream_t *record = async_xport_stream_find(stream);

	for (;;) {
		bool would_block;
		ssize_t result = once_without_blocking(stream, reading, buf, count, &would_block);
		if (!would_block) {
			return result;
		}
		async_poll_event events = what_openssl_waits_for(sock->socket);
		if (events == 0) {
			if (async_xport_deadline_left_ms(&deadline) == 0) {
				return once_with_no_time_left(stream, reading, buf, count);
			}
			continue;
		}
		switch (async_xport_wait_stream(stream, &record, reading ? ASYNC_XPORT_USE_READ : ASYNC_XPORT_USE_WRITE,
				events, &deadline)) {
			case ASYNC_XPORT_TIMEOUT:
				return once_with_no_time_left(stream, reading, buf, count);
			case ASYNC_XPORT_FAILED:
			case ASYNC_XPORT_CLOSED:
				return -1;
			default:
				break;
		}
	}
}

ssize_t async_xport_tls_read(php_stream *stream, char *buf, size_t count)
{
	return tls_io(stream, true, buf, count);
}

ssize_t async_xport_tls_write(php_stream *stream, const char *buf, size_t count)
{
	return tls_io(stream, false, (char *) buf, count);
}

bool async_xport_tls_handshake(php_stream *stream, const struct timeval *timeout)
{
	async_xport_t *xport = async_xport_of(stream);
	php_netstream_data_t *sock = stream->abstract;
	async_xport_deadline_t deadline;
	bool done = false;

	async_xport_deadline_init(&deadline, timeout);
	for (;;) {
		/* PHP's crypto enable, in non-blocking mode: 1 done, 0 not yet, -1 failed (PHP warned) */
		php_stream_xport_crypto_param param;
		memset(&param, 0, sizeof(param));
		param.op = STREAM_XPORT_CRYPTO_OP_ENABLE;
		param.inputs.activate = 1;
		sock->is_blocked = 0;
		int option = async_xport_original_set_option(xport, stream, PHP_STREAM_OPTION_CRYPTO_API, 0, &param);
		sock->is_blocked = 1;
		if (option != PHP_STREAM_OPTION_RETURN_OK || param.outputs.returncode < 0) {
			break;
		}
		if (param.outputs.returncode > 0) {
			done = true;
			break;
		}
		async_poll_event events = what_openssl_waits_for(sock->socket);
		async_hook_wait_result_t waited = events != 0
			? async_xport_wait_ready(sock->socket, events, &deadline)
			: (async_xport_deadline_left_ms(&deadline) == 0 ? ASYNC_HOOK_WAIT_TIMEOUT : ASYNC_HOOK_WAIT_READY);
		if (waited == ASYNC_HOOK_WAIT_TIMEOUT) {
			php_error_docref(NULL, E_WARNING, "SSL: Handshake timed out");
			break;
		}
		if (waited == ASYNC_HOOK_WAIT_FAILED) {
			break;
		}
	}
	php_set_sock_blocking(sock->socket, 1);
	return done;
}

#define deferring ASYNC_G(hooks.tls_deferring)
#define deferred ASYNC_G(hooks.tls_deferred)

void async_xport_tls_defer(php_stream *stream, async_xport_tls_deferred_t *record)
{
	deferring = stream;
	deferred = record;
	if (record != NULL) {
		memset(record, 0, sizeof(*record));
	}
}

bool async_xport_tls_deferred_op(php_stream *stream, php_stream_xport_crypto_param *cparam)
{
	if (stream != deferring || deferring == NULL) {
		return false;
	}
	if (cparam->op == STREAM_XPORT_CRYPTO_OP_SETUP) {
		deferred->setup = true;
		deferred->method = cparam->inputs.method;
		deferred->session = cparam->inputs.session;
	}
	cparam->outputs.returncode = 0; /* setup: done; enable: not yet */
	return true;
}
