/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Process events: notified once, when the process ends, with exit_code set (result NULL):
 * WEXITSTATUS, -signal when a signal killed it, -1 when its status cannot be read (someone
 * else reaped it, or it is not our child). The event closes (stop, then CLOSED) before it
 * notifies, as a one-shot timer does: a process ends only once, and a later start() is a
 * no-op instead of re-arming a watch on a process that is gone. (Upstream only stops it.)
 *
 * Linux: pidfd_open(2) gives a descriptor that becomes readable when the process ends; a
 * uv_poll_t watches it and waitpid(pid, WNOHANG) then reaps the child and reads its status.
 * A child that has already ended (a zombie) makes it readable at once, so it is reported from
 * the loop, never from inside start(). Without pidfd_open (kernels before 5.3, or a seccomp
 * filter), a uv_timer_t checks with waitpid(pid, WNOHANG) right after start() and then every
 * 100 ms, and a hidden SIGCHLD signal event (signal.c, which keeps any SIGCHLD handler working)
 * checks as soon as a child ends. A process that is not our child cannot be waited for: the
 * fallback polls it with kill(pid, 0) until it is gone and then reports -1.
 *
 * Only the watched pid is ever waited for (never -1), so libuv's own uv_spawn children (exec
 * events) stay libuv's. The environment variable ASYNC_UV_NO_PIDFD forces the fallback (tests).
 *
 * A pid that does not exist when the event is created throws InputOutputException.
 */
#include "reactor.h"
#include <signal.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FALLBACK_POLL_MS 100

typedef struct _async_uv_process_s async_uv_process_t;

struct _async_uv_process_s {
	zend_async_process_event_t event; /* the ABI struct first */
	async_uv_event_t common;
	union {
		uv_poll_t poll;                /* on the pidfd */
		uv_timer_t timer;              /* the fallback */
	} handle;
	int pidfd;                        /* -1 in the fallback, and once the process is reported */
	zend_async_signal_event_t *sigchld; /* the fallback's wake-up */
};

#define PROCESS_OF(ev) ((async_uv_process_t *) (ev))

/* A pidfd, or -errno; -ENOSYS when the fallback is to be used. */
static int open_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
	if (getenv("ASYNC_UV_NO_PIDFD") == NULL) {
		int fd = (int) syscall(SYS_pidfd_open, pid, 0);
		if (fd >= 0) {
			return fd;
		}
		/* EPERM: a seccomp filter that does not know the call. */
		return errno == EPERM ? -ENOSYS : -errno;
	}
#else
	(void) pid;
#endif
	return -ENOSYS;
}

static zend_long exit_code_of(int status)
{
	if (WIFEXITED(status)) {
		return WEXITSTATUS(status);
	}
	if (WIFSIGNALED(status)) {
		return -WTERMSIG(status);
	}
	return -1;
}

/* Lets go of what watched the process: the handle, the pidfd, the SIGCHLD event. */
static void stop_watching(async_uv_process_t *proc)
{
	async_uv_event_close_handle(&proc->common);
	if (proc->pidfd >= 0) {
		close(proc->pidfd); /* uv_close() has already taken it out of the loop */
		proc->pidfd = -1;
	}
	if (proc->sigchld != NULL) {
		zend_async_signal_event_t *sigchld = proc->sigchld;
		proc->sigchld = NULL;
		ZEND_ASYNC_EVENT_RELEASE(&sigchld->base);
	}
}

static void report(async_uv_process_t *proc, zend_long exit_code, zend_object *exception)
{
	zend_async_event_t *event = &proc->event.base;

	proc->event.exit_code = exit_code;
	zend_async_event_close(event);
	stop_watching(proc);
	ASYNC_UV_NOTIFY(event, NULL, exception);
}

/* Reports the process if it has ended. */
static void check(async_uv_process_t *proc)
{
	if (ZEND_ASYNC_EVENT_IS_CLOSED(&proc->event.base)) {
		return;
	}
	int status = 0;
	pid_t result;
	do {
		result = waitpid(proc->event.process, &status, WNOHANG);
	} while (result < 0 && errno == EINTR);

	if (result == 0) {
		return; /* still running */
	}
	/* result < 0 is ECHILD: reaped by someone else, or not our child. A pidfd only wakes us once
	 * the process is gone; the fallback asks whether it still exists. */
	if (result < 0 && proc->sigchld != NULL && (kill(proc->event.process, 0) == 0 || errno == EPERM)) {
		return;
	}
	report(proc, result > 0 ? exit_code_of(status) : -1, NULL);
}

static void on_pidfd(uv_poll_t *handle, int status, int events)
{
	async_uv_process_t *proc = (async_uv_process_t *) ((async_uv_event_t *) handle->data)->event;
	(void) events;

	if (status < 0) {
		zend_object *exception = async_uv_exception(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, status,
			"Cannot watch the process");
		report(proc, -1, exception);
		OBJ_RELEASE(exception);
		return;
	}
	check(proc);
}

static void on_poll_timer(uv_timer_t *handle)
{
	check((async_uv_process_t *) ((async_uv_event_t *) handle->data)->event);
}

static void on_sigchld(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) callback; (void) result; (void) exception;
	check(*(async_uv_process_t **) ZEND_ASYNC_EVENT_EXTRA(event));
}

