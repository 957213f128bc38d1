/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Signal events: every started event for a signal is notified on each delivery (multi-shot,
 * result NULL, never closes by itself).
 *
 * One uv_signal_t per signal and request (a "slot") is shared by all the events for that
 * signal: it runs while at least one of them is started and fans each delivery out to the
 * started ones, in the order they were started. A callback may stop, start or dispose any of
 * them during the fan-out: a stopped event leaves a hole that is skipped and swept afterwards,
 * and an event started meanwhile waits for the next delivery. Nothing is allocated per delivery.
 *
 * libuv installs its own handler in place of whatever the process had and leaves SIG_DFL
 * behind when it lets go. So the slot saves the action it replaces when it starts and puts it
 * back exactly when its last event stops (or at request end), and meanwhile passes each
 * delivery on to the handler that was there: called from the loop callback, not in signal
 * context, with a zeroed siginfo_t that has si_signo set for SA_SIGINFO handlers. A default
 * action is never passed on (catching the signal is the point), nor an ignored signal.
 *
 * With Zend signals, PHP's own handlers (pcntl_signal, the timeout) are not in the OS table:
 * Zend installs one dispatcher there and keeps the handlers in its own table, where SIG_DFL
 * makes the dispatcher kill the process. When the saved action is that dispatcher, the handler
 * in Zend's table is called instead. The dispatcher is not exported; it is recognised as the
 * action Zend installs for its timeout signal (SIGPROF) at every request start.
 *
 * Signals are per process: an event of one thread's loop under ZTS sees only the deliveries
 * libuv gives that loop, and pcntl_signal() called while an event is started takes the signal
 * back from libuv until the event's last stop restores what was saved before.
 */
#include "reactor.h"
#include <signal.h>
#ifdef ZEND_SIGNALS
# include "zend_signal.h"
#endif

typedef struct {
	zend_async_signal_event_t event; /* the ABI struct first */
	async_uv_event_t common;
	bool keeps_loop_alive;           /* not hidden when it was started */
} async_uv_signal_t;

typedef struct _signal_slot_s {
	uv_signal_t handle;
	int signum;
	async_uv_signal_t **armed;          /* started events; NULL holes during a fan-out */
	uint32_t length;                 /* used entries of `armed`, holes included */
	uint32_t capacity;
	uint32_t started;                /* entries that are not holes */
	uint32_t visible;                /* started events that keep the loop alive */
	uint32_t delivering;             /* fan-outs in progress (a callback may run the loop) */
	bool running;                    /* uv_signal_start'ed */
	bool has_saved;                  /* `saved` is to be put back */
	struct sigaction saved;
	struct sigaction uv_action;      /* libuv's, as it installed it: what a re-arm puts back */
} signal_slot_t;

#define slots ASYNC_G(reactor.signal_slots)

#define SIGNAL_OF(ev) ((async_uv_signal_t *) (ev))

/* ---- what was there before ---- */

#ifdef ZEND_SIGNALS
static bool is_zend_dispatcher(const struct sigaction *action)
{
	struct sigaction timeout_action;
	const signal_slot_t *prof = slots[SIGPROF];

	if (prof != NULL && prof->running) {
		if (!prof->has_saved) {
			return false;
		}
		timeout_action = prof->saved;
	} else if (sigaction(SIGPROF, NULL, &timeout_action) != 0) {
		return false;
	}
	return (action->sa_flags & SA_SIGINFO) && (timeout_action.sa_flags & SA_SIGINFO)
		&& action->sa_sigaction == timeout_action.sa_sigaction;
}
#endif

/* Calls the handler the slot replaced, if there is one to call. */
static void pass_on(signal_slot_t *slot)
{
	if (!slot->has_saved) {
		return;
	}
	struct sigaction previous = slot->saved;
	bool from_zend = false;

	async_uv_signal_wake_unwrap(slot->signum, &previous); /* signal_wake.c's, in front of Zend's */

#ifdef ZEND_SIGNALS
	if (SIGG(active) && is_zend_dispatcher(&previous)) {
		zend_sigaction(slot->signum, NULL, &previous);
		from_zend = true;
	}
#endif
	if (previous.sa_handler == SIG_DFL || previous.sa_handler == SIG_IGN) {
		return;
	}
	if (previous.sa_flags & SA_SIGINFO) {
		siginfo_t info;
		memset(&info, 0, sizeof(info));
		info.si_signo = slot->signum;
		previous.sa_sigaction(slot->signum, &info, NULL);
	} else {
		previous.sa_handler(slot->signum);
	}
	if (!from_zend && (previous.sa_flags & SA_RESETHAND)) {
		/* What the kernel would have done after the first delivery. */
		slot->saved.sa_handler = SIG_DFL;
		slot->saved.sa_flags &= ~(SA_RESETHAND | SA_SIGINFO);
	}
}

