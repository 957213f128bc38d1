/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: exec events and ZEND_ASYNC_EXEC of the registered reactor, through the public header. */
#include "async_test.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "test_exec_arginfo.h"
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const zend_function_entry *async_test_exec_functions(void)
{
	return ext_functions;
}

static const struct {
	const char *name;
	zend_async_exec_mode mode;
} modes[] = {
	{"exec", ZEND_ASYNC_EXEC_MODE_EXEC},
	{"exec_array", ZEND_ASYNC_EXEC_MODE_EXEC_ARRAY},
	{"system", ZEND_ASYNC_EXEC_MODE_SYSTEM},
	{"passthru", ZEND_ASYNC_EXEC_MODE_PASSTHRU},
	{"shell_exec", ZEND_ASYNC_EXEC_MODE_SHELL_EXEC},
};

static bool has_children(void)
{
	siginfo_t info;
	return waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000u + (uint64_t) ts.tv_nsec / 1000000u;
}

/* "A=1\0B=2\0\0" from ['A' => '1', 'B' => '2']. */
static zend_string *environment_block(HashTable *env)
{
	smart_str block = {0};
	zend_string *key;
	zend_ulong index;
	zval *value;

	ZEND_HASH_FOREACH_KEY_VAL(env, index, key, value) {
		if (key != NULL) {
			smart_str_append(&block, key);
		} else {
			smart_str_append_unsigned(&block, index);
		}
		smart_str_appendc(&block, '=');
		zend_string *text = zval_get_string(value);
		smart_str_append(&block, text);
		zend_string_release(text);
		smart_str_appendc(&block, '\0');
	} ZEND_HASH_FOREACH_END();
	smart_str_appendc(&block, '\0');
	return smart_str_extract(&block);
}

PHP_FUNCTION(async_test_exec)
{
	zend_string *mode_name, *cmd, *cwd = NULL;
	HashTable *env = NULL;
	zend_long timeout = 0;
	bool capture_stderr = false;

	ZEND_PARSE_PARAMETERS_START(2, 6)
		Z_PARAM_STR(mode_name)
		Z_PARAM_STR(cmd)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(cwd)
		Z_PARAM_ARRAY_HT_OR_NULL(env)
		Z_PARAM_LONG(timeout)
		Z_PARAM_BOOL(capture_stderr)
	ZEND_PARSE_PARAMETERS_END();

	size_t m = 0;
	while (m < sizeof(modes) / sizeof(modes[0]) && !zend_string_equals_cstr(mode_name, modes[m].name, strlen(modes[m].name))) {
		m++;
	}
	if (m == sizeof(modes) / sizeof(modes[0])) {
		zend_argument_value_error(1, "is not an exec mode");
		RETURN_THROWS();
	}

	zval result, lines, std_error;
	ZVAL_UNDEF(&result);
	ZVAL_UNDEF(&std_error);
	array_init(&lines);
	add_next_index_string(&lines, "before");
	zend_string *block = env != NULL ? environment_block(env) : NULL;

	int exit_code = ZEND_ASYNC_EXEC(modes[m].mode, ZSTR_VAL(cmd), &lines, &result,
		capture_stderr ? &std_error : NULL, cwd ? ZSTR_VAL(cwd) : NULL, block ? ZSTR_VAL(block) : NULL,
		(zend_ulong) timeout);

	if (block != NULL) {
		zend_string_release(block);
	}
	if (EG(exception)) {
		zval_ptr_dtor(&result);
		zval_ptr_dtor(&lines);
		zval_ptr_dtor(&std_error);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_long(return_value, "exit_code", exit_code);
	if (Z_TYPE(result) == IS_UNDEF) {
		ZVAL_NULL(&result);
	}
	add_assoc_zval(return_value, "return_value", &result);
	if (modes[m].mode == ZEND_ASYNC_EXEC_MODE_EXEC_ARRAY) {
		add_assoc_zval(return_value, "lines", &lines);
	} else {
		zval_ptr_dtor(&lines);
	}
	if (capture_stderr) {
		add_assoc_zval(return_value, "stderr", &std_error);
	}
}

PHP_FUNCTION(async_test_has_children)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(has_children());
}

/* ---- scenarios from C ---- */

typedef struct {
	zend_long notified;
	bool done;
	bool release_in_callback;
} exec_watch_t;

#define WATCH_OF(ev) ((exec_watch_t *) ZEND_ASYNC_EVENT_EXTRA(ev))

static bool released_in_callback;
static uint32_t pending;
static bool all_done;