static bool process_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_process_t *proc = PROCESS_OF(event);

	if (!(proc->common.state & ASYNC_UV_HANDLE_OPEN)) {
		zend_throw_error(NULL, "Cannot start a process event after the event loop has shut down");
		return false;
	}
	async_uv_event_sync_ref(&proc->common);

	int error;
	if (proc->sigchld == NULL) {
		error = uv_poll_start(&proc->handle.poll, UV_READABLE, on_pidfd);
	} else {
		/* SIGCHLD first: a child that ends after the first check still wakes us. */
		if (!proc->sigchld->base.start(&proc->sigchld->base)) {
			return false;
		}
		error = uv_timer_start(&proc->handle.timer, on_poll_timer, 0, FALLBACK_POLL_MS);
	}
	if (error < 0) {
		if (proc->sigchld != NULL) {
			proc->sigchld->base.stop(&proc->sigchld->base);
		}
		async_uv_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, error, "Cannot start the process event");
		return false;
	}
	EVENT_START_EPILOGUE(event);
	return true;
}

static bool process_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	async_uv_process_t *proc = PROCESS_OF(event);

	if (proc->common.state & ASYNC_UV_HANDLE_OPEN) {
		if (proc->sigchld == NULL) {
			uv_poll_stop(&proc->handle.poll);
		} else {
			uv_timer_stop(&proc->handle.timer);
		}
	}
	if (proc->sigchld != NULL) {
		proc->sigchld->base.stop(&proc->sigchld->base);
	}
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static void process_free_memory(zend_async_event_t *event)
{
	async_uv_process_t *proc = PROCESS_OF(event);
	if (proc->pidfd >= 0) {
		close(proc->pidfd);
	}
	efree(proc);
}

static bool process_dispose(zend_async_event_t *event)
{
	async_uv_process_t *proc = PROCESS_OF(event);

	if (ZEND_ASYNC_EVENT_REFCOUNT(event) > 1 || (proc->common.state & ASYNC_UV_DISPOSED)) {
		return async_uv_event_dispose(event, &proc->common);
	}
	/* The stop inside dispose still needs it; the memory may be gone after. */
	zend_async_signal_event_t *sigchld = proc->sigchld;
	async_uv_event_dispose(event, &proc->common);
	if (sigchld != NULL) {
		ZEND_ASYNC_EVENT_RELEASE(&sigchld->base);
	}
	return true;
}

static zend_string *process_info(zend_async_event_t *event)
{
	async_uv_process_t *proc = PROCESS_OF(event);
	return zend_strpprintf(0, "process %ld (%s)", (long) proc->event.process,
		proc->sigchld != NULL ? "SIGCHLD and waitpid polling" : "pidfd");
}

/* The fallback's SIGCHLD event; NULL with an exception on failure. */
static zend_async_signal_event_t *new_sigchld_watch(async_uv_process_t *proc)
{
	zend_async_signal_event_t *sigchld = async_uv_new_signal_event(SIGCHLD, sizeof(async_uv_process_t *));
	if (sigchld == NULL) {
		return NULL;
	}
	/* The process event is the one that counts and keeps the loop alive. */
	ZEND_ASYNC_EVENT_SET_HIDDEN(&sigchld->base);
	*(async_uv_process_t **) ZEND_ASYNC_EVENT_EXTRA(&sigchld->base) = proc;
	sigchld->base.add_callback(&sigchld->base, ZEND_ASYNC_EVENT_CALLBACK(on_sigchld));
	return sigchld;
}

static const async_uv_event_ops_t process_ops = {process_start, process_stop, process_dispose, process_info};

zend_async_process_event_t *async_uv_new_process_event(zend_process_t process_handle, size_t extra_size)
{
	uv_loop_t *loop = async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}
	pid_t pid = process_handle;
	if (pid <= 0) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, "Cannot watch process %ld: not a process id", (long) pid);
		return NULL;
	}
	int pidfd = open_pidfd(pid);
	if (pidfd == -ENOSYS && kill(pid, 0) != 0 && errno == ESRCH) {
		pidfd = -ESRCH;
	}
	if (pidfd < 0 && pidfd != -ENOSYS) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, "Cannot watch process %ld: %s", (long) pid,
			uv_strerror(pidfd));
		return NULL;
	}

	async_uv_process_t *proc = ecalloc(1, sizeof(async_uv_process_t) + extra_size);
	zend_async_event_t *base = &proc->event.base;

	async_uv_event_setup(base, sizeof(async_uv_process_t), &process_ops);
	proc->event.process = pid;
	proc->event.exit_code = -1;
	proc->pidfd = pidfd >= 0 ? pidfd : -1;
	async_uv_event_init(&proc->common, base, NULL, process_free_memory);

	if (proc->pidfd >= 0) {
		int error = uv_poll_init(loop, &proc->handle.poll, proc->pidfd);
		if (error < 0) {
			base->dispose(base);
			return async_uv_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, error, "Cannot watch the process");
		}
		async_uv_event_set_handle(&proc->common, (uv_handle_t *) &proc->handle.poll);
	} else {
		uv_timer_init(loop, &proc->handle.timer); /* cannot fail */
		async_uv_event_set_handle(&proc->common, (uv_handle_t *) &proc->handle.timer);
		proc->sigchld = new_sigchld_watch(proc);
		if (proc->sigchld == NULL) {
			base->dispose(base);
			return NULL;
		}
	}
	return &proc->event;
}
