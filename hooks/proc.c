/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * proc_open(), proc_close(), popen(), pclose().
 *
 * proc_open() is PHP's own; its pipe streams then get the coroutine-aware ops of
 * pipe_stream.c (inside and outside coroutines, so pipes opened by the main script can be read
 * by coroutines later). proc_close() inside a coroutine closes the pipes as PHP does, then waits
 * for the child through the engine API process event instead of a blocking waitpid().
 *
 * popen() inside a coroutine starts `/bin/sh -c command` itself (posix_spawn, as glibc's popen
 * does) because the C library's FILE hides the child's pid, which the wait needs; its stream is
 * a pipe stream whose close waits for the command and gives its status, which pclose() returns.
 * Outside a coroutine popen() is PHP's own, and so is its close, but its stream gets the proxy
 * ops too, so coroutines can read it later without blocking the others.
 */
#include "pipe_stream.h"
#include "zend_exceptions.h"
#include "ext/standard/file.h"
#include "ext/standard/proc_open.h"
#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>

extern char **environ;

static zif_handler original_proc_open;
static zif_handler original_proc_close;
static zif_handler original_popen;

/* The pipes of a proc_open() that succeeded, in its by-reference third argument. */
static void wrap_pipes(zval *pipes)
{
	ZVAL_DEREF(pipes);
	if (Z_TYPE_P(pipes) != IS_ARRAY) {
		return;
	}
	zval *entry;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(pipes), entry) {
		if (Z_TYPE_P(entry) != IS_RESOURCE) {
			continue;
		}
		php_stream *stream = (php_stream *) zend_fetch_resource2(Z_RES_P(entry), NULL,
			php_file_le_stream(), php_file_le_pstream());
		if (stream != NULL && !async_pipe_stream_wrap(stream, 0)) {
			async_xport_adopt_socket_pair(stream, false); /* a ['socket'] descriptor */
		}
	} ZEND_HASH_FOREACH_END();
}

