/*
 * fclose() of a socket stream that another coroutine is waiting on. From a coroutine, our close op
 * wakes the waiters and waits until they have left PHP's stream code, which PHP's close would free
 * under them (xport_guard.c). Code that cannot wait (a destructor that a coroutine's end or the
 * scheduler runs) must not close such a stream: the call is refused with an Error and the stream
 * stays open; a coroutine can close it. (A stream is only ever freed under its waiters by an
 * explicit close: each waiter's call holds a reference to it.)
 */
#include "hooks.h"
#include "ext/standard/file.h"

static zif_handler original_fclose;

static PHP_FUNCTION(async_hook_fclose)
{
	zval *argument;
	if (ZEND_NUM_ARGS() == 1 && zend_parse_parameters_ex(ZEND_PARSE_PARAMS_QUIET, 1, "r", &argument) == SUCCESS) {
		php_stream *stream = zend_fetch_resource2(Z_RES_P(argument), NULL, php_file_le_stream(), php_file_le_pstream());
		if (stream != NULL && async_xport_close_would_strand_waiters(stream)) {
			zend_throw_error(NULL, "Cannot close this stream here: another coroutine is waiting on it and this code "
				"(a destructor run as a coroutine ends, or by the scheduler) cannot wait until it has left; close it from a coroutine");
			RETURN_THROWS();
		}
	}
	original_fclose(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static const async_function_hook_t hooks[] = {
	{ "fclose", PHP_FN(async_hook_fclose), &original_fclose },
};

const async_function_hook_table_t async_stream_close_hooks = ASYNC_HOOK_TABLE(hooks);
