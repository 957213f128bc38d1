/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Registers our factory over PHP's for tcp, udp, unix, udg and, with ext/openssl, ssl and tls,
 * gives every stream it makes the proxy ops, routes set_option, and puts PHP's factories back at
 * module shutdown.
 */
#include "xport.h"
#include "zend_smart_str.h"
#include "ext/standard/info.h"

static ssize_t proxy_write(php_stream *stream, const char *buf, size_t count);
static ssize_t proxy_read(php_stream *stream, char *buf, size_t count);
static int proxy_set_option(php_stream *stream, int option, int value, void *ptrparam);
static int proxy_close(php_stream *stream, int close_handle);
static ssize_t proxy_tls_write(php_stream *stream, const char *buf, size_t count);
static ssize_t proxy_tls_read(php_stream *stream, char *buf, size_t count);

static async_xport_t transports[] = {
	{ .protocol = "tcp", .is_unix = false },
	{ .protocol = "udp", .is_unix = false, .is_datagram = true },
#ifdef AF_UNIX
	{ .protocol = "unix", .is_unix = true },
	{ .protocol = "udg", .is_unix = true, .is_datagram = true },
#endif
	/* ext/openssl's, when present */
	{ .protocol = "ssl", .is_tls = true },
	{ .protocol = "tls", .is_tls = true },
	{ .protocol = "tlsv1.0", .is_tls = true },
	{ .protocol = "tlsv1.1", .is_tls = true },
	{ .protocol = "tlsv1.2", .is_tls = true },
	{ .protocol = "tlsv1.3", .is_tls = true },
	/* Streams of stream_socket_pair() (PHP's generic socket ops, no factory): socket_pair.c */
	{ .protocol = "(socket pair)", .is_unix = true },
	{ .protocol = "(socket pair, datagram)", .is_unix = true, .is_datagram = true },
};

#define TRANSPORT_COUNT (sizeof(transports) / sizeof(transports[0]))

/* Only called from the proxy ops: the stream's ops are one of the two proxies inside its transport. */
async_xport_t *async_xport_of(php_stream *stream)
{
	if (stream->ops->read == proxy_tls_read) {
		return (async_xport_t *) ((char *) stream->ops - offsetof(async_xport_t, tls_ops));
	}
	return (async_xport_t *) ((char *) stream->ops - offsetof(async_xport_t, ops));
}

static async_xport_t *transport_named(const char *proto, size_t protolen)
{
	for (size_t i = 0; i < TRANSPORT_COUNT; i++) {
		if (strlen(transports[i].protocol) == protolen && strncasecmp(transports[i].protocol, proto, protolen) == 0) {
			return &transports[i];
		}
	}
	return NULL;
}

/* Our ops on a stream that has PHP's ops of this transport (e.g. a client PHP's accept made). */
static void adopt(async_xport_t *xport, php_stream *stream)
{
	if (stream == NULL) {
		return;
	}
	if (xport->original_ops == NULL) {
		xport->original_ops = stream->ops;
		xport->ops = *stream->ops;
		xport->ops.write = proxy_write;
		xport->ops.read = proxy_read;
		xport->ops.set_option = proxy_set_option;
		xport->ops.close = proxy_close;
		xport->tls_ops = xport->ops;
		xport->tls_ops.write = proxy_tls_write;
		xport->tls_ops.read = proxy_tls_read;
	}
	if (stream->ops == xport->original_ops) {
		stream->ops = xport->is_tls ? &xport->tls_ops : &xport->ops;
	}
}

void async_xport_adopt_socket_pair(php_stream *stream, bool datagram)
{
	if (stream != NULL && stream->ops != NULL && strcmp(stream->ops->label, "generic_socket") == 0) {
		const char *name = datagram ? "(socket pair, datagram)" : "(socket pair)";
		adopt(transport_named(name, strlen(name)), stream);
	}
}

static php_stream *factory(const char *proto, size_t protolen, const char *resourcename, size_t resourcenamelen,
	const char *persistent_id, int options, int flags, struct timeval *timeout, php_stream_context *context STREAMS_DC)
{
	async_xport_t *xport = transport_named(proto, protolen);
	if (xport == NULL || xport->original_factory == NULL) {
		return NULL; /* cannot happen: we are registered only for our transports */
	}
	php_stream *stream = xport->original_factory(proto, protolen, resourcename, resourcenamelen, persistent_id,
		options, flags, timeout, context STREAMS_REL_CC);
	adopt(xport, stream);
	return stream;
}

