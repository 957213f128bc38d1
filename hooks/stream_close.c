/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * fclose() or pclose() of a socket or pipe stream that another coroutine is waiting on. From a
 * coroutine, our close op wakes the waiters and waits until they have left the stream's code, which
 * PHP's close would free under them (stream_waiters.c). Code that cannot wait (a destructor that a
 * coroutine's end or the scheduler runs) must not close such a stream: the call is refused with an Error and the stream
 * stays open; a coroutine can close it. (A stream is only ever freed under its waiters by an
 * explicit close: each waiter's call holds a reference to it.)
 */
#include "hooks.h"
#include "pipe_stream.h"
#include "ext/standard/file.h"

static zif_handler original_fclose;
static zif_handler original_pclose;

/* True (an Error thrown) when the call must not close its stream argument now. */
static bool refuse_close(INTERNAL_FUNCTION_PARAMETERS)
{
	(void) return_value;
	zval *argument;
	if (ZEND_NUM_ARGS() != 1 || zend_parse_parameters_ex(ZEND_PARSE_PARAMS_QUIET, 1, "r", &argument) != SUCCESS) {
		return false; /* PHP's handler reports bad arguments */
	}
	php_stream *stream = zend_fetch_resource2(Z_RES_P(argument), NULL, php_file_le_stream(), php_file_le_pstream());
	if (stream == NULL || (!async_xport_close_would_strand_waiters(stream) && !async_pipe_close_would_strand_waiters(stream))) {
		return false;
	}
	zend_throw_error(NULL, "Cannot close this stream here: another coroutine is waiting on it and this code "
		"(a destructor run as a coroutine ends, or by the scheduler) cannot wait until it has left; close it from a coroutine");
	return true;
}

static PHP_FUNCTION(async_hook_fclose)
{
	if (refuse_close(INTERNAL_FUNCTION_PARAM_PASSTHRU)) {
		RETURN_THROWS();
	}
	original_fclose(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static PHP_FUNCTION(async_hook_pclose)
{
	if (refuse_close(INTERNAL_FUNCTION_PARAM_PASSTHRU)) {
		RETURN_THROWS();
	}
	original_pclose(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static const async_function_hook_t hooks[] = {
	{ "fclose", PHP_FN(async_hook_fclose), &original_fclose },
	{ "pclose", PHP_FN(async_hook_pclose), &original_pclose },
};

const async_function_hook_table_t async_stream_close_hooks = ASYNC_HOOK_TABLE(hooks);