static PHP_FUNCTION(async_hook_proc_open)
{
	async_before_fork(); /* PHP's proc_open() forks */
	original_proc_open(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (Z_TYPE_P(return_value) == IS_RESOURCE && ZEND_NUM_ARGS() >= 3) {
		wrap_pipes(ZEND_CALL_ARG(execute_data, 3));
	} else if (Z_TYPE_P(return_value) == IS_FALSE && EG(exception) == NULL && async_hook_in_coroutine()) {
		/* failed at once (no descriptor for a pipe, no process): through the scheduler, so a
		 * loop that retries does not keep the other coroutines from running */
		async_hook_yield();
	}
}

/* True while `child` has not exited (waitid with WNOWAIT leaves a zombie for PHP to reap). */
static bool child_still_runs(pid_t child)
{
	siginfo_t info;
	memset(&info, 0, sizeof(info));
	if (waitid(P_PID, (id_t) child, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
		return false; /* not ours to wait for: PHP's proc_close() sees the same */
	}
	return info.si_pid == 0;
}

static PHP_FUNCTION(async_hook_proc_close)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_proc_close);
	zval *zproc;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_RESOURCE(zproc)
	ZEND_PARSE_PARAMETERS_END();

	int le_proc_open = zend_fetch_list_dtor_id("process");
	php_process_handle *proc = (php_process_handle *) zend_fetch_resource(Z_RES_P(zproc), "process", le_proc_open);
	if (proc == NULL) {
		RETURN_THROWS();
	}
	if (!child_still_runs(proc->child)) {
		/* Exited already (or not waitable): PHP's proc_close() will not block. */
		original_proc_close(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}

	/* As PHP's resource destructor: the pipes first, so a child reading its input can end. */
	for (int i = 0; i < proc->npipes; i++) {
		if (proc->pipes[i] != NULL) {
			GC_DELREF(proc->pipes[i]);
			zend_list_close(proc->pipes[i]);
			proc->pipes[i] = NULL;
		}
	}
	int status = async_wait_child(proc->child);
	if (EG(exception)) {
		RETURN_THROWS(); /* cancelled: the process resource stays, proc_close() may be called again */
	}
	/* The child is reaped: PHP's destructor frees the rest without waiting (WNOHANG). */
	FG(pclose_wait) = 0;
	zend_list_close(Z_RES_P(zproc));
	FG(pclose_ret) = status;
	RETURN_LONG(status);
}

/* `/bin/sh -c command` with its stdout (mode "r") or stdin ("w") on a pipe; the parent's end,
 * or -1 with errno set. */
static int spawn_shell(const char *command, bool reading, pid_t *child)
{
	int ends[2];
	if (pipe2(ends, O_CLOEXEC) != 0) {
		return -1;
	}
	int parent_end = reading ? ends[0] : ends[1];
	int child_end = reading ? ends[1] : ends[0];

	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	/* dup2() onto stdin/stdout clears close-on-exec for the child's copy only. */
	posix_spawn_file_actions_adddup2(&actions, child_end, reading ? STDOUT_FILENO : STDIN_FILENO);
	char shell[] = "sh", dash_c[] = "-c";
	char *argv[] = { shell, dash_c, (char *) command, NULL };
	int error = posix_spawn(child, "/bin/sh", &actions, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(child_end);
	if (error != 0) {
		close(parent_end);
		errno = error;
		return -1;
	}
	return parent_end;
}

/* PHP's popen(), its stream then given the proxy ops (its close stays PHP's pclose()). */
static void stock_popen(INTERNAL_FUNCTION_PARAMETERS)
{
	original_popen(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (Z_TYPE_P(return_value) == IS_RESOURCE) {
		php_stream *stream = (php_stream *) zend_fetch_resource2(Z_RES_P(return_value), NULL,
			php_file_le_stream(), php_file_le_pstream());
		if (stream != NULL) {
			async_pipe_stream_wrap(stream, 0);
		}
	}
}

static PHP_FUNCTION(async_hook_popen)
{
	if (!async_hook_in_coroutine()) {
		stock_popen(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}
	char *command, *mode;
	size_t command_len, mode_len;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_PATH(command, command_len)
		Z_PARAM_STRING(mode, mode_len)
	ZEND_PARSE_PARAMETERS_END();

	/* PHP drops one "b" and then hands the mode to popen(3), which takes only "r" and "w".
	 * Anything else fails before a process starts: PHP's popen() reports it, identically. */
	char posix_mode[3] = { 0 };
	size_t posix_len = 0;
	bool dropped_b = false;
	for (size_t i = 0; i < mode_len && posix_len < 2; i++) {
		if (mode[i] == 'b' && !dropped_b) {
			dropped_b = true;
			continue;
		}
		posix_mode[posix_len++] = mode[i];
	}
	if (posix_len != 1 || mode_len > 2 || (posix_mode[0] != 'r' && posix_mode[0] != 'w')) {
		stock_popen(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}

	pid_t child;
	int fd = spawn_shell(command, posix_mode[0] == 'r', &child);
	if (fd < 0) {
		php_error_docref2(NULL, command, posix_mode, E_WARNING, "%s", strerror(errno));
		RETVAL_FALSE;
		async_hook_yield(); /* failed at once: through the scheduler */
		return;
	}
	php_stream *stream = php_stream_fopen_from_fd(fd, mode, NULL);
	if (stream == NULL) {
		php_error_docref2(NULL, command, mode, E_WARNING, "%s", strerror(errno));
		close(fd);
		async_wait_child(child);
		RETURN_FALSE;
	}
	async_pipe_stream_wrap(stream, child);
	php_stream_to_zval(stream, return_value);
}

static const async_function_hook_t hooks[] = {
	{ "proc_open", PHP_FN(async_hook_proc_open), &original_proc_open },
	{ "proc_close", PHP_FN(async_hook_proc_close), &original_proc_close },
	{ "popen", PHP_FN(async_hook_popen), &original_popen },
};

const async_function_hook_table_t async_proc_hooks = ASYNC_HOOK_TABLE(hooks);
