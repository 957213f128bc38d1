/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Exec events: `/bin/sh -c cmd` run with uv_spawn, the way PHP's exec family runs it with
 * popen(). The factory spawns the command, and from then on its output is read whether the
 * event is started or not: start() and stop() only decide whether the event counts as active
 * and keeps the loop alive. Once the command has exited and its output is read to the end, the
 * event sets exit_code, term_signal and terminated, closes (stop, then CLOSED) and notifies once
 * with result NULL; a read error on its output comes as an InputOutputException in notify.
 *
 * Arguments:
 * - cwd: the directory to run in; NULL for the current one.
 * - env: NULL inherits PHP's environment. Otherwise the whole environment as one block of
 *   "NAME=value\0" strings ended by an empty string: "A=1\0B=2\0\0" ("\0" alone: empty).
 * - stdin is inherited, stdout is read through a pipe, and stderr is read into *std_error (set
 *   to a string on exit) when std_error is not NULL; otherwise the command inherits it.
 * - return_value, return_buffer and std_error are the caller's zvals (each holding a value,
 *   UNDEF or NULL will do) and must outlive the event; they are written as php_exec() would.
 *
 * Output by mode, as in php-src's ext/standard/exec.c (lines end at "\n"; "stripped" means
 * trailing whitespace removed; the last line is the last one read, complete or not):
 * - EXEC:       return_value = the last line, stripped ("" when there was no output).
 * - EXEC_ARRAY: each line, stripped, appended to the array in return_buffer (made an array if
 *               it is not one) as it arrives; return_value = the last line, stripped.
 * - SYSTEM:     the output written to PHP's output as it arrives (flushed when no output
 *               buffer is active); return_value = the last line, stripped.
 * - PASSTHRU:   the raw output written to PHP's output; return_value left alone.
 * - SHELL_EXEC: return_value = the whole output, or NULL when there was none.
 * output_len counts the bytes read from stdout; output_buffer stays NULL.
 *
 * exit_code is the exit status, or -signal when a signal ended the shell (term_signal is then
 * that signal, otherwise 0; PHP's exec() would give the raw wait status there). A missing command is the shell's business, as with stock PHP: it
 * prints "not found" on stderr and exits with 127. A bad cwd or a failed spawn throws
 * InputOutputException with the system message and returns NULL.
 *
 * Disposing an event whose command still runs kills the shell with SIGKILL and reaps it, so no
 * zombie is left; so does the end of the request for an event nobody disposed. (What the shell
 * started itself and left running is not ours to kill.)
 *
 * From spawn to dispose, a hidden SIGCHLD signal event (signal.c) holds the signal, so libuv's
 * child watcher, which would otherwise reset SIGCHLD to SIG_DFL when it is done, leaves a
 * pcntl_signal(SIGCHLD) handler in place, and the handler is called for every SIGCHLD meanwhile.
 * (It is let go at dispose, not at exit: the SIGCHLD that reports the exit may still be on its
 * way to the handler in the same turn of the loop.)
 *
 * async_uv_exec() runs one command to the end: it drives the loop until the event has finished
 * (suspending only the current coroutine inside one; see exec_wait), kills the command after
 * `timeout` ms (if not 0)
 * with Async\TimeoutException, and returns the exit code, or -1 on failure or timeout.
 */
#include "reactor.h"
#include "php_output.h"
#include "SAPI.h"
#include "zend_smart_str.h"
#include <ctype.h>
#include <signal.h>
#include <sys/wait.h>

typedef struct {
	zend_async_exec_event_t event;   /* the ABI struct first */
	async_uv_event_t common;         /* its handle is the process; the pipes are "in flight" */
	uv_process_t process;
	uv_pipe_t out;
	uv_pipe_t err;
	bool out_open;
	bool err_open;
	uint8_t pipes_closing_or_open;
	bool child_running;              /* spawned and not yet reaped */
	int read_error;
	zend_async_signal_event_t *sigchld_guard;
	smart_str line;                  /* the line being read; SHELL_EXEC: the whole output */
	smart_str last_line;             /* the last complete line */
	smart_str err_text;
	char buffer[8192];               /* read buffer, shared: libuv reads one pipe at a time */
} async_uv_exec_t;

#define EXEC_OF(ev) ((async_uv_exec_t *) (ev))

/* ---- output ---- */

static size_t stripped_length(const char *text, size_t length)
{
	while (length > 0 && isspace((unsigned char) text[length - 1])) {
		length--;
	}
	return length;
}

static void write_zval_string(zval *target, const char *text, size_t length)
{
	ZVAL_DEREF(target);
	zval_ptr_dtor(target);
	ZVAL_STRINGL(target, text, length);
}

static void line_done(async_uv_exec_t *exec)
{
	zval *lines = exec->event.result_buffer;
	if (exec->event.exec_mode == ZEND_ASYNC_EXEC_MODE_EXEC_ARRAY && lines != NULL && Z_TYPE_P(lines) == IS_ARRAY) {
		zend_string *line = exec->line.s;
		SEPARATE_ARRAY(lines); /* the caller may have shared it since */
		add_next_index_stringl(lines, ZSTR_VAL(line), stripped_length(ZSTR_VAL(line), ZSTR_LEN(line)));
	}
	/* Swapping keeps both buffers: no allocation per line once they are big enough. */
	smart_str previous = exec->last_line;
	exec->last_line = exec->line;
	exec->line = previous;
	if (exec->line.s != NULL) {
		ZSTR_LEN(exec->line.s) = 0;
	}
}

static void split_lines(async_uv_exec_t *exec, const char *data, size_t length)
{
	while (length > 0) {
		const char *eol = memchr(data, '\n', length);
		size_t part = eol != NULL ? (size_t) (eol - data) + 1 : length;
		smart_str_appendl(&exec->line, data, part);
		if (eol != NULL) {
			line_done(exec);
		}
		data += part;
		length -= part;
	}
}

static void take_output(async_uv_exec_t *exec, const char *data, size_t length)
{
	exec->event.output_len += length;
	switch (exec->event.exec_mode) {
		case ZEND_ASYNC_EXEC_MODE_PASSTHRU:
			php_output_write(data, length);
			break;
		case ZEND_ASYNC_EXEC_MODE_SHELL_EXEC:
			smart_str_appendl(&exec->line, data, length);
			break;
		case ZEND_ASYNC_EXEC_MODE_SYSTEM:
			php_output_write(data, length);
			if (php_output_get_level() < 1) {
				sapi_flush();
			}
			split_lines(exec, data, length);
			break;
		default:
			split_lines(exec, data, length);
			break;
	}
}

/* What the mode leaves in the caller's zvals once the output is complete. */
static void store_results(async_uv_exec_t *exec)
{
	zend_async_exec_event_t *event = &exec->event;
	bool has_partial = exec->line.s != NULL && ZSTR_LEN(exec->line.s) > 0;

	if (event->exec_mode == ZEND_ASYNC_EXEC_MODE_SHELL_EXEC) {
		if (event->return_value != NULL) {
			zval *target = event->return_value;
			ZVAL_DEREF(target);
			zval_ptr_dtor(target);
			if (has_partial) {
				ZVAL_STR(target, smart_str_extract(&exec->line));
			} else {
				ZVAL_NULL(target);
			}
		}
	} else if (event->exec_mode != ZEND_ASYNC_EXEC_MODE_PASSTHRU) {
		if (has_partial) {
			line_done(exec); /* the last line had no "\n" */
		}
		if (event->return_value != NULL) {
			const zend_string *last = exec->last_line.s;
			if (last != NULL) {
				write_zval_string(event->return_value, ZSTR_VAL(last), stripped_length(ZSTR_VAL(last), ZSTR_LEN(last)));
			} else {
				write_zval_string(event->return_value, "", 0);
			}
		}
	}
	if (event->std_error != NULL) {
		const zend_string *text = exec->err_text.s;
		write_zval_string(event->std_error, text ? ZSTR_VAL(text) : "", text ? ZSTR_LEN(text) : 0);
	}
}

/* ---- the child and the handles ---- */

static void on_pipe_closed(uv_handle_t *handle)
{
	async_uv_exec_t *exec = handle->data;
	if (--exec->pipes_closing_or_open == 0) {
		async_uv_event_work_done(&exec->common);
	}
}

static void close_pipe(uv_pipe_t *pipe, bool *open)
{
	if (*open) {
		*open = false;
		/* After request end the loop has already closed it. */
		if (!uv_is_closing((uv_handle_t *) pipe)) {
			uv_close((uv_handle_t *) pipe, on_pipe_closed);
		}
	}
}

static void release_sigchld_guard(async_uv_exec_t *exec)
{
	if (exec->sigchld_guard != NULL) {
		zend_async_signal_event_t *guard = exec->sigchld_guard;
		exec->sigchld_guard = NULL;
		ZEND_ASYNC_EVENT_RELEASE(&guard->base);
	}
}

static void kill_and_reap(pid_t pid)
{
	kill(pid, SIGKILL);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
}

/* Lets go of the child and every handle: kills and reaps a child that still runs. */
static void abandon(async_uv_exec_t *exec)
{
	pid_t pid = exec->process.pid;
	bool kill_child = exec->child_running;

	exec->child_running = false;
	/* Closing the process handle makes libuv forget the child, so only we reap it, and lets
	 * libuv's child watcher go (before the guard restores SIGCHLD, at dispose). */
	async_uv_event_close_handle(&exec->common);
	if (kill_child) {
		kill_and_reap(pid);
	}
	close_pipe(&exec->out, &exec->out_open);
	close_pipe(&exec->err, &exec->err_open);
}

static void finish(async_uv_exec_t *exec)
{
	zend_async_event_t *event = &exec->event.base;

	abandon(exec); /* the child is reaped already: this only closes */
	store_results(exec);
	exec->event.terminated = true;
	zend_async_event_close(event);

	zend_object *exception = NULL;
	if (exec->read_error != 0) {
		exception = async_uv_exception(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, exec->read_error,
			"Cannot read the output of the command");
	}
	ASYNC_UV_NOTIFY(event, NULL, exception);
	if (exception != NULL) {
		OBJ_RELEASE(exception);
	}
}

static void finish_when_done(async_uv_exec_t *exec)
{
	if (!exec->child_running && !exec->out_open && !exec->err_open
			&& !ZEND_ASYNC_EVENT_IS_CLOSED(&exec->event.base)) {
		finish(exec);
	}
}

static void on_child_exit(uv_process_t *process, int64_t exit_status, int term_signal)
{
	async_uv_exec_t *exec = (async_uv_exec_t *) ((async_uv_event_t *) process->data)->event;

	exec->child_running = false;
	exec->event.term_signal = term_signal;
	exec->event.exit_code = term_signal != 0 ? -term_signal : (zend_long) exit_status;
	finish_when_done(exec);
}

static void on_alloc(uv_handle_t *handle, size_t suggested_size, uv_buf_t *buf)
{
	async_uv_exec_t *exec = handle->data;
	(void) suggested_size;
	*buf = uv_buf_init(exec->buffer, sizeof(exec->buffer));
}

static void on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
	async_uv_exec_t *exec = stream->data;
	bool is_out = stream == (uv_stream_t *) &exec->out;

	if (nread > 0) {
		if (is_out) {
			take_output(exec, buf->base, (size_t) nread);
		} else {
			smart_str_appendl(&exec->err_text, buf->base, (size_t) nread);
		}
		return;
	}
	if (nread == 0) {
		return; /* nothing this time */
	}
	if (nread != UV_EOF) {
		exec->read_error = (int) nread;
	}
	if (is_out) {
		close_pipe(&exec->out, &exec->out_open);
	} else {
		close_pipe(&exec->err, &exec->err_open);
	}
	finish_when_done(exec);
}

