/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Coroutine-aware pipe streams: a proxy of PHP's STDIO stream ops (same label, so
 * stream_get_meta_data() still says "STDIO") put on the pipe streams of proc_open() and popen().
 *
 * In blocking mode (the default) a read or write inside a coroutine makes the descriptor
 * non-blocking, tries the syscall through PHP's own ops, and when it would block waits for the
 * descriptor with async_hook_wait_fd(), so other coroutines run meanwhile; a write goes on until
 * everything is written, as a blocking write does. Outside a coroutine the descriptor is made
 * blocking again and PHP's ops do the work, unchanged. After stream_set_blocking(false) PHP's
 * ops are used as they are everywhere.
 *
 * Unlike stock PHP pipes, these honour stream_set_timeout(): a read or write that waits longer
 * gives what it has (a read with nothing: false, as a socket's) and stream_get_meta_data()
 * reports timed_out.
 *
 * A pipe closed by one coroutine while others wait in its read or write (proc_close() from a
 * watchdog, an fclose()) follows the rule socket streams follow (stream_waiters.c): the waiters
 * fail as PHP's read or write on a closed descriptor does, and the closing coroutine yields until
 * they have left the stream's code. Stock PHP cannot get there (nothing runs while a read blocks).
 *
 * The proxy's own state hangs off stream->wrapperthis, which PHP leaves to the code that opened
 * the stream (a pipe stream has no wrapper).
 */
#include "pipe_stream.h"
#include "zend_exceptions.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>

typedef struct {
	async_stream_waiters_t waiters; /* coroutines suspended in its read or write */
	bool user_blocking;      /* what the script asked for (stream_set_blocking) */
	bool fd_nonblocking;     /* what the descriptor is now */
	bool timed_out;
	zend_long timeout_ms;    /* -1: none, as stock PHP pipes */
	pid_t child;             /* popen(): the command, waited for on close */
	bool shared;             /* STDIN/STDOUT and the like: the descriptor stays blocking */
} pipe_state_t;

static php_stream_ops async_pipe_ops;

#define STATE_OF(stream) ((pipe_state_t *) (stream)->wrapperthis)

static int descriptor_of(php_stream *stream)
{
	int fd = -1;
	if (php_stream_stdio_ops.cast(stream, PHP_STREAM_AS_FD_FOR_SELECT, (void **) &fd) != SUCCESS) {
		return -1;
	}
	return fd;
}

static void set_descriptor_nonblocking(php_stream *stream, pipe_state_t *state, bool nonblocking)
{
	if (state->fd_nonblocking == nonblocking) {
		return;
	}
	int fd = descriptor_of(stream);
	int flags = fd >= 0 ? fcntl(fd, F_GETFL, 0) : -1;
	if (flags >= 0) {
		fcntl(fd, F_SETFL, nonblocking ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK));
	}
	state->fd_nonblocking = nonblocking;
}

typedef enum { WAIT_READY, WAIT_ENDED, WAIT_CLOSED } pipe_wait_result_t;

/* Waits for the descriptor: READY when it is worth trying again; ENDED on a timeout or with an
 * exception pending; CLOSED when another coroutine closed the pipe meanwhile (do not touch it). */
static pipe_wait_result_t wait_ready(php_stream *stream, pipe_state_t *state, async_poll_event events)
{
	int fd = descriptor_of(stream);
	if (fd < 0) {
		return WAIT_ENDED;
	}
	async_stream_waiter_t self;
	if (!async_stream_waiters_enter(&state->waiters, &self, 0)) {
		return WAIT_CLOSED;
	}
	async_hook_wait_result_t result = state->shared ? async_wait_shared_fd(fd, events)
		: async_hook_wait_fd(fd, false, events, state->timeout_ms, NULL);
	bool closed = state->waiters.closing;
	if (async_stream_waiters_leave(&state->waiters, &self)) {
		efree(state); /* closed where nobody could wait: the last waiter frees it */
	}
	if (closed) {
		return WAIT_CLOSED;
	}
	if (result == ASYNC_HOOK_WAIT_TIMEOUT) {
		state->timed_out = true;
		return WAIT_ENDED;
	}
	return result == ASYNC_HOOK_WAIT_READY ? WAIT_READY : WAIT_ENDED;
}

