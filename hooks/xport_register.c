/*
 * Registers our factory over PHP's for tcp, udp, unix and udg, gives every stream it makes the
 * proxy ops, routes set_option, and puts PHP's factories back at module shutdown.
 */
#include "xport.h"

static ssize_t proxy_write(php_stream *stream, const char *buf, size_t count);
static ssize_t proxy_read(php_stream *stream, char *buf, size_t count);
static int proxy_set_option(php_stream *stream, int option, int value, void *ptrparam);
static int proxy_close(php_stream *stream, int close_handle);

static async_xport_t transports[] = {
	{ .protocol = "tcp", .is_unix = false },
	{ .protocol = "udp", .is_unix = false },
#ifdef AF_UNIX
	{ .protocol = "unix", .is_unix = true },
	{ .protocol = "udg", .is_unix = true },
#endif
};

#define TRANSPORT_COUNT (sizeof(transports) / sizeof(transports[0]))

async_xport_t *async_xport_of(php_stream *stream)
{
	return (async_xport_t *) stream->ops; /* only called from the proxy ops */
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
	}
	if (stream->ops == xport->original_ops) {
		stream->ops = &xport->ops;
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
	stream->ops = xport->original_ops;
	int result = xport->original_ops->set_option(stream, option, value, ptrparam);
	if (stream->ops == xport->original_ops) {
		stream->ops = &xport->ops;
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
	if (async_hooks_in_coroutine() && blocking(stream)) {
		return async_xport_write(stream, buf, count);
	}
	return async_xport_of(stream)->original_ops->write(stream, buf, count);
}

static ssize_t proxy_read(php_stream *stream, char *buf, size_t count)
{
	if (async_hooks_in_coroutine() && blocking(stream)) {
		return async_xport_read(stream, buf, count);
	}
	return async_xport_of(stream)->original_ops->read(stream, buf, count);
}

static int proxy_close(php_stream *stream, int close_handle)
{
	async_xport_guard_close(stream);
	return async_xport_of(stream)->original_ops->close(stream, close_handle);
}

static int proxy_set_option(php_stream *stream, int option, int value, void *ptrparam)
{
	async_xport_t *xport = async_xport_of(stream);

	if (option == PHP_STREAM_OPTION_XPORT_API && stream->abstract != NULL && async_hooks_in_coroutine()) {
		php_stream_xport_param *xparam = ptrparam;
		switch (xparam->op) {
			case STREAM_XPORT_OP_CONNECT:
			case STREAM_XPORT_OP_CONNECT_ASYNC:
				return async_xport_connect(xport, stream, xparam);
			case STREAM_XPORT_OP_ACCEPT:
				return async_xport_accept(xport, stream, xparam);
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
	int result = async_xport_original_set_option(xport, stream, option, value, ptrparam);
	if (option == PHP_STREAM_OPTION_CRYPTO_API) {
		php_stream_xport_crypto_param *cparam = ptrparam;
		if (cparam->op == STREAM_XPORT_CRYPTO_OP_ENABLE && cparam->inputs.activate && cparam->outputs.returncode > 0) {
			/* TLS now runs over the socket (stream_socket_enable_crypto): a readable socket no longer
			 * means readable data, and OpenSSL may hold data the socket does not show, so the
			 * stream goes back to PHP's own ops. */
			stream->ops = xport->original_ops;
		}
	}
	return result;
}

void async_xport_hooks_install(void)
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
