/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The loop: one uv_loop_t per request (per thread under ZTS), started on first use and closed
 * at request end after every handle in it has been closed.
 */
#include "reactor.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#define reactor_loop ASYNC_G(reactor.loop)

bool async_uv_loop_started(void)
{
	return reactor_loop.started;
}

uint32_t async_uv_loop_generation(void)
{
	return reactor_loop.generation;
}

uv_loop_t *async_uv_loop(void)
{
	if (UNEXPECTED(!reactor_loop.started)) {
		async_uv_reactor_startup();
	}
	return &reactor_loop.loop;
}

/* A process started with stdin, stdout or stderr closed would hand those numbers to libuv's own
 * descriptors, and libuv aborts when it closes a descriptor below 3. Fill them with /dev/null. */
static void occupy_closed_stdio(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
			int opened = open("/dev/null", O_RDWR);
			if (opened >= 0 && opened != fd) {
				close(opened); /* a lower number was free after all; leave it */
			}
		}
	}
}

void async_uv_loop_wake(void)
{
	if (reactor_loop.started) {
		uv_stop(&reactor_loop.loop);
	}
}

bool async_uv_reactor_startup(void)
{
	if (reactor_loop.started) {
		return true;
	}
	occupy_closed_stdio();
	int error = uv_loop_init(&reactor_loop.loop);
	if (error < 0) {
		async_uv_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, error, "Cannot start the event loop");
		return false;
	}
	uv_idle_init(&reactor_loop.loop, &reactor_loop.nudge);
	reactor_loop.generation++;
	reactor_loop.started = true;
	return true;
}

static void close_leftover(uv_handle_t *handle, void *arg)
{
	(void) arg;
	if (!uv_is_closing(handle)) {
		uv_close(handle, NULL);
	}
}

bool async_uv_reactor_shutdown(void)
{
	if (!reactor_loop.started) {
		return true;
	}

	async_uv_close_all_handles();
	async_uv_timer_loop_shutdown();
	async_uv_signal_request_shutdown();
	async_uv_signal_wake_request_shutdown();
	async_uv_poll_request_shutdown();
	async_uv_work_request_shutdown();

	/* Nothing of ours should be left; anything that is gets closed so the loop can close. */
	uv_walk(&reactor_loop.loop, close_leftover, NULL);
	while (uv_run(&reactor_loop.loop, UV_RUN_DEFAULT) != 0) {
	}

	int error = uv_loop_close(&reactor_loop.loop);
	ZEND_ASSERT(error == 0);
	(void) error;
	reactor_loop.started = false;
	return true;
}

static void on_nudge(uv_idle_t *idle)
{
	(void) idle;
}

bool async_uv_reactor_execute(bool no_wait)
{
	uv_loop_t *loop = async_uv_loop();
	if (!no_wait) {
		/* Signals PHP handles wake the turn; one that came before it leaves nothing to wait for:
		 * its handler waits for PHP code to run (EG(vm_interrupt)). */
		async_uv_signal_rearm();
		async_uv_signal_wake_arm();
		if (zend_atomic_bool_load_ex(&EG(vm_interrupt))) {
			no_wait = true;
		}
	}
	if (no_wait && !uv_loop_alive(loop)) {
		/* The scheduler has coroutines to run and looks in between: hidden timers (a scope's
		 * dispose timeout) are due as much as any, though they keep nothing alive. */
		uv_idle_start(&reactor_loop.nudge, on_nudge);
		uv_run(loop, UV_RUN_NOWAIT);
		uv_idle_stop(&reactor_loop.nudge);
	} else {
		uv_run(loop, no_wait ? UV_RUN_NOWAIT : UV_RUN_ONCE);
	}
	return uv_loop_alive(loop) && ZEND_ASYNC_ACTIVE_EVENT_COUNT > 0;
}

bool async_uv_reactor_loop_alive(void)
{
	return reactor_loop.started && ZEND_ASYNC_ACTIVE_EVENT_COUNT > 0 && uv_loop_alive(&reactor_loop.loop);
}
