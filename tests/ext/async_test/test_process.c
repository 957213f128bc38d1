/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: process events of the registered reactor, through the public header. */
#include "async_test.h"
#include "zend_exceptions.h"
#include "test_process_arginfo.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

const zend_function_entry *async_test_process_functions(void)
{
	return ext_functions;
}

typedef struct {
	zend_long notified;
	zend_long exit_code;
	bool done;
	bool release_in_callback;
} proc_watch_t;

#define WATCH_OF(ev) ((proc_watch_t *) ZEND_ASYNC_EVENT_EXTRA(ev))

static uint32_t pending;      /* children not yet reported, for the scenarios with many */
static bool all_reported;
static bool released_in_callback;

static void on_process_end(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	proc_watch_t *watch = WATCH_OF(event);
	(void) callback; (void) exception;

	watch->notified++;
	watch->exit_code = ((zend_async_process_event_t *) event)->exit_code;
	watch->done = true;
	if (pending > 0) {
		all_reported = --pending == 0;
	} else if (async_test_log != NULL) {
		async_test_logf("notified: exit_code %ld, result %s, closed %d", (long) watch->exit_code,
			result ? "set" : "NULL", ZEND_ASYNC_EVENT_IS_CLOSED(event));
	}
	if (watch->release_in_callback) {
		released_in_callback = true;
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

static zend_async_event_t *watch_process(pid_t pid)
{
	zend_async_process_event_t *process = ZEND_ASYNC_NEW_PROCESS_EVENT_EX(pid, sizeof(proc_watch_t));
	if (process == NULL) {
		return NULL;
	}
	memset(WATCH_OF(&process->base), 0, sizeof(proc_watch_t));
	process->base.add_callback(&process->base, ZEND_ASYNC_EVENT_CALLBACK(on_process_end));
	return &process->base;
}

/* A child that exits with `code` after `delay_ms`; with a negative code it waits to be killed. */
static pid_t fork_child(int code, int delay_ms)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (delay_ms > 0) {
			usleep((useconds_t) delay_ms * 1000);
		}
		while (code < 0) {
			pause();
		}
		_exit(code);
	}
	return pid;
}

static void reap(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
}

/* Runs the loop until *done or `ms` passed; a timer wakes the loop when nothing else would. */
static bool run_for(bool *done, zend_ulong ms)
{
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT(ms, false);
	timer->base.start(&timer->base);
	while (!*done && !ZEND_ASYNC_EVENT_IS_CLOSED(&timer->base) && !EG(exception)) {
		ZEND_ASYNC_REACTOR_EXECUTE(false);
	}
	ZEND_ASYNC_EVENT_RELEASE(&timer->base);
	return *done;
}

static void log_exception(void)
{
	zend_object *exception = EG(exception);
	zval rv;
	zval *message = zend_read_property_ex(exception->ce, exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv);
	async_test_logf("%s: %s", ZSTR_VAL(exception->ce->name), Z_STRVAL_P(message));
	zend_clear_exception();
}

#define LOG_EVENT(what, ev) async_test_logf("%s: notified %ld, exit_code %ld, closed %d, loop_ref_count %u, active %u", \
	what, (long) WATCH_OF(ev)->notified, (long) ((zend_async_process_event_t *) (ev))->exit_code, \
	ZEND_ASYNC_EVENT_IS_CLOSED(ev), (ev)->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT)