/* What PHP's read or write says on a closed descriptor (EBADF), and what it returns. */
static ssize_t fail_as_closed(php_stream *stream, const char *operation, size_t count)
{
	if (!(stream->flags & PHP_STREAM_FLAG_SUPPRESS_ERRORS)) {
		php_error_docref(NULL, E_NOTICE, "%s of %zu bytes failed with errno=%d %s", operation, count, EBADF,
			strerror(EBADF));
	}
	return -1;
}

/* Outside a coroutine, a timeout needs a poll() before PHP's blocking syscall. */
static bool poll_ready_blocking(php_stream *stream, pipe_state_t *state, short events)
{
	if (state->timeout_ms < 0) {
		return true;
	}
	struct pollfd pfd = { .fd = descriptor_of(stream), .events = events };
	int ready;
	do {
		ready = poll(&pfd, 1, state->timeout_ms > INT_MAX ? INT_MAX : (int) state->timeout_ms);
	} while (ready < 0 && errno == EINTR);
	if (ready == 0) {
		state->timed_out = true;
		return false;
	}
	return true;
}

/* A descriptor this process shares with others (its stdin and stdout, inherited from the shell
 * and passed on to every command it runs) is never made non-blocking: other processes would see
 * the flag too (a command run by system() would get EAGAIN writing to the same pipe). The
 * coroutine waits until it is ready, then makes PHP's blocking syscall, which does not block:
 * a read once something can be read, a write of at most PIPE_BUF bytes once a pipe has room for
 * them (Linux reports a pipe writable when a whole page is free). */
static pipe_wait_result_t shared_ready(php_stream *stream, pipe_state_t *state, short events)
{
	struct pollfd pfd = { .fd = descriptor_of(stream), .events = events };
	for (;;) {
		if (pfd.fd < 0) {
			return WAIT_ENDED;
		}
		int ready = poll(&pfd, 1, 0);
		if (ready != 0) {
			return WAIT_READY; /* ready, or an error the syscall will report */
		}
		pipe_wait_result_t waited = wait_ready(stream, state, events == POLLIN ? ASYNC_READABLE : ASYNC_WRITABLE);
		if (waited != WAIT_READY) {
			return waited;
		}
	}
}

static ssize_t shared_read(php_stream *stream, pipe_state_t *state, char *buf, size_t count)
{
	switch (shared_ready(stream, state, POLLIN)) {
		case WAIT_CLOSED:
			return fail_as_closed(stream, "Read", count);
		case WAIT_ENDED:
			return EG(exception) ? -1 : 0;
		default:
			return php_stream_stdio_ops.read(stream, buf, count);
	}
}

static ssize_t shared_write(php_stream *stream, pipe_state_t *state, const char *buf, size_t count)
{
	size_t done = 0;
	while (done < count) {
		pipe_wait_result_t waited = shared_ready(stream, state, POLLOUT);
		if (waited == WAIT_CLOSED) {
			return done > 0 ? (ssize_t) done : fail_as_closed(stream, "Write", count);
		}
		if (waited == WAIT_ENDED) {
			return done > 0 ? (ssize_t) done : (EG(exception) ? -1 : 0);
		}
		ssize_t wrote = php_stream_stdio_ops.write(stream, buf + done, MIN(count - done, PIPE_BUF));
		if (wrote <= 0) {
			return done > 0 ? (ssize_t) done : wrote; /* PHP has reported the error */
		}
		done += (size_t) wrote;
	}
	return (ssize_t) done;
}