static void on_exec_done(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	exec_watch_t *watch = WATCH_OF(event);
	(void) callback;

	watch->notified++;
	watch->done = true;
	if (pending > 0) {
		all_done = --pending == 0;
	} else if (async_test_log != NULL) {
		zend_async_exec_event_t *exec = (zend_async_exec_event_t *) event;
		async_test_logf("notified: terminated %d, exit_code %ld, term_signal %d, closed %d, result %s, exception %s",
			exec->terminated, (long) exec->exit_code, exec->term_signal, ZEND_ASYNC_EVENT_IS_CLOSED(event),
			result ? "set" : "NULL", exception ? "set" : "NULL");
	}
	if (watch->release_in_callback) {
		released_in_callback = true;
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

static zend_async_event_t *new_exec(zend_async_exec_mode mode, const char *cmd, zval *result, zval *std_error)
{
	zend_async_exec_event_t *exec = ZEND_ASYNC_NEW_EXEC_EVENT_EX(mode, cmd, NULL, result, std_error, NULL, NULL,
		sizeof(exec_watch_t));
	if (exec == NULL) {
		return NULL;
	}
	memset(WATCH_OF(&exec->base), 0, sizeof(exec_watch_t));
	exec->base.add_callback(&exec->base, ZEND_ASYNC_EVENT_CALLBACK(on_exec_done));
	return &exec->base;
}

/* Runs the loop until *done or `ms` passed; a timer keeps the loop going meanwhile. */
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

static void log_exception(const char *what)
{
	zend_object *exception = EG(exception);
	zval rv;
	zval *message = zend_read_property_ex(exception->ce, exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), true, &rv);
	async_test_logf("%s: %s: %s", what, ZSTR_VAL(exception->ce->name), Z_STRVAL_P(message));
	zend_clear_exception();
}

static const char *string_of(zval *value)
{
	return Z_TYPE_P(value) == IS_STRING ? Z_STRVAL_P(value) : Z_TYPE_P(value) == IS_NULL ? "(null)" : "(not set)";
}

static void scenario_many(void)
{
	enum { COUNT = 50 };
	zend_async_event_t *events[COUNT];
	zval results[COUNT];

	pending = COUNT;
	all_done = false;
	for (int i = 0; i < COUNT; i++) {
		char cmd[64];
		snprintf(cmd, sizeof(cmd), "echo line%d; exit %d", i, i + 1);
		ZVAL_UNDEF(&results[i]);
		events[i] = new_exec(ZEND_ASYNC_EXEC_MODE_EXEC, cmd, &results[i], NULL);
		events[i]->start(events[i]);
	}
	async_test_logf("running %d commands: active %u", COUNT, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	async_test_run_until(&all_done, 60000);

	int once = 0, codes = 0, outputs = 0;
	for (int i = 0; i < COUNT; i++) {
		char expected[32];
		snprintf(expected, sizeof(expected), "line%d", i);
		zend_async_exec_event_t *exec = (zend_async_exec_event_t *) events[i];
		once += WATCH_OF(events[i])->notified == 1 && exec->terminated;
		codes += exec->exit_code == i + 1;
		outputs += Z_TYPE(results[i]) == IS_STRING && strcmp(Z_STRVAL(results[i]), expected) == 0;
		ZEND_ASYNC_EVENT_RELEASE(events[i]);
		zval_ptr_dtor(&results[i]);
	}
	async_test_logf("%d terminated and notified once, %d exit codes and %d last lines as expected, active %u",
		once, codes, outputs, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	async_test_logf("children left: %s", has_children() ? "yes" : "no");
	pending = 0;
	all_done = false;
}

static void scenario_errors(void)
{
	zval result;
	ZVAL_UNDEF(&result);

	int code = ZEND_ASYNC_EXEC(ZEND_ASYNC_EXEC_MODE_EXEC, "pwd", NULL, &result, NULL, "/nonexistent/dir", NULL, 0);
	async_test_logf("exec in a missing directory returned %d", code);
	log_exception("exec");

	zend_async_exec_event_t *exec = ZEND_ASYNC_NEW_EXEC_EVENT(ZEND_ASYNC_EXEC_MODE_EXEC, "pwd", NULL, &result,
		NULL, "/etc/passwd", NULL);
	async_test_logf("event in a file as directory: %s", exec == NULL ? "NULL" : "created");
	log_exception("event");

	exec = ZEND_ASYNC_NEW_EXEC_EVENT((zend_async_exec_mode) 99, "pwd", NULL, &result, NULL, NULL, NULL);
	async_test_logf("event with mode 99: %s", exec == NULL ? "NULL" : "created");
	log_exception("event");

	async_test_logf("result left alone: %s, children left: %s", Z_TYPE(result) == IS_UNDEF ? "yes" : "no",
		has_children() ? "yes" : "no");
	ZEND_ASYNC_REACTOR_EXECUTE(true); /* the close callbacks of the failed spawns */
}

PHP_FUNCTION(async_test_exec_scenario)
{
	zend_string *name;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();

	array_init(return_value);
	async_test_log = return_value;
	const char *s = ZSTR_VAL(name);
	zend_async_event_t *ev;
	zval result, std_error;
	ZVAL_UNDEF(&result);
	ZVAL_UNDEF(&std_error);

	if (strcmp(s, "event") == 0) {
		ev = new_exec(ZEND_ASYNC_EXEC_MODE_EXEC, "printf 'a\\nb  '; echo oops >&2; exit 3", &result, &std_error);
		zend_async_exec_event_t *exec = (zend_async_exec_event_t *) ev;
		async_test_logf("created: terminated %d, closed %d, active %u", exec->terminated, ZEND_ASYNC_EVENT_IS_CLOSED(ev),
			ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ev->start(ev);
		async_test_logf("started: loop_ref_count %u, active %u, loop alive %d", ev->loop_ref_count,
			ZEND_ASYNC_ACTIVE_EVENT_COUNT, ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		async_test_run_until(&WATCH_OF(ev)->done, 10000);
		async_test_logf("after: notified %ld, output_len %zu, return_value '%s', std_error '%s', active %u",
			(long) WATCH_OF(ev)->notified, exec->output_len, string_of(&result), string_of(&std_error),
			ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ev->start(ev);
		async_test_logf("start after it closed: loop_ref_count %u, active %u", ev->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "term_signal") == 0) {
		ev = new_exec(ZEND_ASYNC_EXEC_MODE_EXEC, "echo before; kill -9 $$; echo after", &result, NULL);
		ev->start(ev);
		async_test_run_until(&WATCH_OF(ev)->done, 10000);
		async_test_logf("return_value '%s'", string_of(&result));
		ZEND_ASYNC_EVENT_RELEASE(ev);
		int code = ZEND_ASYNC_EXEC(ZEND_ASYNC_EXEC_MODE_EXEC, "kill -TERM $$", NULL, &result, NULL, NULL, NULL, 0);
		async_test_logf("ZEND_ASYNC_EXEC of a shell killed by SIGTERM returned %d", code);
	} else if (strcmp(s, "not_started") == 0) {
		ev = new_exec(ZEND_ASYNC_EXEC_MODE_SHELL_EXEC, "echo hi", &result, NULL);
		async_test_logf("not started: active %u, loop alive %d", ZEND_ASYNC_ACTIVE_EVENT_COUNT, ZEND_ASYNC_REACTOR_LOOP_ALIVE());
		bool finished = run_for(&WATCH_OF(ev)->done, 30000); /* only a timer keeps the loop going */
		async_test_logf("finished anyway: %s, return_value '%s'", finished ? "yes" : "no", string_of(&result));
		ZEND_ASYNC_EVENT_RELEASE(ev);
	} else if (strcmp(s, "dispose_running") == 0) {
		ev = new_exec(ZEND_ASYNC_EXEC_MODE_EXEC, "sleep 5", &result, &std_error);
		ev->start(ev);
		run_for(&WATCH_OF(ev)->done, 100);
		uint64_t started = now_ms();
		async_test_logf("running after 100 ms: %s, active %u", WATCH_OF(ev)->done ? "no" : "yes", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		ZEND_ASYNC_EVENT_RELEASE(ev);
		async_test_logf("released: active %u, children left: %s, took under a second: %s, return_value %s",
			ZEND_ASYNC_ACTIVE_EVENT_COUNT, has_children() ? "yes" : "no", now_ms() - started < 1000 ? "yes" : "no",
			string_of(&result));
		ZEND_ASYNC_REACTOR_EXECUTE(true);
	} else if (strcmp(s, "dispose_before_start") == 0) {
		ev = new_exec(ZEND_ASYNC_EXEC_MODE_EXEC, "sleep 5", &result, NULL);
		ZEND_ASYNC_EVENT_RELEASE(ev);
		async_test_logf("released before start: children left: %s", has_children() ? "yes" : "no");
		ZEND_ASYNC_REACTOR_EXECUTE(true);
	} else if (strcmp(s, "dispose_in_callback") == 0) {
		ev = new_exec(ZEND_ASYNC_EXEC_MODE_EXEC, "echo x", &result, NULL);
		WATCH_OF(ev)->release_in_callback = true;
		released_in_callback = false;
		ev->start(ev);
		async_test_run_until(&released_in_callback, 10000);
		async_test_logf("released from its own callback: %s, active %u, return_value '%s'",
			released_in_callback ? "yes" : "no", ZEND_ASYNC_ACTIVE_EVENT_COUNT, string_of(&result));
		ZEND_ASYNC_REACTOR_EXECUTE(true);
	} else if (strcmp(s, "timeout") == 0) {
		uint64_t started = now_ms();
		int code = ZEND_ASYNC_EXEC(ZEND_ASYNC_EXEC_MODE_EXEC, "sleep 5", NULL, &result, &std_error, NULL, NULL, 100);
		async_test_logf("returned %d", code);
		if (EG(exception)) {
			log_exception("thrown");
		}
		async_test_logf("ended well under 5 s: %s, children left: %s, return_value %s", now_ms() - started < 4000 ? "yes" : "no",
			has_children() ? "yes" : "no", string_of(&result));
		code = ZEND_ASYNC_EXEC(ZEND_ASYNC_EXEC_MODE_EXEC, "echo quick", NULL, &result, NULL, NULL, NULL, 30000);
		async_test_logf("within its timeout: returned %d, return_value '%s'", code, string_of(&result));
	} else if (strcmp(s, "array") == 0) {
		zval lines, shared, not_array;
		array_init(&lines);
		add_next_index_string(&lines, "x");
		zend_async_exec_event_t *exec = ZEND_ASYNC_NEW_EXEC_EVENT_EX(ZEND_ASYNC_EXEC_MODE_EXEC_ARRAY, "echo a; echo b",
			&lines, &result, NULL, NULL, NULL, sizeof(exec_watch_t));
		memset(WATCH_OF(&exec->base), 0, sizeof(exec_watch_t));
		exec->base.add_callback(&exec->base, ZEND_ASYNC_EVENT_CALLBACK(on_exec_done));
		ZVAL_COPY(&shared, &lines); /* someone shares the array while the command runs */
		exec->base.start(&exec->base);
		async_test_run_until(&WATCH_OF(&exec->base)->done, 10000);
		async_test_logf("lines %u, the shared copy %u, return_value '%s'", zend_hash_num_elements(Z_ARRVAL(lines)),
			zend_hash_num_elements(Z_ARRVAL(shared)), string_of(&result));
		ZEND_ASYNC_EVENT_RELEASE(&exec->base);
		zval_ptr_dtor(&lines);
		zval_ptr_dtor(&shared);

		ZVAL_STRING(&not_array, "not an array");
		int code = ZEND_ASYNC_EXEC(ZEND_ASYNC_EXEC_MODE_EXEC_ARRAY, "echo c", &not_array, &result, NULL, NULL, NULL, 0);
		async_test_logf("a string buffer: returned %d, now an array of %u", code,
			Z_TYPE(not_array) == IS_ARRAY ? zend_hash_num_elements(Z_ARRVAL(not_array)) : 0);
		zval_ptr_dtor(&not_array);
	} else if (strcmp(s, "orphan") == 0) {
		/* Left running and never released: the end of the request must kill and reap it. The
		 * zvals it would write are static, as they must outlive the event. */
		static zval orphan_result;
		ZVAL_UNDEF(&orphan_result);
		const char *marker = getenv("ASYNC_TEST_MARKER");
		char cmd[512];
		snprintf(cmd, sizeof(cmd), "sleep 0.5; touch '%s'", marker ? marker : "/dev/null");
		ev = new_exec(ZEND_ASYNC_EXEC_MODE_EXEC, cmd, &orphan_result, NULL);
		ev->start(ev);
		async_test_logf("left running: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	} else if (strcmp(s, "errors") == 0) {
		scenario_errors();
	} else if (strcmp(s, "many") == 0) {
		scenario_many();
	} else if (strcmp(s, "mixed") == 0) {
		/* A process event on our own child beside a uv_spawn child: each reaps only its own. */
		pid_t pid = fork();
		if (pid == 0) {
			usleep(30000);
			_exit(6);
		}
		zend_async_process_event_t *process = ZEND_ASYNC_NEW_PROCESS_EVENT(pid);
		process->base.start(&process->base);
		ev = new_exec(ZEND_ASYNC_EXEC_MODE_EXEC, "sleep 0.05; exit 4", &result, NULL);
		ev->start(ev);
		async_test_run_until(&WATCH_OF(ev)->done, 10000);
		while (!ZEND_ASYNC_EVENT_IS_CLOSED(&process->base) && ZEND_ASYNC_REACTOR_LOOP_ALIVE()) {
			ZEND_ASYNC_REACTOR_EXECUTE(false);
		}
		async_test_logf("exec exit_code %ld, process exit_code %ld, children left: %s",
			(long) ((zend_async_exec_event_t *) ev)->exit_code, (long) process->exit_code, has_children() ? "yes" : "no");
		ZEND_ASYNC_EVENT_RELEASE(ev);
		ZEND_ASYNC_EVENT_RELEASE(&process->base);
	} else {
		async_test_log = NULL;
		zend_argument_value_error(1, "is not an exec scenario");
		RETURN_THROWS();
	}
	zval_ptr_dtor(&result);
	zval_ptr_dtor(&std_error);
	async_test_log = NULL;
}
