/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Waking the loop for the signals PHP code handles (pcntl_signal()).
 *
 * pcntl's handler only queues the signal (and, with pcntl_async_signals(true), raises
 * EG(vm_interrupt)); PHP code runs it at its next interrupt check or pcntl_signal_dispatch(). While
 * the loop sits in epoll_wait() no PHP code runs, and libuv restarts epoll_wait() after EINTR, so
 * the handler would wait for the next unrelated event.
 *
 * So before each blocking turn, every signal that has a PHP handler in Zend's table gets our
 * action in front of the one installed (Zend's dispatcher): in signal context it calls that action
 * first, exactly as the kernel would have, then uv_async_send() (async-signal-safe), which ends
 * the turn. PHP code that runs sees no difference (the same handler, in signal context, with the
 * real siginfo). The scheduler then lets PHP code run the pending interrupt.
 *
 * Signals with no PHP handler (SIG_DFL, SIG_IGN) are never touched: SIGINT/SIGTERM still end the
 * process as stock PHP. pcntl_signal() puts Zend's dispatcher back in the OS table (ours is gone);
 * the next blocking turn puts ours in front again. A signal a reactor signal event holds
 * (signal.c) already wakes the loop: left to libuv. At request end, ours gives way to what it
 * replaced. Needs Zend signals (the handler table); signal actions are per process, the wake
 * handle per thread: under ZTS the last thread that armed is woken.
 */
#include "reactor.h"
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#ifdef ZEND_SIGNALS
# include "zend_signal.h"
#endif

#ifdef ZEND_SIGNALS

/* Signal actions are the process's, and the handler reads these: they stay process-wide statics. */
static struct sigaction chained[NSIG];   /* what our action replaced, per signal */
static bool installed[NSIG];
static uv_async_t *volatile wake_handle;  /* NULL when no loop is there to wake */
static volatile pid_t wake_pid;           /* the process whose loop wake_handle is */

#define wakeup ASYNC_G(reactor.signal_wakeup)
#define wakeup_ready ASYNC_G(reactor.signal_wakeup_ready)

static void wake_on_signal(int signo, siginfo_t *info, void *context)
{
	int saved_errno = errno;
	const struct sigaction *previous = &chained[signo];

	if (previous->sa_flags & SA_SIGINFO) {
		previous->sa_sigaction(signo, info, context);
	} else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
		previous->sa_handler(signo);
	}
	uv_async_t *handle = wake_handle;
	/* A child made by fork() has a copy of the handle, whose descriptor is the parent's. */
	if (handle != NULL && getpid() == wake_pid) {
		uv_async_send(handle);
	}
	errno = saved_errno;
}

static void on_wakeup(uv_async_t *handle)
{
	(void) handle; /* the turn ends; the scheduler looks at what the signal left pending */
}

static bool is_ours(const struct sigaction *action)
{
	return (action->sa_flags & SA_SIGINFO) && action->sa_sigaction == wake_on_signal;
}

bool async_uv_signal_wake_unwrap(int signo, struct sigaction *action)
{
	if (signo <= 0 || signo >= NSIG || !is_ours(action)) {
		return false;
	}
	*action = chained[signo];
	return true;
}

static void put_in_front(int signo, const struct sigaction *now)
{
	sigset_t block, old_mask;
	sigemptyset(&block);
	sigaddset(&block, signo);
	sigprocmask(SIG_BLOCK, &block, &old_mask);

	chained[signo] = *now;
	struct sigaction ours = *now;
	ours.sa_flags |= SA_SIGINFO;
	ours.sa_flags &= ~SA_RESETHAND; /* the action we call decides what a delivery resets */
	ours.sa_sigaction = wake_on_signal;
	if (sigaction(signo, &ours, NULL) == 0) {
		installed[signo] = true;
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
}

void async_uv_signal_wake_arm(void)
{
	if (!SIGG(active)) {
		return;
	}
	for (int signo = 1; signo < NSIG; signo++) {
		void *handler = SIGG(handlers)[signo - 1].handler;
		/* SIGPROF is Zend's own timer (max_execution_time); it counts CPU time, never a wait. */
		if (handler == (void *) SIG_DFL || handler == (void *) SIG_IGN || signo == SIGPROF) {
			continue;
		}
		if (async_uv_signal_is_held(signo)) {
			continue;
		}
		struct sigaction now;
		if (sigaction(signo, NULL, &now) != 0 || is_ours(&now)
				|| now.sa_handler == SIG_DFL || now.sa_handler == SIG_IGN) {
			continue;
		}
		if (!wakeup_ready) {
			uv_async_init(async_uv_loop(), &wakeup, on_wakeup); /* cannot fail on Linux */
			uv_unref((uv_handle_t *) &wakeup);
			wakeup_ready = true;
		}
		wake_pid = getpid();
		wake_handle = &wakeup;
		put_in_front(signo, &now);
	}
}

static void on_wakeup_closed(uv_handle_t *handle)
{
	(void) handle;
}

void async_uv_signal_wake_request_shutdown(void)
{
	for (int signo = 1; signo < NSIG; signo++) {
		if (!installed[signo]) {
			continue;
		}
		installed[signo] = false;
		struct sigaction now;
		if (sigaction(signo, NULL, &now) == 0 && is_ours(&now)) {
			sigaction(signo, &chained[signo], NULL);
		}
	}
	if (wakeup_ready) {
		wake_handle = NULL;
		uv_close((uv_handle_t *) &wakeup, on_wakeup_closed);
		wakeup_ready = false;
	}
}

#else /* !ZEND_SIGNALS: pcntl's handlers are in the OS table and cannot be told from others */

bool async_uv_signal_wake_unwrap(int signo, struct sigaction *action)
{
	(void) signo;
	(void) action;
	return false;
}

void async_uv_signal_wake_arm(void)
{
}

void async_uv_signal_wake_request_shutdown(void)
{
}

#endif