/* ---- the slot ---- */

static void on_signal(uv_signal_t *handle, int signum)
{
	signal_slot_t *slot = handle->data;
	(void) signum;

	pass_on(slot);

	slot->delivering++;
	uint32_t length = slot->length; /* events started from a callback wait for the next one */
	for (uint32_t i = 0; i < length && !EG(exception); i++) {
		async_uv_signal_t *sig = slot->armed[i];
		if (sig != NULL) {
			ASYNC_UV_NOTIFY(&sig->event.base, NULL, NULL);
		}
	}
	slot->delivering--;

	if (slot->delivering == 0 && slot->started < slot->length) {
		uint32_t kept = 0;
		for (uint32_t i = 0; i < slot->length; i++) {
			if (slot->armed[i] != NULL) {
				slot->armed[kept++] = slot->armed[i];
			}
		}
		slot->length = kept;
	}
}

static signal_slot_t *slot_for(int signum)
{
	if (slots[signum] == NULL) {
		signal_slot_t *slot = ecalloc(1, sizeof(signal_slot_t));
		slot->signum = signum;
		uv_signal_init(async_uv_loop(), &slot->handle); /* cannot fail on Unix */
		slot->handle.data = slot;
		uv_unref((uv_handle_t *) &slot->handle);
		slots[signum] = slot;
	}
	return slots[signum];
}

static int slot_start(signal_slot_t *slot)
{
	struct sigaction before, after;

	sigaction(slot->signum, NULL, &before);
	int error = uv_signal_start(&slot->handle, on_signal, slot->signum);
	if (error < 0) {
		return error;
	}
	slot->running = true;
	sigaction(slot->signum, NULL, &after);
	slot->uv_action = after;
	/* Unchanged: libuv already had the signal for another handle, and will keep it. */
	if (!slot->has_saved && before.sa_handler != after.sa_handler) {
		slot->saved = before;
		slot->has_saved = true;
	}
	return 0;
}

static void slot_stop(signal_slot_t *slot)
{
	sigset_t block, old_mask;
	sigemptyset(&block);
	sigaddset(&block, slot->signum);

	/* No delivery between libuv's SIG_DFL and the restored action. */
	sigprocmask(SIG_BLOCK, &block, &old_mask);
	uv_signal_stop(&slot->handle);
	slot->running = false;
	if (slot->has_saved) {
		struct sigaction now;
		sigaction(slot->signum, NULL, &now);
		/* Otherwise another libuv handle still needs libuv's handler: restore at request end. */
		if (now.sa_handler == SIG_DFL) {
			sigaction(slot->signum, &slot->saved, NULL);
			slot->has_saved = false;
		}
	}
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
}

bool async_uv_signal_is_held(int signum)
{
	return signum > 0 && signum < NSIG && slots[signum] != NULL && slots[signum]->running;
}

/* pcntl_signal() while a slot runs puts Zend's dispatcher in the OS table, and libuv hears the
 * signal no more (nor does libuv's child watcher, for SIGCHLD). Before the loop blocks, each running
 * slot takes the signal back: what pcntl_signal() installed becomes the action passed on to (and
 * put back at the last stop), so both the events and the PHP handler see the next delivery. */
