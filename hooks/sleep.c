/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * sleep(), usleep(), time_nanosleep(), time_sleep_until(): inside a coroutine only the coroutine
 * sleeps, on a timer. Arguments are checked as stock PHP checks them (same errors, same casts),
 * so only the waiting differs. A sleep inside a coroutine is never cut short by a signal, so
 * sleep() always returns 0 and time_nanosleep() true there; a cancellation ends it with the
 * cancellation exception instead.
 */
#include "hooks.h"
#include <sys/time.h>

static zif_handler original_sleep;
static zif_handler original_usleep;
static zif_handler original_time_nanosleep;
static zif_handler original_time_sleep_until;

#define NS_PER_SECOND ((zend_ulong) 1000000000)

/* Sleeps `seconds` plus `nanoseconds`; false with an exception pending when it was cancelled. */
static bool sleep_for(zend_ulong seconds, zend_ulong nanoseconds)
{
	/* The timer takes milliseconds; seconds beyond what they can express are centuries away. */
	const zend_ulong max_seconds = ZEND_ULONG_MAX / 1000 - 1;
	zend_ulong ms = (seconds > max_seconds ? max_seconds : seconds) * 1000 + nanoseconds / 1000000;
	return async_hook_sleep(ms, nanoseconds % 1000000) != ASYNC_HOOK_WAIT_FAILED;
}

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
	/* Stock PHP passes the value to sleep(3) as an unsigned int. */
	if (!sleep_for((unsigned int) seconds, 0)) {
		RETURN_THROWS();
	}
	RETURN_LONG(0);
}

static PHP_FUNCTION(async_hook_usleep)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_usleep);
	zend_long microseconds;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(microseconds)
	ZEND_PARSE_PARAMETERS_END();

	if (microseconds < 0) {
		zend_argument_value_error(1, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	/* As stock: usleep(3) receives an unsigned int. */
	unsigned int us = (unsigned int) microseconds;
	if (!sleep_for(us / 1000000, (zend_ulong) (us % 1000000) * 1000)) {
		RETURN_THROWS();
	}
}

static PHP_FUNCTION(async_hook_time_nanosleep)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_time_nanosleep);
	zend_long seconds, nanoseconds;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(seconds)
		Z_PARAM_LONG(nanoseconds)
	ZEND_PARSE_PARAMETERS_END();

	if (seconds < 0) {
		zend_argument_value_error(1, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	if (nanoseconds < 0) {
		zend_argument_value_error(2, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	if ((zend_ulong) nanoseconds >= NS_PER_SECOND) {
		/* What stock PHP throws when nanosleep(2) answers EINVAL. */
		zend_value_error("Nanoseconds was not in the range 0 to 999 999 999 or seconds was negative");
		RETURN_THROWS();
	}
	if (!sleep_for((zend_ulong) seconds, (zend_ulong) nanoseconds)) {
		RETURN_THROWS();
	}
	RETURN_TRUE;
}

static PHP_FUNCTION(async_hook_time_sleep_until)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_time_sleep_until);
	double target_seconds;
	struct timeval now;
	const double top_target_seconds = (double) (UINT64_MAX / NS_PER_SECOND);

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_DOUBLE(target_seconds)
	ZEND_PARSE_PARAMETERS_END();

	if (gettimeofday(&now, NULL) != 0) {
		RETURN_FALSE;
	}
	/* NAN passes both comparisons: as stock, it is refused (it slept for ever). */
	if (!zend_finite(target_seconds) || target_seconds < 0 || target_seconds >= top_target_seconds) {
		zend_argument_value_error(1, "must be between 0 and %" PRIu64, (uint64_t) top_target_seconds);
		RETURN_THROWS();
	}

	uint64_t target_ns = (uint64_t) (target_seconds * NS_PER_SECOND);
	uint64_t current_ns = (uint64_t) now.tv_sec * NS_PER_SECOND + (uint64_t) now.tv_usec * 1000;
	if (target_ns < current_ns) {
		php_error_docref(NULL, E_WARNING, "Argument #1 ($timestamp) must be greater than or equal to the current time");
		RETURN_FALSE;
	}
	uint64_t wait_ns = target_ns - current_ns;
	if (!sleep_for(wait_ns / NS_PER_SECOND, wait_ns % NS_PER_SECOND)) {
		RETURN_THROWS();
	}
	RETURN_TRUE;
}

static const async_function_hook_t hooks[] = {
	{ "sleep", PHP_FN(async_hook_sleep), &original_sleep },
	{ "usleep", PHP_FN(async_hook_usleep), &original_usleep },
	{ "time_nanosleep", PHP_FN(async_hook_time_nanosleep), &original_time_nanosleep },
	{ "time_sleep_until", PHP_FN(async_hook_time_sleep_until), &original_time_sleep_until },
};

const async_function_hook_table_t async_sleep_hooks = ASYNC_HOOK_TABLE(hooks);