/* The handles keep the loop alive only while the event is started and not hidden. */
static void sync_refs(async_uv_exec_t *exec, bool keep_alive)
{
	uv_handle_t *handles[] = {
		(exec->common.state & ASYNC_UV_HANDLE_OPEN) ? (uv_handle_t *) &exec->process : NULL,
		exec->out_open ? (uv_handle_t *) &exec->out : NULL,
		exec->err_open ? (uv_handle_t *) &exec->err : NULL,
	};
	for (size_t i = 0; i < sizeof(handles) / sizeof(handles[0]); i++) {
		if (handles[i] == NULL) {
			continue;
		}
		if (keep_alive) {
			uv_ref(handles[i]);
		} else {
			uv_unref(handles[i]);
		}
	}
}

/* ---- the event ---- */

static bool exec_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_exec_t *exec = EXEC_OF(event);

	if (!(exec->common.state & ASYNC_UV_HANDLE_OPEN)) {
		zend_throw_error(NULL, "Cannot start an exec event after the event loop has shut down");
		return false;
	}
	sync_refs(exec, !ZEND_ASYNC_EVENT_IS_HIDDEN(event));
	EVENT_START_EPILOGUE(event);
	return true;
}

static bool exec_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	sync_refs(EXEC_OF(event), false);
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static void exec_free_memory(zend_async_event_t *event)
{
	async_uv_exec_t *exec = EXEC_OF(event);

	if (exec->child_running) {
		kill_and_reap(exec->process.pid); /* left running until the request ended */
	}
	smart_str_free(&exec->line);
	smart_str_free(&exec->last_line);
	smart_str_free(&exec->err_text);
	efree(exec->event.cmd);
	efree(exec);
}