static ssize_t pipe_read(php_stream *stream, char *buf, size_t count)
{
	pipe_state_t *state = STATE_OF(stream);
	state->timed_out = false;
	if (!state->user_blocking) {
		return php_stream_stdio_ops.read(stream, buf, count);
	}
	if (state->shared && !async_hook_in_coroutine()) {
		return php_stream_stdio_ops.read(stream, buf, count);
	}
	if (!async_hook_in_coroutine()) {
		set_descriptor_nonblocking(stream, state, false);
		if (!poll_ready_blocking(stream, state, POLLIN)) {
			return -1; /* timed out: fread() gives false, as on a socket */
		}
		return php_stream_stdio_ops.read(stream, buf, count);
	}
	if (state->shared) {
		return shared_read(stream, state, buf, count);
	}

	set_descriptor_nonblocking(stream, state, true);
	for (;;) {
		ssize_t got = php_stream_stdio_ops.read(stream, buf, count);
		if (got != 0 || stream->eof) {
			return got; /* data, end of file, or an error PHP has reported */
		}
		/* Nothing yet (EAGAIN): let the others run until there is. */
		switch (wait_ready(stream, state, ASYNC_READABLE)) {
			case WAIT_CLOSED:
				return fail_as_closed(stream, "Read", count);
			case WAIT_ENDED:
				return EG(exception) || state->timed_out ? -1 : 0; /* timed out: false, as a socket */
			default:
				break;
		}
	}
}

static ssize_t pipe_write(php_stream *stream, const char *buf, size_t count)
{
	pipe_state_t *state = STATE_OF(stream);
	state->timed_out = false;
	if (!state->user_blocking) {
		return php_stream_stdio_ops.write(stream, buf, count);
	}
	if (state->shared && !async_hook_in_coroutine()) {
		return php_stream_stdio_ops.write(stream, buf, count);
	}
	if (!async_hook_in_coroutine()) {
		set_descriptor_nonblocking(stream, state, false);
		if (!poll_ready_blocking(stream, state, POLLOUT)) {
			return 0;
		}
		return php_stream_stdio_ops.write(stream, buf, count);
	}
	if (state->shared) {
		return shared_write(stream, state, buf, count);
	}

	set_descriptor_nonblocking(stream, state, true);
	size_t done = 0;
	while (done < count) {
		ssize_t wrote = php_stream_stdio_ops.write(stream, buf + done, count - done);
		if (wrote > 0) {
			done += (size_t) wrote;
			continue;
		}
		if (wrote < 0) {
			return done > 0 ? (ssize_t) done : wrote; /* PHP has reported the error */
		}
		/* The pipe is full: wait until the reader makes room. */
		pipe_wait_result_t waited = wait_ready(stream, state, ASYNC_WRITABLE);
		if (waited == WAIT_READY) {
			continue;
		}
		if (done > 0) {
			return (ssize_t) done;
		}
		if (waited == WAIT_CLOSED) {
			return fail_as_closed(stream, "Write", count);
		}
		return EG(exception) ? -1 : 0;
	}
	return (ssize_t) done;
}

bool async_pipe_close_would_strand_waiters(php_stream *stream)
{
	return stream->ops == &async_pipe_ops && STATE_OF(stream) != NULL
		&& async_stream_waiters_would_strand(&STATE_OF(stream)->waiters);
}

static int pipe_close(php_stream *stream, int close_handle)
{
	pipe_state_t *state = STATE_OF(stream);
	pid_t child = state->child;

	bool all_left = async_stream_waiters_close(&state->waiters);
	stream->wrapperthis = NULL;
	if (all_left) {
		efree(state);
	} /* else the last waiter to leave frees it */
	int result = php_stream_stdio_ops.close(stream, close_handle);
	if (child > 0 && close_handle) {
		/* The command's status, as pclose() gives it; the pipe is closed first so a command
		 * that reads until end of input can finish. */
		result = async_wait_child(child);
	}
	return result;
}

