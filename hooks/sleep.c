/* sleep(), usleep(), time_nanosleep(), time_sleep_until(): inside a coroutine only it sleeps. */
#include "hooks.h"

static zif_handler original_sleep;

static PHP_FUNCTION(async_hook_sleep)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_sleep);
	zend_long seconds;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(seconds)
	ZEND_PARSE_PARAMETERS_END();

	if (seconds < 0) {
		zend_argument_value_error(1, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	if (async_hook_sleep((zend_ulong) seconds * 1000, 0) == ASYNC_HOOK_WAIT_FAILED) {
		RETURN_THROWS();
	}
	RETURN_LONG(0);
}

static const async_function_hook_t hooks[] = {
	{ "sleep", PHP_FN(async_hook_sleep), &original_sleep },
};

const async_function_hook_table_t async_sleep_hooks = ASYNC_HOOK_TABLE(hooks);