static void exec_let_go(zend_async_event_t *event)
{
	async_uv_exec_t *exec = EXEC_OF(event);
	abandon(exec);
	release_sigchld_guard(exec);
}

static bool exec_dispose(zend_async_event_t *event)
{
	return async_uv_event_dispose_ex(event, &EXEC_OF(event)->common, exec_let_go);
}

static zend_string *exec_info(zend_async_event_t *event)
{
	return zend_strpprintf(0, "exec of \"%.80s\"", EXEC_OF(event)->event.cmd);
}

/* "A=1\0B=2\0\0" as the NULL-ended array uv_spawn wants; the strings stay in the block. */
static char **environment_of(const char *block)
{
	size_t count = 0;
	for (const char *entry = block; *entry != '\0'; entry += strlen(entry) + 1) {
		count++;
	}
	char **environment = safe_emalloc(count + 1, sizeof(char *), 0);
	size_t i = 0;
	for (const char *entry = block; *entry != '\0'; entry += strlen(entry) + 1) {
		environment[i++] = (char *) entry;
	}
	environment[count] = NULL;
	return environment;
}

static int spawn(async_uv_exec_t *exec, uv_loop_t *loop, const char *cwd, const char *env)
{
	char shell_name[] = "sh", dash_c[] = "-c";
	char *args[] = { shell_name, dash_c, exec->event.cmd, NULL };
	uv_stdio_container_t stdio[3];

	stdio[0].flags = UV_INHERIT_FD;
	stdio[0].data.fd = STDIN_FILENO;
	stdio[1].flags = UV_CREATE_PIPE | UV_WRITABLE_PIPE;
	stdio[1].data.stream = (uv_stream_t *) &exec->out;
	if (exec->event.std_error != NULL) {
		stdio[2].flags = UV_CREATE_PIPE | UV_WRITABLE_PIPE;
		stdio[2].data.stream = (uv_stream_t *) &exec->err;
	} else {
		stdio[2].flags = UV_INHERIT_FD;
		stdio[2].data.fd = STDERR_FILENO;
	}

	uv_process_options_t options;
	memset(&options, 0, sizeof(options));
	options.exit_cb = on_child_exit;
	options.file = "/bin/sh";
	options.args = args;
	options.env = env != NULL ? environment_of(env) : NULL;
	options.cwd = cwd;
	options.stdio_count = 3;
	options.stdio = stdio;

	int error = uv_spawn(loop, &exec->process, &options);
	if (options.env != NULL) {
		efree(options.env);
	}
	return error;
}

