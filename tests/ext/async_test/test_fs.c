/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: filesystem events of the registered reactor, through the public header. The file
 * operations are made from C after start(), one step at a time, each waited for. */
#include "async_test.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "test_fs_arginfo.h"
#include <fcntl.h>
#include <unistd.h>

const zend_function_entry *async_test_fs_functions(void)
{
	return ext_functions;
}

#define MAX_SEEN 8

typedef struct {
	int notified;
	char seen[MAX_SEEN][96];   /* "kind name", consecutive repeats folded (the kernel may merge them) */
	int seen_count;
	const char *expect;        /* the step is done when this was seen */
	bool done;
	zend_string *last_filename;
	bool filename_reused;      /* the same name came as the same string */
	bool stop_in_callback;
	bool release_in_callback;
	bool log_in_callback;
} fs_state_t;

#define STATE_OF(ev) ((fs_state_t *) ZEND_ASYNC_EVENT_EXTRA(ev))

static const char *dir;       /* the scenario's directory */
static int notified_total;

static void log_exception(const char *prefix, zend_object *exception)
{
	zval rv;
	zval *message = zend_read_property_ex(zend_ce_exception, exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	async_test_logf("%s%s: %s", prefix, ZSTR_VAL(exception->ce->name), Z_STRVAL_P(message));
}

static void log_thrown(const char *prefix)
{
	if (EG(exception) == NULL) {
		async_test_logf("%sno exception", prefix);
		return;
	}
	log_exception(prefix, EG(exception));
	zend_clear_exception();
}

static const char *kind_name(unsigned int events)
{
	switch (events) {
		case ZEND_ASYNC_FS_EVENT_RENAME: return "rename";
		case ZEND_ASYNC_FS_EVENT_CHANGE: return "change";
		case ZEND_ASYNC_FS_EVENT_RENAME | ZEND_ASYNC_FS_EVENT_CHANGE: return "rename|change";
		default: return "none";
	}
}

static void on_change(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	zend_async_filesystem_event_t *watch = (zend_async_filesystem_event_t *) event;
	fs_state_t *state = STATE_OF(event);
	char line[96];

	notified_total++;
	state->notified++;
	if (exception != NULL) {
		log_exception("notified with ", exception);
		state->done = true;
		return;
	}
	snprintf(line, sizeof(line), "%s %s", kind_name(watch->triggered_events),
		watch->triggered_filename != NULL ? ZSTR_VAL(watch->triggered_filename) : "(no name)");
	if (state->log_in_callback) {
		async_test_logf("notified: %s", line);
	}
	if (state->last_filename != NULL && state->last_filename == watch->triggered_filename) {
		state->filename_reused = true;
	}
	state->last_filename = watch->triggered_filename;
	if ((state->seen_count == 0 || strcmp(state->seen[state->seen_count - 1], line) != 0) && state->seen_count < MAX_SEEN) {
		memcpy(state->seen[state->seen_count++], line, sizeof(line));
	}
	if (state->expect != NULL && strcmp(line, state->expect) == 0) {
		state->done = true;
	}
	if (state->stop_in_callback) {
		event->stop(event);
		state->done = true;
	}
	if (state->release_in_callback) {
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

static zend_async_event_t *new_watch(const char *name, unsigned int flags)
{
	zend_string *path = name != NULL ? zend_strpprintf(0, "%s/%s", dir, name) : zend_string_init(dir, strlen(dir), 0);
	zend_async_filesystem_event_t *watch = ZEND_ASYNC_NEW_FILESYSTEM_EVENT_EX(path, flags, sizeof(fs_state_t));
	zend_string_release(path); /* the event holds its own reference */
	if (watch == NULL) {
		return NULL;
	}
	memset(STATE_OF(&watch->base), 0, sizeof(fs_state_t));
	watch->base.add_callback(&watch->base, ZEND_ASYNC_EVENT_CALLBACK(on_change));
	return &watch->base;
}

/* ---- file operations, from C ---- */

static void path_of(char *buffer, size_t size, const char *name)
{
	snprintf(buffer, size, "%s/%s", dir, name);
}

static void create_file(const char *name)
{
	char path[1024];
	path_of(path, sizeof(path), name);
	int fd = open(path, O_CREAT | O_WRONLY, 0644);
	if (fd >= 0) {
		close(fd);
	}
}

static void append_file(const char *name)
{
	char path[1024];
	path_of(path, sizeof(path), name);
	int fd = open(path, O_WRONLY | O_APPEND);
	if (fd >= 0) {
		ssize_t written = write(fd, "data\n", 5);
		(void) written;
		close(fd);
	}
}

static void rename_file(const char *from, const char *to)
{
	char from_path[1024], to_path[1024];
	path_of(from_path, sizeof(from_path), from);
	path_of(to_path, sizeof(to_path), to);
	rename(from_path, to_path);
}

static void remove_file(const char *name)
{
	char path[1024];
	path_of(path, sizeof(path), name);
	unlink(path);
}

/* Waits for `expect`, then logs what the step brought. */
static void step(zend_async_event_t *event, const char *what, const char *expect)
{
	fs_state_t *state = STATE_OF(event);
	state->seen_count = 0;
	state->done = false;
	state->expect = expect;
	bool arrived = async_test_run_until(&state->done, 5000);
	smart_str line = {0};
	smart_str_appends(&line, what);
	smart_str_appends(&line, ":");
	for (int i = 0; i < state->seen_count; i++) {
		smart_str_appends(&line, i == 0 ? " " : ", ");
		smart_str_appends(&line, state->seen[i]);
	}
	if (!arrived) {
		smart_str_appends(&line, " (timed out)");
	}
	smart_str_0(&line);
	add_next_index_str(async_test_log, line.s);
}

static void on_keepalive(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	*(bool *) ZEND_ASYNC_EVENT_EXTRA(event) = true;
}

/* Runs the loop for `ms` with a timer keeping it alive: changes nobody waits for would come meanwhile. */
static void run_for_ms(zend_ulong ms)
{
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT_EX(ms, false, sizeof(bool));
	bool *fired = ZEND_ASYNC_EVENT_EXTRA(&timer->base);
	*fired = false;
	timer->base.add_callback(&timer->base, ZEND_ASYNC_EVENT_CALLBACK(on_keepalive));
	timer->base.start(&timer->base);
	async_test_run_until(fired, (zend_long) ms + 10000);
	ZEND_ASYNC_EVENT_RELEASE(&timer->base);
}

#define LOG_EVENT(what, ev) async_test_logf("%s: notified %d, loop_ref_count %u, active %u", what, \
	STATE_OF(ev)->notified, (ev)->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT)

/* ---- scenarios ---- */

static void scenario_directory(void)
{
	zend_async_event_t *event = new_watch(NULL, 0);
	zend_string *info = event->info(event);
	async_test_logf("info: %s", ZSTR_VAL(info));
	zend_string_release(info);
	event->start(event);
	LOG_EVENT("started", event);
	create_file("a.txt");
	step(event, "create a.txt", "rename a.txt");
	append_file("a.txt");
	step(event, "append to a.txt", "change a.txt");
	append_file("a.txt");
	step(event, "append to a.txt again", "change a.txt");
	async_test_logf("the repeated name came as the same string: %s", STATE_OF(event)->filename_reused ? "yes" : "no");
	rename_file("a.txt", "b.txt");
	step(event, "rename a.txt to b.txt", "rename b.txt");
	remove_file("b.txt");
	step(event, "remove b.txt", "rename b.txt");
	LOG_EVENT("after", event);
	async_test_logf("closed: %d (multi-shot)", ZEND_ASYNC_EVENT_IS_CLOSED(event));
	ZEND_ASYNC_EVENT_RELEASE(event);
}

static void scenario_single_file(void)
{
	create_file("watched.txt");
	create_file("other.txt");
	zend_async_event_t *event = new_watch("watched.txt", 0);
	event->start(event);
	append_file("other.txt"); /* not watched: must not show up */
	append_file("watched.txt");
	step(event, "append to watched.txt", "change watched.txt");
	rename_file("watched.txt", "moved.txt");
	step(event, "rename watched.txt to moved.txt", "rename watched.txt");
	ZEND_ASYNC_EVENT_RELEASE(event);
	remove_file("moved.txt");
	remove_file("other.txt");
}

static void scenario_bad_path(void)
{
	zend_async_event_t *event = new_watch("missing", 0);
	async_test_logf("missing path: %s", event == NULL ? "NULL" : "an event");
	log_thrown("  ");

	zend_string *empty = ZSTR_EMPTY_ALLOC();
	zend_async_filesystem_event_t *watch = ZEND_ASYNC_NEW_FILESYSTEM_EVENT(empty, 0);
	async_test_logf("empty path: %s", watch == NULL ? "NULL" : "an event");
	log_thrown("  ");

	zend_string *nul = zend_string_init("a\0b", 3, 0);
	watch = ZEND_ASYNC_NEW_FILESYSTEM_EVENT(nul, 0);
	zend_string_release(nul);
	async_test_logf("path with a NUL byte: %s", watch == NULL ? "NULL" : "an event");
	log_thrown("  ");

	event = new_watch(NULL, ZEND_ASYNC_FS_EVENT_RECURSIVE);
#if defined(__APPLE__) || defined(_WIN32)
	async_test_logf("recursive: %s", event != NULL ? "accepted" : "NULL");
	if (event != NULL) {
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
#else
	async_test_logf("recursive: %s", event == NULL ? "refused" : "an event");
	log_thrown("  ");
#endif

	/* Gone between creation and start: start() throws. */
	create_file("gone.txt");
	event = new_watch("gone.txt", 0);
	remove_file("gone.txt");
	bool started = event->start(event);
	async_test_logf("start after the file went: %s, loop_ref_count %u, active %u", started ? "true" : "false",
		event->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	log_thrown("  ");
	ZEND_ASYNC_EVENT_RELEASE(event);
}

static void scenario_stop_and_dispose(void)
{
	notified_total = 0;

	/* Released before start. */
	ZEND_ASYNC_EVENT_RELEASE(new_watch(NULL, 0));
	async_test_logf("released before start: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);

	/* Released while started, with a change on its way. */
	zend_async_event_t *event = new_watch(NULL, 0);
	event->start(event);
	create_file("c.txt");
	ZEND_ASYNC_EVENT_RELEASE(event);
	run_for_ms(50);
	async_test_logf("released while started: notified %d, active %u", notified_total, ZEND_ASYNC_ACTIVE_EVENT_COUNT);

	/* Stopped: nothing arrives; started again: it does. */
	event = new_watch(NULL, 0);
	event->start(event);
	event->start(event);
	LOG_EVENT("started twice", event);
	event->stop(event);
	LOG_EVENT("stopped once", event);
	event->stop(event);
	LOG_EVENT("stopped twice", event);
	append_file("c.txt");
	run_for_ms(100);
	LOG_EVENT("a change while stopped", event);
	event->start(event);
	append_file("c.txt");
	step(event, "started again, append to c.txt", "change c.txt");
	event->stop(event);
	ZEND_ASYNC_EVENT_RELEASE(event);

	/* Stopped from its own callback: the next change does not arrive. */
	event = new_watch(NULL, 0);
	STATE_OF(event)->stop_in_callback = true;
	event->start(event);
	append_file("c.txt");
	async_test_run_until(&STATE_OF(event)->done, 5000);
	LOG_EVENT("stopped in its callback", event);
	append_file("c.txt");
	run_for_ms(100);
	LOG_EVENT("a change after that", event);
	ZEND_ASYNC_EVENT_RELEASE(event);

	/* Released from its own callback, more changes following. */
	notified_total = 0;
	event = new_watch(NULL, 0);
	STATE_OF(event)->release_in_callback = true;
	event->start(event);
	append_file("c.txt");
	remove_file("c.txt");
	create_file("d.txt");
	while (ZEND_ASYNC_REACTOR_LOOP_ALIVE()) {
		ZEND_ASYNC_REACTOR_EXECUTE(false);
	}
	async_test_logf("released in its callback: notified %d, active %u", notified_total, ZEND_ASYNC_ACTIVE_EVENT_COUNT);

	/* Twice owned: one release leaves it watching. */
	event = new_watch(NULL, 0);
	ZEND_ASYNC_EVENT_ADD_REF(event);
	event->start(event);
	ZEND_ASYNC_EVENT_RELEASE(event);
	LOG_EVENT("one of two owners released", event);
	remove_file("d.txt");
	step(event, "remove d.txt", "rename d.txt");
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_logf("both released: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static void scenario_abandoned(void)
{
	/* Started, a change pending, never released: request end closes and frees it without a
	 * notification (the callback would log into an array that is gone by then). */
	zend_async_event_t *event = new_watch(NULL, 0);
	STATE_OF(event)->log_in_callback = true;
	event->start(event);
	create_file("e.txt");
	remove_file("e.txt");
	async_test_logf("left watching: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static const struct {
	const char *name;
	void (*run)(void);
} scenarios[] = {
	{"directory", scenario_directory},
	{"single_file", scenario_single_file},
	{"bad_path", scenario_bad_path},
	{"stop_and_dispose", scenario_stop_and_dispose},
	{"abandoned", scenario_abandoned},
};

PHP_FUNCTION(async_test_fs_scenario)
{
	zend_string *name, *directory;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(name)
		Z_PARAM_PATH_STR(directory)
	ZEND_PARSE_PARAMETERS_END();

	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		if (zend_string_equals_cstr(name, scenarios[i].name, strlen(scenarios[i].name))) {
			array_init(return_value);
			async_test_log = return_value;
			dir = ZSTR_VAL(directory);
			scenarios[i].run();
			dir = NULL;
			async_test_log = NULL;
			return;
		}
	}
	zend_argument_value_error(1, "is not a filesystem scenario");
	RETURN_THROWS();
}