int async_xport_original_set_option(async_xport_t *xport, php_stream *stream, int option, int value, void *ptrparam)
{
	const php_stream_ops *proxy = stream->ops;
	stream->ops = xport->original_ops;
	int result = xport->original_ops->set_option(stream, option, value, ptrparam);
	if (stream->ops == xport->original_ops) {
		stream->ops = proxy;
	}
	if (option == PHP_STREAM_OPTION_XPORT_API) {
		php_stream_xport_param *xparam = ptrparam;
		if (xparam->op == STREAM_XPORT_OP_ACCEPT) {
			adopt(xport, xparam->outputs.client);
		}
	}
	return result;
}

static bool blocking(php_stream *stream)
{
	php_netstream_data_t *sock = stream->abstract;
	return sock != NULL && sock->socket != SOCK_ERR && sock->is_blocked;
}

static ssize_t proxy_write(php_stream *stream, const char *buf, size_t count)
{
	if (async_hook_in_coroutine() && blocking(stream)) {
		return async_xport_write(stream, buf, count);
	}
	return async_xport_of(stream)->original_ops->write(stream, buf, count);
}

static ssize_t proxy_read(php_stream *stream, char *buf, size_t count)
{
	if (async_hook_in_coroutine() && blocking(stream)) {
		return async_xport_read(stream, buf, count);
	}
	return async_xport_of(stream)->original_ops->read(stream, buf, count);
}

static ssize_t proxy_tls_write(php_stream *stream, const char *buf, size_t count)
{
	if (async_hook_in_coroutine() && blocking(stream)) {
		return async_xport_tls_write(stream, buf, count);
	}
	return async_xport_of(stream)->original_ops->write(stream, buf, count);
}

static ssize_t proxy_tls_read(php_stream *stream, char *buf, size_t count)
{
	if (async_hook_in_coroutine() && blocking(stream)) {
		return async_xport_tls_read(stream, buf, count);
	}
	return async_xport_of(stream)->original_ops->read(stream, buf, count);
}

static int proxy_close(php_stream *stream, int close_handle)
{
	async_xport_stream_close(stream);
	return async_xport_of(stream)->original_ops->close(stream, close_handle);
}

static int proxy_set_option(php_stream *stream, int option, int value, void *ptrparam)
{
	async_xport_t *xport = async_xport_of(stream);

	if (option == PHP_STREAM_OPTION_XPORT_API && stream->abstract != NULL && async_hook_in_coroutine()) {
		php_stream_xport_param *xparam = ptrparam;
		switch (xparam->op) {
			case STREAM_XPORT_OP_CONNECT:
			case STREAM_XPORT_OP_CONNECT_ASYNC:
				return async_xport_connect(xport, stream, xparam);
			case STREAM_XPORT_OP_ACCEPT:
				return async_xport_accept(xport, stream, xparam);
			case STREAM_XPORT_OP_BIND: {
				/* stream_socket_server() lets the other queued coroutines run once, as upstream's
				 * (whose bind goes through the reactor): code written for it counts on that order. */
				int result = async_xport_original_set_option(xport, stream, option, value, ptrparam);
				async_hook_yield();
				return result;
			}
			case STREAM_XPORT_OP_RECV:
			case STREAM_XPORT_OP_SEND:
				if (blocking(stream)) {
					return async_xport_datagram(xport, stream, xparam);
				}
				break;
			default:
				break;
		}
	}
	if (option == PHP_STREAM_OPTION_CRYPTO_API && async_xport_tls_deferred_op(stream, ptrparam)) {
		return PHP_STREAM_OPTION_RETURN_OK;
	}
	if (option == PHP_STREAM_OPTION_CRYPTO_API && async_hook_in_coroutine() && blocking(stream)) {
		php_stream_xport_crypto_param *cparam = ptrparam;
		if (cparam->op == STREAM_XPORT_CRYPTO_OP_ENABLE && cparam->inputs.activate) {
			/* stream_socket_enable_crypto(): the handshake waits in the coroutine */
			php_netstream_data_t *sock = stream->abstract;
			bool done = async_xport_tls_handshake(stream, &sock->timeout);
			cparam->outputs.returncode = done ? 1 : -1;
			if (done) {
				stream->ops = &xport->tls_ops;
			}
			return PHP_STREAM_OPTION_RETURN_OK;
		}
	}
	int result = async_xport_original_set_option(xport, stream, option, value, ptrparam);
	if (option == PHP_STREAM_OPTION_CRYPTO_API) {
		php_stream_xport_crypto_param *cparam = ptrparam;
		if (cparam->op == STREAM_XPORT_CRYPTO_OP_ENABLE && cparam->inputs.activate && cparam->outputs.returncode > 0) {
			/* TLS now runs over the socket (stream_socket_enable_crypto): a readable socket no longer
			 * means readable data, and OpenSSL may hold data the socket does not show. */
			stream->ops = &xport->tls_ops;
		}
	}
	return result;
}

