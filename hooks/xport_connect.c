/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * connect inside a coroutine (tcp and udp; unix and udg never wait, PHP's code does those).
 *
 * The host name is resolved through the engine API's getaddrinfo event, so only this coroutine
 * waits; each address is then handed to PHP's own connect as a numeric "ip:port" in its
 * asynchronous mode (which makes the socket, binds `bindto`, sets the socket options and starts
 * the connection), and the coroutine waits for the socket to become writable within the connect
 * timeout. Like PHP, the next address is tried while time is left, and a connected socket is put
 * back in blocking mode. For ssl:// and tls:// the TLS handshake that follows is driven without
 * blocking too (xport_tls.c). When the name cannot be resolved, PHP's code runs with the name as it
 * was, so the warning and error text are PHP's own (that one failing lookup is done again by PHP).
 */
#include "xport.h"
#include <netdb.h>
#include <arpa/inet.h>

/* Splits "host:port" or "[v6]:port" like PHP does; false when PHP would refuse the address. */
static bool split_address(const char *name, size_t len, zend_string **host, const char **port)
{
	if (len > 1 && name[0] == '[') {
		const char *end = memchr(name + 1, ']', len - 2);
		if (end == NULL || end[1] != ':') {
			return false;
		}
		*host = zend_string_init(name + 1, end - name - 1, 0);
		*port = end + 2;
		return true;
	}
	const char *colon = len > 0 ? memchr(name, ':', len - 1) : NULL;
	if (colon == NULL) {
		return false;
	}
	*host = zend_string_init(name, colon - name, 0);
	*port = colon + 1;
	return true;
}

static bool is_numeric_address(const char *host)
{
	unsigned char buffer[sizeof(struct in6_addr)];
	return inet_pton(AF_INET, host, buffer) == 1 || inet_pton(AF_INET6, host, buffer) == 1;
}

/* PHP asks for IPv6 addresses too when the system can make IPv6 sockets. */
static int address_family(void)
{
	static int family = AF_UNSPEC - 1;
	if (family == AF_UNSPEC - 1) {
		php_socket_t probe = socket(PF_INET6, SOCK_DGRAM, 0);
		family = probe == SOCK_ERR ? AF_INET : AF_UNSPEC;
		if (probe != SOCK_ERR) {
			closesocket(probe);
		}
	}
	return family;
}

typedef enum { RESOLVED, NOT_RESOLVED, RESOLVE_THREW } resolve_result_t;

static resolve_result_t resolve(const char *host, int socktype, struct addrinfo **result)
{
	struct addrinfo hints;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = address_family();
	hints.ai_socktype = socktype;

	*result = NULL;
	zend_async_dns_addrinfo_t *dns = ZEND_ASYNC_GETADDRINFO(host, NULL, &hints);
	if (dns == NULL) {
		zend_clear_exception();
		return NOT_RESOLVED;
	}
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, &dns->base, false, zend_async_waker_callback_resolve, NULL)) {
		zend_async_waker_clean(self);
		ZEND_ASYNC_EVENT_RELEASE(&dns->base);
		/* A name libuv refuses before asking (an empty host): PHP's own lookup reports it. */
		zend_class_entry *dns_error = ZEND_ASYNC_GET_EXCEPTION_CE(ZEND_ASYNC_EXCEPTION_DNS);
		if (EG(exception) != NULL && dns_error != NULL && instanceof_function(EG(exception)->ce, dns_error)) {
			zend_clear_exception();
			return NOT_RESOLVED;
		}
		return RESOLVE_THREW;
	}
	ZEND_ASYNC_SUSPEND();

	resolve_result_t outcome = RESOLVED;
	if (EG(exception)) {
		zend_class_entry *dns_error = ZEND_ASYNC_GET_EXCEPTION_CE(ZEND_ASYNC_EXCEPTION_DNS);
		/* Failed, also when the request could not start (an empty host: libuv refuses it). */
		if (dns_error != NULL && instanceof_function(EG(exception)->ce, dns_error) && async_hook_clear_failure()) {
			outcome = NOT_RESOLVED;
		} else {
			outcome = RESOLVE_THREW; /* cancelled */
		}
	} else if (dns->result == NULL) {
		outcome = NOT_RESOLVED;
	} else {
		*result = dns->result;
		dns->result = NULL;
	}
	ZEND_ASYNC_EVENT_RELEASE(&dns->base);
	return outcome;
}