static void open_pipe(async_uv_exec_t *exec, uv_loop_t *loop, uv_pipe_t *pipe, bool *open)
{
	uv_pipe_init(loop, pipe, 0); /* cannot fail */
	pipe->data = exec;
	*open = true;
	exec->pipes_closing_or_open++;
	exec->common.state |= ASYNC_UV_IN_FLIGHT; /* freeing waits for the pipes' close callbacks */
}

static const async_uv_event_ops_t exec_ops = {exec_start, exec_stop, exec_dispose, exec_info};

zend_async_exec_event_t *async_uv_new_exec_event(zend_async_exec_mode exec_mode, const char *cmd,
	zval *return_buffer, zval *return_value, zval *std_error, const char *cwd, const char *env,
	size_t extra_size)
{
	uv_loop_t *loop = async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}
	if (cmd == NULL) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot exec: no command");
		return NULL;
	}
	if ((unsigned) exec_mode > (unsigned) ZEND_ASYNC_EXEC_MODE_SHELL_EXEC) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot exec: unknown mode %d", (int) exec_mode);
		return NULL;
	}
	if (exec_mode == ZEND_ASYNC_EXEC_MODE_EXEC_ARRAY && return_buffer != NULL) {
		ZVAL_DEREF(return_buffer);
		if (Z_TYPE_P(return_buffer) == IS_ARRAY) {
			SEPARATE_ARRAY(return_buffer);
		} else {
			zval_ptr_dtor(return_buffer);
			array_init(return_buffer);
		}
	}

	async_uv_exec_t *exec = ecalloc(1, sizeof(async_uv_exec_t) + extra_size);
	zend_async_event_t *base = &exec->event.base;

	async_uv_event_setup(base, sizeof(async_uv_exec_t), &exec_ops);
	exec->event.exec_mode = exec_mode;
	exec->event.cmd = estrdup(cmd);
	exec->event.return_value = return_value;
	exec->event.result_buffer = return_buffer;
	exec->event.std_error = std_error;
	exec->event.exit_code = -1;
	async_uv_event_init(&exec->common, base, NULL, exec_free_memory);

	/* The guard takes SIGCHLD before libuv's child watcher does (see the top). */
	exec->sigchld_guard = async_uv_new_signal_event(SIGCHLD, 0);
	if (exec->sigchld_guard == NULL) {
		base->dispose(base);
		return NULL;
	}
	ZEND_ASYNC_EVENT_SET_HIDDEN(&exec->sigchld_guard->base);
	if (!exec->sigchld_guard->base.start(&exec->sigchld_guard->base)) {
		base->dispose(base);
		return NULL;
	}

	open_pipe(exec, loop, &exec->out, &exec->out_open);
	if (std_error != NULL) {
		open_pipe(exec, loop, &exec->err, &exec->err_open);
	}

	int error = spawn(exec, loop, cwd, env);
	/* uv_spawn initialises the process handle even when it fails: it is ours to close. */
	async_uv_event_set_handle(&exec->common, (uv_handle_t *) &exec->process);
	if (error < 0) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, "Cannot run \"%s\"%s%s: %s", cmd,
			cwd != NULL ? " in " : "", cwd != NULL ? cwd : "", uv_strerror(error));
		base->dispose(base);
		return NULL;
	}
	exec->child_running = true;
	sync_refs(exec, false); /* until start() */
	uv_read_start((uv_stream_t *) &exec->out, on_alloc, on_read);
	if (exec->err_open) {
		uv_read_start((uv_stream_t *) &exec->err, on_alloc, on_read);
	}
	return &exec->event;
}