static int pipe_set_option(php_stream *stream, int option, int value, void *ptrparam)
{
	pipe_state_t *state = STATE_OF(stream);
	if (state->shared && option != PHP_STREAM_OPTION_BLOCKING) {
		return php_stream_stdio_ops.set_option(stream, option, value, ptrparam); /* no timeouts, as stock */
	}

	switch (option) {
		case PHP_STREAM_OPTION_BLOCKING: {
			int previous = state->user_blocking ? 1 : 0;
			int result = php_stream_stdio_ops.set_option(stream, option, value, ptrparam);
			if (result == -1) {
				return result;
			}
			state->user_blocking = value != 0;
			state->fd_nonblocking = value == 0;
			return previous;
		}
		case PHP_STREAM_OPTION_READ_TIMEOUT: {
			const struct timeval *timeout = ptrparam;
			zend_long ms = (zend_long) timeout->tv_sec * 1000 + (zend_long) (timeout->tv_usec / 1000);
			state->timeout_ms = ms < 0 ? -1 : ms;
			return PHP_STREAM_OPTION_RETURN_OK;
		}
		case PHP_STREAM_OPTION_META_DATA_API: {
			int result = php_stream_stdio_ops.set_option(stream, option, value, ptrparam);
			if (state->timeout_ms >= 0) {
				add_assoc_bool((zval *) ptrparam, "timed_out", state->timed_out);
			}
			return result;
		}
		default:
			return php_stream_stdio_ops.set_option(stream, option, value, ptrparam);
	}
}

/* A descriptor handed to other code (proc_open() dups it for a child, a FILE* is made of it)
 * must be in the mode the script set: a child would not expect a non-blocking stdin. */
static int pipe_cast(php_stream *stream, int castas, void **ret)
{
	pipe_state_t *state = STATE_OF(stream);
	if (ret != NULL && castas != PHP_STREAM_AS_FD_FOR_SELECT && state->user_blocking) {
		set_descriptor_nonblocking(stream, state, false);
	}
	return php_stream_stdio_ops.cast(stream, castas, ret);
}

bool async_pipe_stream_wrap(php_stream *stream, pid_t child)
{
	if (stream->ops != &php_stream_stdio_ops || stream->wrapper != NULL || stream->wrapperthis != NULL) {
		return false;
	}
	if (async_pipe_ops.read == NULL) {
		/* Everything else (seek, stat, flush) is PHP's, read at first use so that a
		 * hook installed on the STDIO ops before is kept. */
		async_pipe_ops = php_stream_stdio_ops;
		async_pipe_ops.read = pipe_read;
		async_pipe_ops.write = pipe_write;
		async_pipe_ops.close = pipe_close;
		async_pipe_ops.set_option = pipe_set_option;
		async_pipe_ops.cast = pipe_cast;
	}
	pipe_state_t *state = ecalloc(1, sizeof(*state));
	async_stream_waiters_init(&state->waiters);
	state->user_blocking = true;
	state->timeout_ms = -1;
	state->child = child;
	stream->wrapperthis = state;
	stream->ops = &async_pipe_ops;
	return true;
}

bool async_pipe_stream_wrap_shared(php_stream *stream)
{
	if (!async_pipe_stream_wrap(stream, 0)) {
		return false;
	}
	STATE_OF(stream)->shared = true;
	return true;
}

static int status_of(int wait_status)
{
	return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : wait_status;
}

int async_wait_child(pid_t child)
{
	if (async_hook_in_coroutine()) {
		zend_async_process_event_t *exit_event = ZEND_ASYNC_NEW_PROCESS_EVENT(child);
		if (exit_event == NULL) {
			if (async_hook_exception_is(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT)) {
				zend_clear_exception(); /* not a child of ours (any more): as waitpid() failing */
			}
			return -1;
		}
		int result = -1;
		if (async_hook_wait_event(&exit_event->base)) {
			zend_long code = exit_event->exit_code;
			/* The event says -signal for a signal; stock PHP gives the raw status (the signal
			 * number, without the core-dump bit the event cannot tell). */
			result = code >= 0 ? (int) code : (code == -1 ? -1 : (int) -code);
		}
		ZEND_ASYNC_EVENT_RELEASE(&exit_event->base);
		return result;
	}
	int wait_status;
	pid_t waited;
	do {
		waited = waitpid(child, &wait_status, 0);
	} while (waited < 0 && errno == EINTR);
	return waited <= 0 ? -1 : status_of(wait_status);
}