static void set_error(php_stream_xport_param *xparam, int error)
{
	xparam->outputs.error_code = error;
	if (xparam->want_errortext) {
		if (xparam->outputs.error_text != NULL) {
			zend_string_release(xparam->outputs.error_text);
		}
		xparam->outputs.error_text = php_socket_error_str(error);
	}
}

static void close_socket(php_netstream_data_t *sock)
{
	if (sock->socket != SOCK_ERR) {
		closesocket(sock->socket);
		sock->socket = SOCK_ERR;
	}
}

typedef enum {
	ATTEMPT_CONNECTED,
	ATTEMPT_FAILED,     /* the next address may be tried */
	ATTEMPT_FINAL,      /* connected, but the TLS handshake failed: PHP tries no other address */
	ATTEMPT_THREW       /* cancelled */
} attempt_result_t;

/* One address (xparam->inputs.name is numeric by now). With `wait` false it only starts the
 * connection, as PHP does for STREAM_CLIENT_ASYNC_CONNECT. */
static attempt_result_t attempt(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam,
	const async_xport_deadline_t *deadline, bool wait)
{
	php_netstream_data_t *sock = stream->abstract;

	if (xparam->outputs.error_text != NULL) { /* from the previous address, as PHP drops it */
		zend_string_release(xparam->outputs.error_text);
		xparam->outputs.error_text = NULL;
	}
	int op = xparam->op;
	xparam->op = STREAM_XPORT_OP_CONNECT_ASYNC;
	async_xport_tls_deferred_t tls;
	if (xport->is_tls) {
		/* ssl://, tls://: OpenSSL's connect sets up and starts the handshake at once; both are
		 * kept for when the connection is made (the ops stay ours for the call: OpenSSL's
		 * transport is tcp, whatever PHP's ops it sees) */
		async_xport_tls_defer(stream, &tls);
		xport->original_ops->set_option(stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
		async_xport_tls_defer(NULL, NULL);
	} else {
		async_xport_original_set_option(xport, stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
	}
	xparam->op = op;

	if (xparam->outputs.returncode < 0) {
		return ATTEMPT_FAILED;
	}
	if (!wait) {
		return ATTEMPT_CONNECTED;
	}
	int error = 0;
	if (xparam->outputs.returncode == 1) { /* in progress */
		switch (async_xport_wait_ready(sock->socket, ASYNC_READABLE | ASYNC_WRITABLE, deadline)) {
			case ASYNC_HOOK_WAIT_FAILED: /* cancelled: PHP's caller still warns, so it says why */
				close_socket(sock);
				set_error(xparam, ECANCELED);
				xparam->outputs.returncode = -1;
				return ATTEMPT_THREW;
			case ASYNC_HOOK_WAIT_TIMEOUT:
				error = ETIMEDOUT;
				break;
			default: {
				socklen_t len = sizeof(error);
				if (getsockopt(sock->socket, SOL_SOCKET, SO_ERROR, (char *) &error, &len) != 0) {
					error = php_socket_errno();
				}
				break;
			}
		}
	}
	if (error != 0) {
		set_error(xparam, error);
		close_socket(sock);
		xparam->outputs.returncode = -1;
		return ATTEMPT_FAILED;
	}
	php_set_sock_blocking(sock->socket, 1); /* PHP's blocking connect leaves the socket blocking */
	xparam->outputs.error_code = 0;
	xparam->outputs.returncode = 0;
	if (xport->is_tls && tls.setup) {
		/* OpenSSL's handshake has its own timeout, the connect timeout again; a failure is final */
		if (php_stream_xport_crypto_setup(stream, tls.method, tls.session) < 0
				|| !async_xport_tls_handshake(stream, xparam->inputs.timeout)) {
			if (EG(exception) == NULL) {
				php_error_docref(NULL, E_WARNING, "Failed to enable crypto");
			} else {
				set_error(xparam, ECANCELED);
			}
			xparam->outputs.returncode = -1;
			return EG(exception) != NULL ? ATTEMPT_THREW : ATTEMPT_FINAL;
		}
	}
	return ATTEMPT_CONNECTED;
}

/* Every resolved address in turn, as PHP does, until one connects or the time is up. */
static void attempt_each(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam,
	struct addrinfo *addresses, const char *port, bool wait)
{
	char *name = xparam->inputs.name;
	size_t namelen = xparam->inputs.namelen;
	async_xport_deadline_t deadline;
	async_xport_deadline_init(&deadline, xparam->inputs.timeout);

	xparam->outputs.returncode = -1;
	for (struct addrinfo *ai = addresses; ai != NULL; ai = ai->ai_next) {
		char ip[INET6_ADDRSTRLEN];
		const void *raw = ai->ai_family == AF_INET6
			? (const void *) &((struct sockaddr_in6 *) ai->ai_addr)->sin6_addr
			: (const void *) &((struct sockaddr_in *) ai->ai_addr)->sin_addr;
		if ((ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
				|| inet_ntop(ai->ai_family, raw, ip, sizeof(ip)) == NULL) {
			continue;
		}
		zend_string *numeric = ai->ai_family == AF_INET6
			? zend_strpprintf(0, "[%s]:%s", ip, port)
			: zend_strpprintf(0, "%s:%s", ip, port);
		xparam->inputs.name = ZSTR_VAL(numeric);
		xparam->inputs.namelen = ZSTR_LEN(numeric);
		attempt_result_t result = attempt(xport, stream, xparam, &deadline, wait);
		xparam->inputs.name = name;
		xparam->inputs.namelen = namelen;
		zend_string_release(numeric);
		if (result != ATTEMPT_FAILED || async_xport_deadline_left_ms(&deadline) == 0) {
			break;
		}
	}
}

static int connect_as_php_does(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam)
{
	php_netstream_data_t *sock = stream->abstract;
	bool wait = xparam->op == STREAM_XPORT_OP_CONNECT;
	zend_string *host = NULL;
	const char *port = NULL;

	if (xport->is_unix || sock->socket != SOCK_ERR || (xport->is_tls && !wait)
			|| !split_address(xparam->inputs.name, xparam->inputs.namelen, &host, &port)) {
		/* a path, a socket that exists already, an address PHP refuses, or an asynchronous TLS
		 * connect (PHP's own, as it is): nothing to wait for */
		return async_xport_original_set_option(xport, stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
	}

	if (is_numeric_address(ZSTR_VAL(host))) {
		async_xport_deadline_t deadline;
		async_xport_deadline_init(&deadline, xparam->inputs.timeout);
		attempt(xport, stream, xparam, &deadline, wait);
		zend_string_release(host);
		return PHP_STREAM_OPTION_RETURN_OK;
	}

	/* The name may stop before the port's end: PHP reads the port with atoi. */
	zend_string *port_copy = zend_string_init(port, xparam->inputs.namelen - (port - xparam->inputs.name), 0);
	struct addrinfo *addresses;
	int socktype = strcmp(xport->protocol, "udp") == 0 ? SOCK_DGRAM : SOCK_STREAM;
	switch (resolve(ZSTR_VAL(host), socktype, &addresses)) {
		case RESOLVED:
			attempt_each(xport, stream, xparam, addresses, ZSTR_VAL(port_copy), wait);
			ZEND_ASYNC_FREEADDRINFO(addresses);
			break;
		case NOT_RESOLVED:
			/* PHP resolves it again and reports the failure in its own words */
			async_xport_original_set_option(xport, stream, PHP_STREAM_OPTION_XPORT_API, 0, xparam);
			break;
		case RESOLVE_THREW:
			set_error(xparam, ECANCELED);
			xparam->outputs.returncode = -1;
			break;
	}
	zend_string_release(port_copy);
	zend_string_release(host);
	return PHP_STREAM_OPTION_RETURN_OK;
}

/* A failed connect goes through the scheduler before it returns: a refused one on loopback, or
 * one without a descriptor free, fails at once, and a loop that retries it would keep every other
 * coroutine from running (failure_pause.c). */
int async_xport_connect(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam)
{
	int result = connect_as_php_does(xport, stream, xparam);
	if (xparam->outputs.returncode < 0 && EG(exception) == NULL) {
		async_hook_yield();
	}
	return result;
}