/* ---- running one command to the end ---- */

/*
 * Waits until the command has finished (true) or `timeout_ms` (0: no limit) has passed (false).
 * Inside a coroutine only the coroutine waits, through the engine API, while the others run.
 */
static bool exec_wait_in_coroutine(zend_coroutine_t *coroutine, zend_async_exec_event_t *exec, zend_ulong timeout_ms)
{
	if (exec->terminated) {
		return true;
	}
	zend_async_waker_new(coroutine);
	if (!zend_async_resume_when(coroutine, &exec->base, false, zend_async_waker_callback_resolve, NULL)) {
		return false;
	}
	if (timeout_ms > 0) {
		zend_async_timer_event_t *deadline = ZEND_ASYNC_NEW_TIMER_EVENT(timeout_ms, false);
		if (deadline == NULL
				|| !zend_async_resume_when(coroutine, &deadline->base, true, zend_async_waker_callback_resolve, NULL)) {
			zend_async_waker_clean(coroutine);
			return false;
		}
	}
	ZEND_ASYNC_SUSPEND();
	return exec->terminated; /* false after the deadline (or with the exception that woke it) */
}

static bool exec_wait(zend_async_exec_event_t *exec, zend_ulong timeout_ms)
{
	zend_coroutine_t *coroutine = ZEND_ASYNC_CURRENT_COROUTINE;
	if (coroutine != NULL) {
		return exec_wait_in_coroutine(coroutine, exec, timeout_ms);
	}
	/* No coroutine: the caller waits, running the loop (as stock PHP's exec() blocks). */
	zend_async_timer_event_t *deadline = NULL;
	if (timeout_ms > 0) {
		deadline = async_uv_new_timer_event(timeout_ms, 0, false, 0);
		if (deadline == NULL) {
			return false;
		}
		deadline->base.start(&deadline->base);
	}
	while (!exec->terminated && !EG(exception)
			&& (deadline == NULL || !ZEND_ASYNC_EVENT_IS_CLOSED(&deadline->base))) {
		if (!ZEND_ASYNC_REACTOR_EXECUTE(false) && !exec->terminated) {
			zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "The event loop stopped before the command finished");
		}
	}
	if (deadline != NULL) {
		ZEND_ASYNC_EVENT_RELEASE(&deadline->base);
	}
	return exec->terminated;
}

int async_uv_exec(zend_async_exec_mode exec_mode, const char *cmd, zval *return_buffer, zval *return_value,
	zval *std_error, const char *cwd, const char *env, const zend_ulong timeout)
{
	zend_async_exec_event_t *exec = async_uv_new_exec_event(exec_mode, cmd, return_buffer, return_value,
		std_error, cwd, env, 0);
	if (exec == NULL) {
		return -1;
	}
	exec->base.start(&exec->base);

	int exit_code = -1;
	if (exec_wait(exec, timeout)) {
		exit_code = (int) exec->exit_code;
	} else if (!EG(exception)) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_TIMEOUT, "The command timed out after " ZEND_ULONG_FMT " ms", timeout);
	}
	ZEND_ASYNC_EVENT_RELEASE(&exec->base); /* kills and reaps a command that still runs */
	return exit_code;
}