static void install(void)
{
	HashTable *factories = php_stream_xport_get_hash();
	for (size_t i = 0; i < TRANSPORT_COUNT; i++) {
		async_xport_t *xport = &transports[i];
		php_stream_transport_factory original = zend_hash_str_find_ptr(factories, xport->protocol, strlen(xport->protocol));
		if (original == NULL || original == factory) {
			continue;
		}
		xport->original_factory = original;
		php_stream_xport_register(xport->protocol, factory);
	}
}

/* An extension loaded after ours may register its own factory over ours (ext/openssl, when
 * shared, does so for tcp): once every extension has started, ours goes over theirs. */
static zend_result (*previous_post_startup)(void);

static zend_result install_after_startup(void)
{
	if (previous_post_startup != NULL && previous_post_startup() != SUCCESS) {
		return FAILURE;
	}
	install();
	return SUCCESS;
}

void async_xport_hooks_install(void)
{
	install();
	previous_post_startup = zend_post_startup_cb;
	zend_post_startup_cb = install_after_startup;
}

void async_xport_hooks_restore(void)
{
	for (size_t i = 0; i < TRANSPORT_COUNT; i++) {
		async_xport_t *xport = &transports[i];
		if (xport->original_factory != NULL) {
			php_stream_xport_register(xport->protocol, xport->original_factory);
			xport->original_factory = NULL;
		}
	}
}

static bool extension_loaded(const char *name)
{
	return zend_hash_str_exists(&module_registry, name, strlen(name));
}

/* "active" when our factory serves every transport of the kind, else which of them it serves. */
static void transports_row(const char *family, bool tls)
{
	HashTable *factories = php_stream_xport_get_hash();
	smart_str ours = {0};
	size_t total = 0, active = 0;
	for (size_t i = 0; i < TRANSPORT_COUNT; i++) {
		if (transports[i].is_tls != tls || transports[i].protocol[0] == '(') {
			continue; /* "(socket pair)": proxy ops for stream_socket_pair(), no factory */
		}
		total++;
		if (zend_hash_str_find_ptr(factories, transports[i].protocol, strlen(transports[i].protocol)) == factory) {
			smart_str_appends(&ours, active++ ? ", " : "");
			smart_str_appends(&ours, transports[i].protocol);
		}
	}
	smart_str_0(&ours);
	if (active == total) {
		php_info_print_table_row(2, family, "active");
	} else if (tls && !extension_loaded("openssl")) {
		php_info_print_table_row(2, family, "not active: extension openssl not loaded");
	} else {
		char *state;
		spprintf(&state, 0, "active for %s only", active ? ZSTR_VAL(ours.s) : "none");
		php_info_print_table_row(2, family, state);
		efree(state);
	}
	smart_str_free(&ours);
}

void async_xport_minfo(void)
{
	transports_row("socket streams: tcp, udp, unix, udg (fsockopen, stream_socket_*, http://)", false);
	transports_row("TLS streams: ssl, tls (https://, STARTTLS)", true);
	const char *mysql = "PDO MySQL, mysqli (mysqlnd over the tcp stream)";
	if (!extension_loaded("mysqlnd")) {
		php_info_print_table_row(2, mysql, "not active: extension mysqlnd not loaded");
	} else {
		HashTable *factories = php_stream_xport_get_hash();
		php_info_print_table_row(2, mysql,
			zend_hash_str_find_ptr(factories, "tcp", 3) == factory ? "active" : "not active: tcp is not hooked");
	}
}
