/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: signal events of the registered reactor, through the public header. */
#include "async_test.h"
#include "zend_exceptions.h"
#include "test_signal_arginfo.h"
#include <signal.h>
#include <unistd.h>

const zend_function_entry *async_test_signal_functions(void)
{
	return ext_functions;
}

typedef struct {
	char name;
	zend_long count;
	zend_long target;                /* `reached` once count gets there */
	bool reached;
	zend_async_event_t *stop_other;  /* what the callback does on its first delivery */
	zend_async_event_t *start_other;
	zend_async_event_t *release_other;
	bool release_self;
} watch_t;

#define WATCH_OF(ev) ((watch_t *) ZEND_ASYNC_EVENT_EXTRA(ev))

static void on_delivery(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	watch_t *watch = WATCH_OF(event);
	(void) callback;

	watch->count++;
	watch->reached = watch->count >= watch->target;
	if (async_test_log != NULL && watch->name != 0) {
		async_test_logf("%c notified (%ld), result %s, exception %s", watch->name, (long) watch->count,
			result ? "set" : "NULL", exception ? "set" : "NULL");
	}
	if (watch->stop_other != NULL) {
		async_test_logf("%c stops %c", watch->name, WATCH_OF(watch->stop_other)->name);
		watch->stop_other->stop(watch->stop_other);
		watch->stop_other = NULL;
	}
	if (watch->start_other != NULL) {
		async_test_logf("%c starts %c", watch->name, WATCH_OF(watch->start_other)->name);
		watch->start_other->start(watch->start_other);
		watch->start_other = NULL;
	}
	if (watch->release_other != NULL) {
		async_test_logf("%c releases %c", watch->name, WATCH_OF(watch->release_other)->name);
		ZEND_ASYNC_EVENT_RELEASE(watch->release_other);
		watch->release_other = NULL;
	}
	if (watch->release_self) {
		async_test_logf("%c releases itself", watch->name);
		watch->release_self = false;
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

static zend_async_event_t *new_watch(int signum, char name)
{
	zend_async_signal_event_t *signal_event = ZEND_ASYNC_NEW_SIGNAL_EVENT_EX(signum, sizeof(watch_t));
	if (signal_event == NULL) {
		return NULL;
	}
	zend_async_event_t *event = &signal_event->base;
	memset(WATCH_OF(event), 0, sizeof(watch_t));
	WATCH_OF(event)->name = name;
	WATCH_OF(event)->target = 1;
	event->add_callback(event, ZEND_ASYNC_EVENT_CALLBACK(on_delivery));
	return event;
}

/* Sends the signal and runs the loop until `event` has had one more delivery. */
static bool deliver(int signum, zend_async_event_t *event)
{
	WATCH_OF(event)->target = WATCH_OF(event)->count + 1;
	WATCH_OF(event)->reached = false;
	kill(getpid(), signum);
	return async_test_run_until(&WATCH_OF(event)->reached, 5000);
}

typedef struct {
	void (*handler)(int);
	int flags;
	sigset_t mask;
} action_t;

#ifndef SA_RESTORER
# define SA_RESTORER 0x04000000
#endif

/* What sigaction(2) reports. glibc adds SA_RESTORER (its return trampoline) to every action it
 * sets, SIG_DFL included, so that flag does not count; and only the signals in sa_mask count,
 * as the bytes of sigset_t beyond the kernel's 64 signals are whatever glibc's stack held. */
static action_t action_of(int signum)
{
	struct sigaction sa;
	action_t action;
	memset(&action, 0, sizeof(action));
	sigaction(signum, NULL, &sa);
	action.handler = sa.sa_handler;
	action.flags = sa.sa_flags & ~SA_RESTORER;
	sigemptyset(&action.mask);
	for (int i = 1; i < NSIG; i++) {
		if (sigismember(&sa.sa_mask, i) == 1) {
			sigaddset(&action.mask, i);
		}
	}
	return action;
}

static bool same_action(const action_t *a, const action_t *b)
{
	if (a->handler != b->handler || a->flags != b->flags) {
		return false;
	}
	for (int i = 1; i < NSIG; i++) {
		if (sigismember(&a->mask, i) != sigismember(&b->mask, i)) {
			return false;
		}
	}
	return true;
}

static const char *describe_action(int signum)
{
	action_t action = action_of(signum);
	if (action.handler == SIG_DFL) {
		return "default";
	}
	if (action.handler == SIG_IGN) {
		return "ignore";
	}
	return "a handler";
}

static void log_exception(void)
{
	zend_object *exception = EG(exception);
	zval rv;
	zval *message = zend_read_property_ex(exception->ce, exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv);
	async_test_logf("%s: %s", ZSTR_VAL(exception->ce->name), Z_STRVAL_P(message));
	zend_clear_exception();
}

/* ---- a raw (non-Zend) handler, to see the chaining to foreign handlers ---- */

static volatile sig_atomic_t raw_calls = 0;
static volatile sig_atomic_t raw_signo = 0;

static void raw_siginfo_handler(int signum, siginfo_t *info, void *context)
{
	(void) context;
	raw_calls++;
	raw_signo = info != NULL ? info->si_signo : -signum;
}

static void raw_plain_handler(int signum)
{
	raw_calls++;
	raw_signo = signum;
}

static void scenario_chain_raw(int signum, bool with_siginfo)
{
	struct sigaction raw, original;
	memset(&raw, 0, sizeof(raw));
	if (with_siginfo) {
		raw.sa_sigaction = raw_siginfo_handler;
		raw.sa_flags = SA_SIGINFO;
	} else {
		raw.sa_handler = raw_plain_handler;
	}
	sigemptyset(&raw.sa_mask);
	sigaction(signum, &raw, &original);
	raw_calls = 0;
	raw_signo = 0;

	action_t before = action_of(signum);
	zend_async_event_t *ev = new_watch(signum, 'A');
	ev->start(ev);
	async_test_logf("delivered: %s", deliver(signum, ev) ? "yes" : "no");
	async_test_logf("raw %s handler called from the loop: %d time(s), si_signo %d", with_siginfo ? "SA_SIGINFO" : "plain",
		(int) raw_calls, (int) raw_signo);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	action_t after = action_of(signum);
	async_test_logf("raw handler restored exactly: %s", same_action(&before, &after) ? "yes" : "no");
	kill(getpid(), signum);
	async_test_logf("delivered by the kernel after the release: %d call(s)", (int) raw_calls);
	sigaction(signum, &original, NULL);
}

PHP_FUNCTION(async_test_signal_scenario)
{
	zend_string *name;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();

	array_init(return_value);
	async_test_log = return_value;
	const char *s = ZSTR_VAL(name);

	if (strcmp(s, "two_events") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR1, 'A'), *b = new_watch(SIGUSR1, 'B');
		a->start(a);
		b->start(b);
		async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		for (int round = 1; round <= 3; round++) {
			async_test_logf("round %d delivered: %s", round, deliver(SIGUSR1, b) ? "yes" : "no");
		}
		async_test_logf("A %ld, B %ld, closed %d %d", (long) WATCH_OF(a)->count, (long) WATCH_OF(b)->count,
			ZEND_ASYNC_EVENT_IS_CLOSED(a), ZEND_ASYNC_EVENT_IS_CLOSED(b));
		ZEND_ASYNC_EVENT_RELEASE(a);
		ZEND_ASYNC_EVENT_RELEASE(b);
		async_test_logf("active after release %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	} else if (strcmp(s, "stop_one") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR1, 'A'), *b = new_watch(SIGUSR1, 'B');
		a->start(a);
		b->start(b);
		a->stop(a);
		async_test_logf("A stopped: loop_ref_count %u, active %u", a->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		async_test_logf("delivered to B: %s", deliver(SIGUSR1, b) ? "yes" : "no");
		b->stop(b);
		async_test_logf("both stopped: loop alive %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		a->start(a);
		async_test_logf("A started again, delivered: %s", deliver(SIGUSR1, a) ? "yes" : "no");
		async_test_logf("A %ld, B %ld", (long) WATCH_OF(a)->count, (long) WATCH_OF(b)->count);
		ZEND_ASYNC_EVENT_RELEASE(a);
		ZEND_ASYNC_EVENT_RELEASE(b);
	} else if (strcmp(s, "restart") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR2, 'A');
		for (int round = 1; round <= 3; round++) {
			a->start(a);
			async_test_logf("start %d delivered: %s", round, deliver(SIGUSR2, a) ? "yes" : "no");
			a->stop(a);
		}
		async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_EVENT_RELEASE(a);
	} else if (strcmp(s, "nested_start") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR1, 'A');
		a->start(a);
		a->start(a);
		a->stop(a);
		async_test_logf("two starts, one stop: loop_ref_count %u, active %u", a->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		async_test_logf("delivered: %s", deliver(SIGUSR1, a) ? "yes" : "no");
		a->stop(a);
		async_test_logf("second stop: loop_ref_count %u, active %u", a->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_EVENT_RELEASE(a);
	} else if (strcmp(s, "fanout_stop_other") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR1, 'A'), *b = new_watch(SIGUSR1, 'B'), *c = new_watch(SIGUSR1, 'C');
		a->start(a);
		b->start(b);
		c->start(c);
		WATCH_OF(a)->stop_other = b;
		async_test_logf("first delivered: %s", deliver(SIGUSR1, c) ? "yes" : "no");
		async_test_logf("second delivered: %s", deliver(SIGUSR1, c) ? "yes" : "no");
		async_test_logf("A %ld, B %ld, C %ld", (long) WATCH_OF(a)->count, (long) WATCH_OF(b)->count, (long) WATCH_OF(c)->count);
		ZEND_ASYNC_EVENT_RELEASE(a);
		ZEND_ASYNC_EVENT_RELEASE(b);
		ZEND_ASYNC_EVENT_RELEASE(c);
	} else if (strcmp(s, "fanout_start_other") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR1, 'A'), *b = new_watch(SIGUSR1, 'B');
		a->start(a);
		WATCH_OF(a)->start_other = b;
		async_test_logf("first delivered: %s", deliver(SIGUSR1, a) ? "yes" : "no");
		async_test_logf("second delivered: %s", deliver(SIGUSR1, b) ? "yes" : "no");
		async_test_logf("A %ld, B %ld", (long) WATCH_OF(a)->count, (long) WATCH_OF(b)->count);
		ZEND_ASYNC_EVENT_RELEASE(a);
		ZEND_ASYNC_EVENT_RELEASE(b);
	} else if (strcmp(s, "dispose_in_callback") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR1, 'A'), *b = new_watch(SIGUSR1, 'B');
		a->start(a);
		b->start(b);
		WATCH_OF(a)->release_self = true;
		async_test_logf("delivered: %s", deliver(SIGUSR1, b) ? "yes" : "no");
		async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		async_test_logf("B alone delivered: %s", deliver(SIGUSR1, b) ? "yes" : "no");
		ZEND_ASYNC_EVENT_RELEASE(b);
		async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	} else if (strcmp(s, "dispose_other_in_callback") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR1, 'A'), *b = new_watch(SIGUSR1, 'B'), *c = new_watch(SIGUSR1, 'C');
		a->start(a);
		b->start(b);
		c->start(c);
		WATCH_OF(a)->release_other = b; /* its only reference: b is freed in the middle of the fan-out */
		async_test_logf("delivered: %s", deliver(SIGUSR1, c) ? "yes" : "no");
		async_test_logf("again: %s", deliver(SIGUSR1, c) ? "yes" : "no");
		async_test_logf("A %ld, C %ld, active %u", (long) WATCH_OF(a)->count, (long) WATCH_OF(c)->count,
			ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_EVENT_RELEASE(a);
		ZEND_ASYNC_EVENT_RELEASE(c);
	} else if (strcmp(s, "dispose_while_started") == 0) {
		action_t before = action_of(SIGUSR2);
		zend_async_event_t *a = new_watch(SIGUSR2, 'A');
		ZEND_ASYNC_EVENT_ADD_REF(a); /* two owners */
		a->start(a);
		action_t during = action_of(SIGUSR2);
		async_test_logf("started: active %u, action replaced: %s", ZEND_ASYNC_ACTIVE_EVENT_COUNT,
			same_action(&before, &during) ? "no" : "yes");
		ZEND_ASYNC_EVENT_RELEASE(a);
		async_test_logf("first owner released: loop_ref_count %u, active %u", a->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_EVENT_RELEASE(a);
		action_t after = action_of(SIGUSR2);
		async_test_logf("last owner released: active %u, loop alive %d, action restored: %s", ZEND_ASYNC_ACTIVE_EVENT_COUNT,
			ZEND_ASYNC_REACTOR_LOOP_ALIVE(), same_action(&before, &after) ? "yes" : "no");
	} else if (strcmp(s, "hidden") == 0) {
		zend_async_event_t *a = new_watch(SIGUSR1, 'A');
		ZEND_ASYNC_EVENT_SET_HIDDEN(a);
		a->start(a);
		async_test_logf("hidden started: loop_ref_count %u, active %u, loop alive %d", a->loop_ref_count,
			ZEND_ASYNC_ACTIVE_EVENT_COUNT, ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		/* It does not keep the loop running, but is notified while something else does. */
		zend_async_event_t *b = new_watch(SIGUSR2, 'B');
		b->start(b);
		kill(getpid(), SIGUSR1);
		async_test_logf("visible one delivered: %s", deliver(SIGUSR2, b) ? "yes" : "no");
		async_test_logf("hidden one notified: %ld", (long) WATCH_OF(a)->count);
		ZEND_ASYNC_EVENT_RELEASE(b);
		ZEND_ASYNC_EVENT_RELEASE(a);
	} else if (strcmp(s, "many") == 0) {
		enum { COUNT = 100 };
		zend_async_event_t *events[COUNT];
		action_t before = action_of(SIGUSR2);
		for (int i = 0; i < COUNT; i++) {
			events[i] = new_watch(SIGUSR2, 0);
			events[i]->start(events[i]);
		}
		async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		for (int round = 1; round <= 2; round++) {
			deliver(SIGUSR2, events[COUNT - 1]);
			int notified = 0;
			for (int i = 0; i < COUNT; i++) {
				notified += WATCH_OF(events[i])->count == round;
			}
			async_test_logf("round %d: %d of %d notified", round, notified, COUNT);
		}
		for (int i = 0; i < COUNT; i++) {
			ZEND_ASYNC_EVENT_RELEASE(events[i]);
		}
		action_t after = action_of(SIGUSR2);
		async_test_logf("all released: active %u, action restored: %s", ZEND_ASYNC_ACTIVE_EVENT_COUNT,
			same_action(&before, &after) ? "yes" : "no");
	} else if (strcmp(s, "signals") == 0) {
		static const struct { int signum; const char *name; } signals[] = {
			{SIGINT, "SIGINT"}, {SIGTERM, "SIGTERM"}, {SIGHUP, "SIGHUP"}, {SIGQUIT, "SIGQUIT"},
			{SIGUSR1, "SIGUSR1"}, {SIGUSR2, "SIGUSR2"}, {SIGWINCH, "SIGWINCH"}, {SIGALRM, "SIGALRM"},
			{SIGCHLD, "SIGCHLD"}, {SIGPIPE, "SIGPIPE"}, {SIGCONT, "SIGCONT"},
		};
		for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
			int signum = signals[i].signum;
			action_t before = action_of(signum);
			const char *described = describe_action(signum);
			zend_async_event_t *ev = new_watch(signum, 0);
			ev->start(ev);
			bool delivered = deliver(signum, ev);
			ZEND_ASYNC_EVENT_RELEASE(ev);
			action_t after = action_of(signum);
			async_test_logf("%s (before: %s): delivered %s, action restored %s", signals[i].name, described,
				delivered ? "yes" : "no", same_action(&before, &after) ? "yes" : "no");
		}
	} else if (strcmp(s, "restore") == 0) {
		/* SIGUSR1 is Zend's (its dispatcher), SIGPIPE ignored by the CLI, SIGWINCH the default. */
		int signums[] = { SIGUSR1, SIGPIPE, SIGWINCH };
		for (size_t i = 0; i < sizeof(signums) / sizeof(signums[0]); i++) {
			action_t before = action_of(signums[i]);
			zend_async_event_t *a = new_watch(signums[i], 'A'), *b = new_watch(signums[i], 'B');
			a->start(a);
			b->start(b);
			action_t during = action_of(signums[i]);
			a->stop(a);
			action_t one_left = action_of(signums[i]);
			b->stop(b);
			action_t after = action_of(signums[i]);
			async_test_logf("signal %d (%s): replaced while started %s, kept while one is started %s, restored exactly %s",
				signums[i], before.handler == SIG_DFL ? "default" : before.handler == SIG_IGN ? "ignore" : "a handler",
				same_action(&before, &during) ? "no" : "yes", same_action(&during, &one_left) ? "yes" : "no",
				same_action(&before, &after) ? "yes" : "no");
			ZEND_ASYNC_EVENT_RELEASE(a);
			ZEND_ASYNC_EVENT_RELEASE(b);
		}
	} else if (strcmp(s, "chain_raw") == 0) {
		scenario_chain_raw(SIGUSR2, true);
		scenario_chain_raw(SIGWINCH, false);
	} else if (strcmp(s, "invalid") == 0) {
		int signums[] = { 0, -1, 65, 1000, SIGKILL, SIGSTOP, 32 };
		for (size_t i = 0; i < sizeof(signums) / sizeof(signums[0]); i++) {
			zend_async_signal_event_t *ev = ZEND_ASYNC_NEW_SIGNAL_EVENT(signums[i]);
			if (ev != NULL) {
				async_test_logf("signal %d: accepted", signums[i]);
				ZEND_ASYNC_EVENT_RELEASE(&ev->base);
			} else if (EG(exception)) {
				log_exception();
			} else {
				async_test_logf("signal %d: NULL without an exception", signums[i]);
			}
		}
	} else {
		async_test_log = NULL;
		zend_argument_value_error(1, "is not a signal scenario");
		RETURN_THROWS();
	}
	async_test_log = NULL;
}

/* ---- events driven from PHP, to mix with pcntl_signal and posix_kill ---- */

#define MAX_WATCHES 64
static zend_async_event_t *watches[MAX_WATCHES];

static zend_async_event_t *watch_by_id(zend_long id)
{
	if (id < 0 || id >= MAX_WATCHES || watches[id] == NULL) {
		zend_argument_value_error(1, "is not a signal event id");
		return NULL;
	}
	return watches[id];
}

PHP_FUNCTION(async_test_signal_watch)
{
	zend_long signum;
	bool hidden = false;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_LONG(signum)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(hidden)
	ZEND_PARSE_PARAMETERS_END();

	zend_long id = 0;
	while (id < MAX_WATCHES && watches[id] != NULL) {
		id++;
	}
	if (id == MAX_WATCHES) {
		zend_throw_error(NULL, "Too many signal events");
		RETURN_THROWS();
	}
	zend_async_event_t *event = new_watch((int) signum, 0);
	if (event == NULL) {
		RETURN_THROWS();
	}
	if (hidden) {
		ZEND_ASYNC_EVENT_SET_HIDDEN(event);
	}
	if (!event->start(event)) {
		ZEND_ASYNC_EVENT_RELEASE(event);
		RETURN_THROWS();
	}
	watches[id] = event;
	RETURN_LONG(id);
}

PHP_FUNCTION(async_test_signal_run)
{
	zend_long id, count, max_ms = 5000;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_LONG(id)
		Z_PARAM_LONG(count)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(max_ms)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_event_t *event = watch_by_id(id);
	if (event == NULL) {
		RETURN_THROWS();
	}
	WATCH_OF(event)->target = count;
	WATCH_OF(event)->reached = WATCH_OF(event)->count >= count;
	RETURN_BOOL(async_test_run_until(&WATCH_OF(event)->reached, max_ms));
}

PHP_FUNCTION(async_test_signal_count)
{
	zend_long id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(id)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_event_t *event = watch_by_id(id);
	if (event == NULL) {
		RETURN_THROWS();
	}
	RETURN_LONG(WATCH_OF(event)->count);
}

PHP_FUNCTION(async_test_signal_start)
{
	zend_long id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(id)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_event_t *event = watch_by_id(id);
	if (event != NULL) {
		event->start(event);
	}
}

PHP_FUNCTION(async_test_signal_stop)
{
	zend_long id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(id)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_event_t *event = watch_by_id(id);
	if (event != NULL) {
		event->stop(event);
	}
}

PHP_FUNCTION(async_test_signal_release)
{
	zend_long id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(id)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_event_t *event = watch_by_id(id);
	if (event != NULL) {
		watches[id] = NULL;
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

PHP_FUNCTION(async_test_signal_raise)
{
	zend_long signum;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(signum)
	ZEND_PARSE_PARAMETERS_END();

	kill(getpid(), (int) signum);
}

PHP_FUNCTION(async_test_signal_action)
{
	zend_long signum;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(signum)
	ZEND_PARSE_PARAMETERS_END();

	action_t action = action_of((int) signum);
	uint64_t mask = 0;
	for (int i = 1; i < NSIG && i <= 64; i++) {
		if (sigismember(&action.mask, i) == 1) {
			mask |= UINT64_C(1) << (i - 1);
		}
	}
	RETURN_STR(zend_strpprintf(0, "%s: handler %p, flags %#x, mask %#" PRIx64, describe_action((int) signum),
		(void *) action.handler, (unsigned) action.flags, mask));
}