static void scenario_exit_codes(void)
{
	enum { COUNT = 50 };
	zend_async_event_t *events[COUNT];
	pid_t pids[COUNT];

	pending = COUNT;
	all_reported = false;
	for (int i = 0; i < COUNT; i++) {
		/* Some end before their event exists, some while the loop runs. */
		pids[i] = fork_child(i + 1, (i * 7) % 60);
		events[i] = watch_process(pids[i]);
		events[i]->start(events[i]);
	}
	async_test_logf("watching %d children: active %u", COUNT, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	async_test_run_until(&all_reported, 20000);

	int once = 0, matching = 0, closed = 0;
	for (int i = 0; i < COUNT; i++) {
		once += WATCH_OF(events[i])->notified == 1;
		matching += WATCH_OF(events[i])->exit_code == i + 1;
		closed += ZEND_ASYNC_EVENT_IS_CLOSED(events[i]);
		ZEND_ASYNC_EVENT_RELEASE(events[i]);
	}
	async_test_logf("%d notified once, %d with their own exit code, %d closed, active %u", once, matching, closed,
		ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	pending = 0;
	all_reported = false;
}

PHP_FUNCTION(async_test_process_scenario)
{
	zend_string *name;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();

	array_init(return_value);
	async_test_log = return_value;
	const char *s = ZSTR_VAL(name);
	zend_async_event_t *ev;
	pid_t pid;

	if (strcmp(s, "exit_codes") == 0) {
		scenario_exit_codes();
	} else if (strcmp(s, "signaled") == 0) {
		int signums[] = { SIGKILL, SIGTERM, SIGUSR1 };
		for (size_t i = 0; i < sizeof(signums) / sizeof(signums[0]); i++) {
			pid = fork_child(-1, 0);
			ev = watch_process(pid);
			ev->start(ev);
			kill(pid, signums[i]);
			if (!async_test_run_until(&WATCH_OF(ev)->done, 5000)) {
				kill(pid, SIGKILL); /* leave no child behind */
			}
			LOG_EVENT("killed", ev);
			ZEND_ASYNC_EVENT_RELEASE(ev);
		}
	} else if (strcmp(s, "zombie") == 0) {
		pid = fork_child(7, 0);
		siginfo_t info;
		waitid(P_PID, (id_t) pid, &info, WEXITED | WNOWAIT); /* ended, not reaped */
		ev = watch_process(pid);
		ev->start(ev);
		LOG_EVENT("started on a zombie", ev);
		async_test_run_until(&WATCH_OF(ev)->done, 5000);
		LOG_EVENT("after the loop", ev);
		ev->start(ev);
		LOG_EVENT("start after it closed", ev);
		ZEND_ASYNC_EVENT_RELEASE(ev);
		async_test_logf("reaped by the event: %s", waitpid(pid, NULL, WNOHANG) < 0 && errno == ECHILD ? "yes" : "no");
	} else if (strcmp(s, "echild") == 0) {
		pid = fork_child(3, 0);
		ev = watch_process(pid);
		reap(pid); /* someone else (pcntl_waitpid, say) reaps it first */
		ev->start(ev);
		LOG_EVENT("started after someone else reaped it", ev);
		async_test_run_until(&WATCH_OF(ev)->done, 5000);
		LOG_EVENT("after the loop", ev);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "esrch") == 0) {
		pid = fork_child(0, 0);
		reap(pid);
		pid_t pids[] = { pid, 0, -1, INT_MAX };
		for (size_t i = 0; i < sizeof(pids) / sizeof(pids[0]); i++) {
			ev = watch_process(pids[i]);
			if (ev != NULL) {
				async_test_logf("pid %s: accepted", i == 0 ? "of a reaped child" : "?");
				ZEND_ASYNC_EVENT_RELEASE(ev);
			} else if (EG(exception)) {
				if (i == 0) {
					/* Its number varies: say what it was instead. */
					zend_object *exception = EG(exception);
					zval rv;
					zval *message = zend_read_property_ex(exception->ce, exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv);
					zend_string *expected = zend_strpprintf(0, "Cannot watch process %ld: no such process", (long) pid);
					async_test_logf("reaped child: %s, message as expected: %s", ZSTR_VAL(exception->ce->name),
						zend_string_equals_cstr(expected, Z_STRVAL_P(message), Z_STRLEN_P(message)) ? "yes" : Z_STRVAL_P(message));
					zend_string_release(expected);
					zend_clear_exception();
				} else {
					log_exception();
				}
			}
		}
	} else if (strcmp(s, "not_child") == 0) {
		ev = watch_process(getppid());
		ev->start(ev);
		bool reported = run_for(&WATCH_OF(ev)->done, 200);
		async_test_logf("the parent process: reported within 200 ms: %s, exit_code %ld", reported ? "yes" : "no",
			(long) ((zend_async_process_event_t *) ev)->exit_code);
		ZEND_ASYNC_EVENT_RELEASE(ev);
		async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	} else if (strcmp(s, "not_child_ends") == 0) {
		/* A grandchild, orphaned at once (init reaps it): not ours to wait for, but it ends. */
		int fds[2];
		pid_t grandchild = 0;
		if (pipe(fds) != 0) {
			RETURN_THROWS();
		}
		pid = fork();
		if (pid == 0) {
			pid_t inner = fork_child(0, 100);
			(void) !write(fds[1], &inner, sizeof(inner));
			_exit(0);
		}
		(void) !read(fds[0], &grandchild, sizeof(grandchild));
		close(fds[0]);
		close(fds[1]);
		reap(pid);
		ev = watch_process(grandchild);
		ev->start(ev);
		LOG_EVENT("watching an orphaned grandchild", ev);
		async_test_run_until(&WATCH_OF(ev)->done, 5000);
		LOG_EVENT("after it ended", ev);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "dispose_while_running") == 0) {
		pid = fork_child(-1, 0);
		ev = watch_process(pid);
		ev->start(ev);
		async_test_logf("active before: %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_EVENT_RELEASE(ev);
		async_test_logf("active after release: %u, loop alive %d", ZEND_ASYNC_ACTIVE_EVENT_COUNT, ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		kill(pid, SIGKILL);
		int status = 0;
		pid_t reaped = waitpid(pid, &status, 0);
		async_test_logf("the child is still ours to reap: %s, killed by %d", reaped == pid ? "yes" : "no",
			WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		ZEND_ASYNC_REACTOR_EXECUTE(true); /* runs the close callbacks */
	} else if (strcmp(s, "dispose_in_callback") == 0) {
		pid = fork_child(5, 0);
		ev = watch_process(pid);
		WATCH_OF(ev)->release_in_callback = true;
		released_in_callback = false;
		ev->start(ev);
		/* The state lives in the event, which is gone after the callback. */
		async_test_run_until(&released_in_callback, 5000);
		async_test_logf("released from its own callback: %s, active %u", released_in_callback ? "yes" : "no",
			ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_REACTOR_EXECUTE(true);
	} else if (strcmp(s, "stop_start") == 0) {
		pid = fork_child(-1, 0);
		ev = watch_process(pid);
		ev->start(ev);
		ev->stop(ev);
		kill(pid, SIGKILL);
		LOG_EVENT("stopped, child killed", ev);
		async_test_logf("loop alive: %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		run_for(&WATCH_OF(ev)->done, 150);
		LOG_EVENT("after 150 ms stopped", ev);
		ev->start(ev);
		async_test_run_until(&WATCH_OF(ev)->done, 5000);
		LOG_EVENT("started again", ev);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "hidden") == 0) {
		pid = fork_child(9, 20);
		ev = watch_process(pid);
		ZEND_ASYNC_EVENT_SET_HIDDEN(ev);
		ev->start(ev);
		LOG_EVENT("hidden, started", ev);
		async_test_logf("loop alive: %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		run_for(&WATCH_OF(ev)->done, 5000); /* the timer keeps the loop going */
		LOG_EVENT("while a timer ran", ev);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "orphan") == 0) {
		/* Left started and never released: the end of the request must close and free it. */
		pid = fork_child(0, 200);
		ev = watch_process(pid);
		ev->start(ev);
		async_test_logf("left started: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	} else if (strcmp(s, "info") == 0) {
		pid = fork_child(-1, 0);
		ev = watch_process(pid);
		zend_string *info = ev->info(ev);
		zend_string *expected_prefix = zend_strpprintf(0, "process %ld (", (long) pid);
		if (zend_string_starts_with(info, expected_prefix)) {
			async_test_logf("info: process N %s", ZSTR_VAL(info) + ZSTR_LEN(expected_prefix) - 1);
		} else {
			async_test_logf("info: %s", ZSTR_VAL(info));
		}
		zend_string_release(info);
		zend_string_release(expected_prefix);
		ZEND_ASYNC_EVENT_RELEASE(ev);
		kill(pid, SIGKILL);
		reap(pid);
	} else {
		async_test_log = NULL;
		zend_argument_value_error(1, "is not a process scenario");
		RETURN_THROWS();
	}
	async_test_log = NULL;
}

PHP_FUNCTION(async_test_process_fork)
{
	zend_long exit_code, delay_ms = 0;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_LONG(exit_code)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(delay_ms)
	ZEND_PARSE_PARAMETERS_END();

	RETURN_LONG(fork_child((int) exit_code, (int) delay_ms));
}

PHP_FUNCTION(async_test_process_wait)
{
	zend_long pid, max_ms = 5000;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_LONG(pid)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(max_ms)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_event_t *ev = watch_process((pid_t) pid);
	if (ev == NULL) {
		RETURN_THROWS();
	}
	ev->start(ev);
	if (run_for(&WATCH_OF(ev)->done, (zend_ulong) max_ms)) {
		RETVAL_LONG(WATCH_OF(ev)->exit_code);
	} else {
		RETVAL_NULL();
	}
	ZEND_ASYNC_EVENT_RELEASE(ev);
}
