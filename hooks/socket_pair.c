/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * stream_socket_pair(): PHP makes its two streams from descriptors, without a transport factory,
 * so they do not get the socket proxy ops the factories give (xport_register.c). The hook gives
 * them those ops: inside a coroutine a read or write on a blocking pair stream then waits in the
 * coroutine, as on any socket stream; outside coroutines PHP's ops run unchanged. Datagram pairs
 * get the datagram variant (a short read says nothing of what is still queued).
 */
#include "hooks.h"
#include "ext/standard/file.h"
#include <sys/socket.h>

static zif_handler original_stream_socket_pair;

static bool is_datagram(php_stream *stream)
{
	php_socket_t fd;
	int type = 0;
	socklen_t length = sizeof(type);
	if (php_stream_cast(stream, PHP_STREAM_AS_SOCKETD, (void **) &fd, 0) != SUCCESS
			|| getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0) {
		return false;
	}
	return type == SOCK_DGRAM || type == SOCK_SEQPACKET;
}

static PHP_FUNCTION(async_hook_stream_socket_pair)
{
	original_stream_socket_pair(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (Z_TYPE_P(return_value) != IS_ARRAY) {
		return;
	}
	zval *entry;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(return_value), entry) {
		if (Z_TYPE_P(entry) == IS_RESOURCE) {
			php_stream *stream = zend_fetch_resource2(Z_RES_P(entry), NULL, php_file_le_stream(), php_file_le_pstream());
			if (stream != NULL) {
				async_xport_adopt_socket_pair(stream, is_datagram(stream));
			}
		}
	} ZEND_HASH_FOREACH_END();
}

static const async_function_hook_t hooks[] = {
	{ "stream_socket_pair", PHP_FN(async_hook_stream_socket_pair), &original_stream_socket_pair },
};

const async_function_hook_table_t async_socket_pair_hooks = ASYNC_HOOK_TABLE(hooks);