void async_uv_signal_rearm(void)
{
	for (int signum = 1; signum < NSIG; signum++) {
		signal_slot_t *slot = slots[signum];
		if (slot == NULL || !slot->running) {
			continue;
		}
		struct sigaction now;
		if (sigaction(signum, NULL, &now) != 0 || now.sa_handler == slot->uv_action.sa_handler) {
			continue;
		}
		sigset_t block, old_mask;
		sigemptyset(&block);
		sigaddset(&block, signum);
		sigprocmask(SIG_BLOCK, &block, &old_mask);
		slot->saved = now;
		slot->has_saved = true;
		sigaction(signum, &slot->uv_action, NULL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
	}
}

static void slot_sync_ref(signal_slot_t *slot)
{
	if (slot->visible > 0) {
		uv_ref((uv_handle_t *) &slot->handle);
	} else {
		uv_unref((uv_handle_t *) &slot->handle);
	}
}

static int slot_add(signal_slot_t *slot, async_uv_signal_t *sig)
{
	if (!slot->running) {
		int error = slot_start(slot);
		if (error < 0) {
			return error;
		}
	}
	ASYNC_ARRAY_RESERVE(slot->armed, slot->length, slot->capacity, 4);
	slot->armed[slot->length++] = sig;
	slot->started++;
	slot->visible += sig->keeps_loop_alive;
	slot_sync_ref(slot);
	return 0;
}

static void slot_remove(signal_slot_t *slot, async_uv_signal_t *sig)
{
	uint32_t i = 0;
	while (i < slot->length && slot->armed[i] != sig) {
		i++;
	}
	if (i == slot->length) {
		return;
	}
	if (slot->delivering > 0) {
		slot->armed[i] = NULL;
	} else {
		memmove(&slot->armed[i], &slot->armed[i + 1], (slot->length - i - 1) * sizeof(*slot->armed));
		slot->length--;
	}
	slot->started--;
	slot->visible -= sig->keeps_loop_alive;
	if (slot->started == 0) {
		slot_stop(slot);
	}
	slot_sync_ref(slot);
}

static void on_slot_closed(uv_handle_t *handle)
{
	signal_slot_t *slot = handle->data;
	if (slot->armed != NULL) {
		efree(slot->armed);
	}
	efree(slot);
}

void async_uv_signal_request_shutdown(void)
{
	for (int signum = 1; signum < NSIG; signum++) {
		signal_slot_t *slot = slots[signum];
		if (slot == NULL) {
			continue;
		}
		/* Each stop takes its event out of the slot; the last one stops the slot. */
		for (uint32_t i = slot->length; i-- > 0;) {
			async_uv_signal_t *sig = slot->armed[i];
			if (sig != NULL) {
				async_event_stop_all(&sig->event.base);
			}
		}
		if (slot->running) {
			slot_stop(slot);
		}
		if (slot->has_saved) {
			sigaction(signum, &slot->saved, NULL);
		}
		uv_close((uv_handle_t *) &slot->handle, on_slot_closed);
		slots[signum] = NULL;
	}
}

/* ---- the event ---- */

static bool signal_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_signal_t *sig = SIGNAL_OF(event);

	if (!async_uv_loop_started()) {
		zend_throw_error(NULL, "Cannot start a signal event after the event loop has shut down");
		return false;
	}
	sig->keeps_loop_alive = !ZEND_ASYNC_EVENT_IS_HIDDEN(event);
	int error = slot_add(slot_for(sig->event.signal), sig);
	if (error < 0) {
		async_uv_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, error, "Cannot start the signal event");
		return false;
	}
	EVENT_START_EPILOGUE(event);
	return true;
}

static bool signal_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	async_uv_signal_t *sig = SIGNAL_OF(event);
	if (slots[sig->event.signal] != NULL) {
		slot_remove(slots[sig->event.signal], sig);
	}
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static void signal_free_memory(zend_async_event_t *event)
{
	efree(event);
}

static bool signal_dispose(zend_async_event_t *event)
{
	return async_uv_event_dispose(event, &SIGNAL_OF(event)->common);
}

static zend_string *signal_info(zend_async_event_t *event)
{
	return zend_strpprintf(0, "signal %d", SIGNAL_OF(event)->event.signal);
}

/* Why the signal cannot be watched, or NULL. */
static const char *uncatchable(int signum)
{
	struct sigaction action;
	if (signum <= 0 || signum >= NSIG) {
		return "no such signal";
	}
	if (signum == SIGKILL || signum == SIGSTOP) {
		return "SIGKILL and SIGSTOP cannot be caught";
	}
	if (sigaction(signum, NULL, &action) != 0) {
		return "reserved by the C library";
	}
	return NULL;
}

static const async_uv_event_ops_t signal_ops = {signal_start, signal_stop, signal_dispose, signal_info};

zend_async_signal_event_t *async_uv_new_signal_event(int signum, size_t extra_size)
{
	async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}
	const char *reason = uncatchable(signum);
	if (reason != NULL) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_DEFAULT, "Cannot watch signal %d: %s", signum, reason);
		return NULL;
	}

	async_uv_signal_t *sig = ecalloc(1, sizeof(async_uv_signal_t) + extra_size);
	zend_async_event_t *base = &sig->event.base;

	async_uv_event_setup(base, sizeof(async_uv_signal_t), &signal_ops);
	sig->event.signal = signum;

	async_uv_event_init(&sig->common, base, NULL, signal_free_memory);
	return &sig->event;
}
