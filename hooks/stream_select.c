/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* stream_select(): in a coroutine it waits through the reactor (select_loop.c), else PHP's own. */
#include "select_loop.h"
#include "php_streams.h"

static zif_handler original_stream_select;

static async_select_fd_result_t stream_fd_of(zval *element, php_socket_t *fd)
{
	ZVAL_DEREF(element);
	if (Z_TYPE_P(element) != IS_RESOURCE) {
		return ASYNC_SELECT_FD_SKIP;
	}
	php_stream *stream = zend_fetch_resource2(Z_RES_P(element), NULL, php_file_le_stream(), php_file_le_pstream());
	if (stream == NULL) {
		return ASYNC_SELECT_FD_SKIP;
	}
	/* As PHP's select does (PHP_STREAM_CAST_INTERNAL: no buffered-data warning), but quietly. */
	if (php_stream_cast(stream, PHP_STREAM_AS_FD_FOR_SELECT | PHP_STREAM_CAST_INTERNAL, (void *) fd, 0) != SUCCESS
		|| *fd == -1) {
		return ASYNC_SELECT_FD_UNSUPPORTED;
	}
	return ASYNC_SELECT_FD_OK;
}

static PHP_FUNCTION(async_hook_stream_select)
{
	async_hook_select(INTERNAL_FUNCTION_PARAM_PASSTHRU, original_stream_select, stream_fd_of, true);
}

static const async_function_hook_t hooks[] = {
	{ "stream_select", PHP_FN(async_hook_stream_select), &original_stream_select },
};

const async_function_hook_table_t async_stream_select_hooks = ASYNC_HOOK_TABLE(hooks);
