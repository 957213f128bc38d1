/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Pipe streams whose reads and writes suspend only the calling coroutine (pipe_stream.c). */
#ifndef ASYNC_HOOKS_PIPE_STREAM_H
#define ASYNC_HOOKS_PIPE_STREAM_H

#include "hooks.h"

/* Gives a STDIO stream over a pipe the coroutine-aware ops. `child` (0: none) is a process
 * the stream's close waits for and whose status it returns, as pclose() does. False when the
 * stream is not a plain STDIO stream (it is then left alone). */
bool async_pipe_stream_wrap(php_stream *stream, pid_t child);

/* The same for a descriptor shared with other processes (php://stdin, php://stdout, STDIN,
 * STDOUT...): it is never made non-blocking; the coroutine waits for readiness instead. */
bool async_pipe_stream_wrap_shared(php_stream *stream);

/* Closing this pipe stream now would free it under a coroutine that waits on it, and the caller
 * cannot wait until that coroutine has left (it is not in a coroutine that may suspend). */
bool async_pipe_close_would_strand_waiters(php_stream *stream);

/* Waits for `child` to exit (suspending the coroutine inside one, blocking outside) and gives
 * its status as stock PHP reports it: the exit code, or the raw wait status when a signal ended
 * it; -1 when it cannot be waited for, or with an exception pending (a cancellation). */
int async_wait_child(pid_t child);

/* stdio_pipes.c: the php:// wrapper's descriptor streams and the CLI's output over a pipe,
 * socket or terminal; installed after startup. */
void async_stdio_pipes_install(void);
void async_stdio_pipes_restore(void);
/* Waits until a descriptor shared with other processes may be ready, without making it
 * non-blocking for them (a pipe is watched through a private description of its own). */
async_hook_wait_result_t async_wait_shared_fd(int fd, async_poll_event events);

#endif
