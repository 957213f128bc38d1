/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Filesystem events: uv_fs_event_t watching a file or a directory. Multi-shot: every change
 * sets triggered_events (RENAME and/or CHANGE) and triggered_filename (the entry of a watched
 * directory, or the watched file's own name), then notifies with result NULL. The filename is
 * the event's: it stays the same string while the name repeats and is replaced when it
 * changes, so hold a reference (zend_string_copy) to keep it past the notification.
 *
 * A path that cannot be watched is refused when the event is created (Async\InputOutputException
 * "Cannot watch <path>: <reason>"); if it vanishes before start(), start() throws the same.
 * ZEND_ASYNC_FS_EVENT_RECURSIVE is honoured where libuv supports it (macOS, Windows) and refused
 * at creation elsewhere, where libuv would silently watch one level only.
 */
#include "reactor.h"

#if defined(__APPLE__) || defined(_WIN32)
# define RECURSIVE_SUPPORTED 1
#else
# define RECURSIVE_SUPPORTED 0
#endif

typedef struct {
	zend_async_filesystem_event_t event; /* the ABI struct first */
	async_uv_event_t common;
	uv_fs_event_t handle;
} async_uv_fs_event_t;

#define FS_EVENT_OF(ev) ((async_uv_fs_event_t *) (ev))

/* Reuses the current string when the name repeats: no allocation per notification then. */
static void set_triggered_filename(async_uv_fs_event_t *watch, const char *filename)
{
	zend_string *current = watch->event.triggered_filename;
	size_t length = filename != NULL ? strlen(filename) : 0;

	if (current != NULL && filename != NULL && zend_string_equals_cstr(current, filename, length)) {
		return;
	}
	if (current != NULL) {
		zend_string_release(current);
	}
	watch->event.triggered_filename = filename != NULL ? zend_string_init(filename, length, 0) : NULL;
}

static void on_fs_change(uv_fs_event_t *handle, const char *filename, int events, int status)
{
	async_uv_fs_event_t *watch = (async_uv_fs_event_t *) ((async_uv_event_t *) handle->data)->event;
	zend_async_event_t *event = &watch->event.base;

	if (status < 0) {
		zend_object *exception = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT,
			"Watching %s failed: %s", ZSTR_VAL(watch->event.path), uv_strerror(status));
		watch->event.triggered_events = 0;
		ASYNC_UV_NOTIFY(event, NULL, exception);
		OBJ_RELEASE(exception);
		return;
	}
	watch->event.triggered_events = ((events & UV_RENAME) ? ZEND_ASYNC_FS_EVENT_RENAME : 0)
		| ((events & UV_CHANGE) ? ZEND_ASYNC_FS_EVENT_CHANGE : 0);
	set_triggered_filename(watch, filename);
	ASYNC_UV_NOTIFY(event, NULL, NULL);
}

static void *throw_cannot_watch(const zend_string *path, int uv_error)
{
	zend_async_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, "Cannot watch %s: %s", ZSTR_VAL(path), uv_strerror(uv_error));
	return NULL;
}

static bool fs_event_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_fs_event_t *watch = FS_EVENT_OF(event);

	if (!(watch->common.state & ASYNC_UV_HANDLE_OPEN)) {
		zend_throw_error(NULL, "Cannot start a filesystem event after the event loop has shut down");
		return false;
	}
	async_uv_event_sync_ref(&watch->common);
	unsigned int uv_flags = (watch->event.flags & ZEND_ASYNC_FS_EVENT_RECURSIVE) ? UV_FS_EVENT_RECURSIVE : 0;
	int error = uv_fs_event_start(&watch->handle, on_fs_change, ZSTR_VAL(watch->event.path), uv_flags);
	if (error < 0) {
		throw_cannot_watch(watch->event.path, error);
		return false;
	}
	EVENT_START_EPILOGUE(event);
	return true;
}

static bool fs_event_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	async_uv_fs_event_t *watch = FS_EVENT_OF(event);
	if (watch->common.state & ASYNC_UV_HANDLE_OPEN) {
		uv_fs_event_stop(&watch->handle);
	}
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static bool fs_event_dispose(zend_async_event_t *event)
{
	return async_uv_event_dispose(event, &FS_EVENT_OF(event)->common);
}

static void fs_event_free_memory(zend_async_event_t *event)
{
	async_uv_fs_event_t *watch = FS_EVENT_OF(event);
	zend_string_release(watch->event.path);
	if (watch->event.triggered_filename != NULL) {
		zend_string_release(watch->event.triggered_filename);
	}
	efree(watch);
}

static zend_string *fs_event_info(zend_async_event_t *event)
{
	return zend_strpprintf(0, "filesystem watch of %s", ZSTR_VAL(FS_EVENT_OF(event)->event.path));
}

/* Whether the path exists and can be looked at, so that a bad path fails at creation. */
static int check_path(uv_loop_t *loop, const zend_string *path)
{
	uv_fs_t req;
	int error = uv_fs_stat(loop, &req, ZSTR_VAL(path), NULL);
	uv_fs_req_cleanup(&req);
	return error;
}

static const async_uv_event_ops_t fs_event_ops = {fs_event_start, fs_event_stop, fs_event_dispose, fs_event_info};

zend_async_filesystem_event_t *async_uv_new_filesystem_event(zend_string *path, const unsigned int flags,
	size_t extra_size)
{
	if (path == NULL || ZSTR_LEN(path) == 0) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, "Cannot watch an empty path");
		return NULL;
	}
	if (strlen(ZSTR_VAL(path)) != ZSTR_LEN(path)) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT, "Cannot watch a path that contains a NUL byte");
		return NULL;
	}
	if (!RECURSIVE_SUPPORTED && (flags & ZEND_ASYNC_FS_EVENT_RECURSIVE)) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT,
			"Cannot watch %s recursively: libuv watches subdirectories on macOS and Windows only", ZSTR_VAL(path));
		return NULL;
	}
	uv_loop_t *loop = async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}
	int error = check_path(loop, path);
	if (error < 0) {
		return throw_cannot_watch(path, error);
	}

	async_uv_fs_event_t *watch = ecalloc(1, sizeof(async_uv_fs_event_t) + extra_size);
	zend_async_event_t *base = &watch->event.base;

	async_uv_event_setup(base, sizeof(async_uv_fs_event_t), &fs_event_ops);
	watch->event.path = zend_string_copy(path);
	watch->event.flags = flags;

	async_uv_event_init(&watch->common, base, NULL, fs_event_free_memory);
	uv_fs_event_init(loop, &watch->handle); /* cannot fail */
	async_uv_event_set_handle(&watch->common, (uv_handle_t *) &watch->handle);
	return &watch->event;
}
