/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * exec(), system(), passthru(), shell_exec() and the backtick operator (which calls
 * shell_exec): inside a coroutine the command runs as an engine API exec event, which
 * reproduces each function's output handling, so only the calling coroutine waits for it.
 * Argument checks, warnings and return values are stock PHP's. The one difference: a command
 * whose shell was killed by a signal reports the signal number as its result code, without the
 * core-dump bit stock PHP's raw wait status may carry.
 */
#include "hooks.h"
#include "zend_exceptions.h"
#include "../php_async_compat.h"

static zif_handler original_exec;
static zif_handler original_system;
static zif_handler original_passthru;
static zif_handler original_shell_exec;

/* Runs `cmd` in `mode` and waits for it. Returns what stock PHP's php_exec() returns as the
 * result code, or -1 when the command could not start (*started false: the caller warns as
 * stock PHP does) or the wait was cancelled (an exception is pending). */
static int run_command(zend_async_exec_mode mode, const char *cmd, zval *lines, zval *return_value, bool *started)
{
	*started = false;
	async_before_fork();
	zend_async_exec_event_t *command = ZEND_ASYNC_NEW_EXEC_EVENT(mode, cmd, lines, return_value, NULL, NULL, NULL);
	if (command == NULL) {
		if (async_hook_exception_is(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT)) {
			zend_clear_exception(); /* the spawn failed: stock PHP's popen() failure */
		}
		return -1;
	}
	*started = true;

	int result = -1;
	/* Releasing a command that still runs (a cancellation) kills and reaps it. */
	if (async_hook_wait_event(&command->base) && command->terminated) {
		result = command->term_signal != 0 ? command->term_signal : (int) command->exit_code;
	}
	ZEND_ASYNC_EVENT_RELEASE(&command->base);
	return result;
}

/* Stock PHP's checks on the command string; false with the ValueError thrown. */
static bool command_is_valid(const char *cmd, size_t cmd_len)
{
	if (cmd_len == 0) {
		async_argument_must_not_be_empty_error(1);
		return false;
	}
	if (strlen(cmd) != cmd_len) {
		zend_argument_value_error(1, "must not contain any null bytes");
		return false;
	}
	return true;
}

/* exec() (mode EXEC), system() (SYSTEM) and passthru() (PASSTHRU), as php_exec_ex() does them. */
static void exec_family(INTERNAL_FUNCTION_PARAMETERS, zend_async_exec_mode mode)
{
	char *cmd;
	size_t cmd_len;
	zval *lines = NULL, *result_code = NULL;

	ZEND_PARSE_PARAMETERS_START(1, mode == ZEND_ASYNC_EXEC_MODE_EXEC ? 3 : 2)
		Z_PARAM_STRING(cmd, cmd_len)
		Z_PARAM_OPTIONAL
		if (mode == ZEND_ASYNC_EXEC_MODE_EXEC) {
			Z_PARAM_ZVAL(lines)
		}
		Z_PARAM_ZVAL(result_code)
	ZEND_PARSE_PARAMETERS_END();

	if (!command_is_valid(cmd, cmd_len)) {
		RETURN_THROWS();
	}
	if (lines != NULL) {
		if (Z_TYPE_P(Z_REFVAL_P(lines)) == IS_ARRAY) {
			ZVAL_DEREF(lines);
			SEPARATE_ARRAY(lines);
		} else {
			lines = zend_try_array_init(lines);
			if (lines == NULL) {
				RETURN_THROWS();
			}
		}
		mode = ZEND_ASYNC_EXEC_MODE_EXEC_ARRAY;
	}

	bool started;
	int result = run_command(mode, cmd, lines, return_value, &started);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	if (!started) {
		php_error_docref(NULL, E_WARNING, "Unable to fork [%s]", cmd);
		zval_ptr_dtor(return_value);
		RETVAL_FALSE;
		async_hook_yield(); /* failed at once (no descriptor, no process): through the scheduler */
	}
	if (result_code != NULL) {
		ZEND_TRY_ASSIGN_REF_LONG(result_code, result);
	}
}

static PHP_FUNCTION(async_hook_exec)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_exec);
	exec_family(INTERNAL_FUNCTION_PARAM_PASSTHRU, ZEND_ASYNC_EXEC_MODE_EXEC);
}

static PHP_FUNCTION(async_hook_system)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_system);
	exec_family(INTERNAL_FUNCTION_PARAM_PASSTHRU, ZEND_ASYNC_EXEC_MODE_SYSTEM);
}

static PHP_FUNCTION(async_hook_passthru)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_passthru);
	exec_family(INTERNAL_FUNCTION_PARAM_PASSTHRU, ZEND_ASYNC_EXEC_MODE_PASSTHRU);
}

static PHP_FUNCTION(async_hook_shell_exec)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_shell_exec);
	char *cmd;
	size_t cmd_len;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STRING(cmd, cmd_len)
	ZEND_PARSE_PARAMETERS_END();

	if (!command_is_valid(cmd, cmd_len)) {
		RETURN_THROWS();
	}
	bool started;
	run_command(ZEND_ASYNC_EXEC_MODE_SHELL_EXEC, cmd, NULL, return_value, &started);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	if (!started) {
		php_error_docref(NULL, E_WARNING, "Unable to execute '%s'", cmd);
		zval_ptr_dtor(return_value);
		RETVAL_FALSE;
		async_hook_yield(); /* failed at once: through the scheduler */
	}
}

static const async_function_hook_t hooks[] = {
	{ "exec", PHP_FN(async_hook_exec), &original_exec },
	{ "system", PHP_FN(async_hook_system), &original_system },
	{ "passthru", PHP_FN(async_hook_passthru), &original_passthru },
	{ "shell_exec", PHP_FN(async_hook_shell_exec), &original_shell_exec },
};

const async_function_hook_table_t async_exec_hooks = ASYNC_HOOK_TABLE(hooks);
