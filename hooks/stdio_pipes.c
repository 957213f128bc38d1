/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The process's own stdio inside coroutines, when it is a pipe, a socket or a terminal:
 *
 * - streams of the php:// wrapper over a descriptor (php://stdin, php://stdout, php://stderr,
 *   php://fd/N, and the CLI's STDIN, STDOUT and STDERR, which it opens the same way) get the
 *   coroutine-aware pipe ops in their shared mode (pipe_stream.c): a read with nothing to read, or
 *   a write to a pipe whose reader does not keep up, suspends only the calling coroutine;
 * - the CLI's own output (echo, print, everything PHP's output layer sends to the SAPI) goes to
 *   descriptor 1 with a blocking write(): inside a coroutine, when that is a pipe or socket with
 *   no room, the coroutine waits for room first, and writes at most PIPE_BUF bytes at a time.
 *
 * Regular files and character devices other than terminals are left alone (a read or write of
 * them does not wait on anyone, and they cannot be polled). Outside coroutines everything is
 * stock: the descriptors are never made non-blocking, since other processes share them.
 */
#include "hooks.h"
#include "pipe_stream.h"
#include "SAPI.h"
#include "ext/standard/php_fopen_wrappers.h"
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static php_stream_wrapper_ops php_wops;
static php_stream_wrapper php_wrapper;
static size_t (*original_ub_write)(const char *str, size_t str_length);

/* Worth waiting on: a pipe, a socket or a terminal. */
static bool pollable(int fd)
{
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		return false;
	}
	return S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || (S_ISCHR(st.st_mode) && isatty(fd));
}

static php_stream *php_opener(php_stream_wrapper *wrapper, const char *path, const char *mode, int options,
	zend_string **opened_path, php_stream_context *context STREAMS_DC)
{
	php_stream *stream = php_stream_php_wrapper.wops->stream_opener(wrapper, path, mode, options, opened_path,
		context STREAMS_REL_CC);
	if (stream != NULL && stream->ops == &php_stream_stdio_ops) {
		int fd = -1;
		if (php_stream_stdio_ops.cast(stream, PHP_STREAM_AS_FD_FOR_SELECT, (void **) &fd) == SUCCESS && pollable(fd)) {
			async_pipe_stream_wrap_shared(stream);
		}
	}
	return stream;
}

/*
 * Waits in the coroutine until a shared descriptor may be ready. The reactor's poll handle makes
 * what it watches O_NONBLOCK (libuv does), and the flag belongs to the open file description,
 * which other processes share (a command writing to the same stdout would get EAGAIN meanwhile).
 * For a pipe the wait is therefore made on a description of its own, opened through
 * /proc/self/fd (non-blocking, so it never waits for a peer): the same pipe, the same readiness,
 * a flag nobody else sees. Where that cannot be done (a socket, no /proc) it waits on the
 * descriptor itself, whose flags are put back when the wait ends (async_hook_wait_fds).
 */
async_hook_wait_result_t async_wait_shared_fd(int fd, async_poll_event events)
{
	struct stat st;
	int private_fd = -1;
	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) {
		char path[64];
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		private_fd = open(path, (events & ASYNC_WRITABLE ? O_WRONLY : O_RDONLY) | O_NONBLOCK | O_CLOEXEC);
	}
	async_hook_fd_t wait = { .fd = private_fd >= 0 ? private_fd : fd, .events = events };
	async_hook_wait_result_t result = async_hook_wait_fds(&wait, 1, -1);
	if (private_fd >= 0) {
		close(private_fd);
	}
	return result;
}

/* Waits, inside a coroutine, until descriptor 1 has room; false with the exception pending. */
static bool stdout_writable(void)
{
	struct pollfd pfd = { .fd = STDOUT_FILENO, .events = POLLOUT };
	while (poll(&pfd, 1, 0) == 0) {
		if (async_wait_shared_fd(STDOUT_FILENO, ASYNC_WRITABLE) == ASYNC_HOOK_WAIT_FAILED) {
			return false;
		}
	}
	return true;
}

/* What descriptor 1 is, looked at once (the CLI does not reopen it): -1 not yet known. */
static int stdout_pollable = -1;

static size_t cli_ub_write(const char *str, size_t length)
{
	if (!async_hook_in_coroutine() || length == 0) {
		return original_ub_write(str, length);
	}
	if (stdout_pollable < 0) {
		stdout_pollable = pollable(STDOUT_FILENO);
	}
	if (!stdout_pollable) {
		return original_ub_write(str, length);
	}
	/* With an exception already pending (a finally block of a cancelled coroutine) the output
	 * is written as stock PHP writes it, blocking. A coroutine cancelled while it waits for room
	 * leaves at once: the rest of that output is dropped, as a write cut short. */
	if (EG(exception) != NULL) {
		return original_ub_write(str, length);
	}
	size_t done = 0;
	while (done < length) {
		if (!stdout_writable()) {
			return done;
		}
		size_t wrote = original_ub_write(str + done, MIN(length - done, PIPE_BUF));
		if (wrote == 0) {
			break; /* the SAPI reported it (a closed pipe) */
		}
		done += wrote;
	}
	return done;
}

void async_stdio_pipes_install(void)
{
	HashTable *wrappers = php_stream_get_url_stream_wrappers_hash_global();
	if (zend_hash_str_find_ptr(wrappers, ZEND_STRL("php")) == &php_stream_php_wrapper) {
		php_wops = *php_stream_php_wrapper.wops;
		php_wops.stream_opener = php_opener;
		php_wrapper = php_stream_php_wrapper;
		php_wrapper.wops = &php_wops;
		php_unregister_url_stream_wrapper("php");
		php_register_url_stream_wrapper("php", &php_wrapper);
	}
	if (strcmp(sapi_module.name, "cli") == 0 && sapi_module.ub_write != cli_ub_write) {
		original_ub_write = sapi_module.ub_write;
		sapi_module.ub_write = cli_ub_write;
	}
}

void async_stdio_pipes_restore(void)
{
	HashTable *wrappers = php_stream_get_url_stream_wrappers_hash_global();
	if (zend_hash_str_find_ptr(wrappers, ZEND_STRL("php")) == &php_wrapper) {
		php_unregister_url_stream_wrapper("php");
		php_register_url_stream_wrapper("php", &php_stream_php_wrapper);
	}
	if (original_ub_write != NULL && sapi_module.ub_write == cli_ub_write) {
		sapi_module.ub_write = original_ub_write;
		original_ub_write = NULL;
	}
}
