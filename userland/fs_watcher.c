/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Async\FileSystemWatcher and Async\FileSystemEvent: a watch on a file or a directory (the
 * reactor's filesystem events) from construction until close(). Changes are kept in the watcher
 * until a foreach takes them; a loop that finds none suspends until one comes or close().
 *
 * Keeping: raw mode queues every change; coalesce mode merges a change into the one still queued
 * for the same entry (renamed/changed ORed). Debounce mode queues nothing per change: a burst ends
 * when no change came for debounceMs (or when it has lasted maxHoldMs) and is queued as one event
 * with filename null. An extension list drops changes to other entries in every mode.
 *
 * Recursive: libuv watches subdirectories itself on macOS and Windows only. Elsewhere the watcher
 * keeps one watch per directory below the root (symbolic links not followed, at most
 * MAX_DIRECTORY_WATCHES); a directory that appears gets its watches, one that goes loses them,
 * and one replaced under the same name (another inode) is watched anew.
 */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include <sys/stat.h>
#include <dirent.h>
#include <time.h>
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../async_list.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "wait_list.h"
#include "fs_watcher_arginfo.h"

#if defined(__APPLE__) || defined(_WIN32)
# define NATIVE_RECURSIVE 1
#else
# define NATIVE_RECURSIVE 0
#endif

#define MAX_DIRECTORY_WATCHES 8192

zend_class_entry *async_ce_fs_watcher;
zend_class_entry *async_ce_fs_event;
static zend_object_handlers fs_watcher_handlers;

typedef struct _async_fs_watcher_s async_fs_watcher_t;

typedef struct {
	zend_string *filename; /* relative to the watched path; NULL for a debounced burst */
	bool renamed, changed;
} pending_change_t;

typedef struct _directory_watch_s directory_watch_t;

typedef struct {
	zend_async_event_callback_t base;
	directory_watch_t *watch;
} watch_callback_t;

/* One reactor watch: the root, or (emulated recursion) a directory below it. */
struct _directory_watch_s {
	async_fs_watcher_t *watcher;
	zend_async_filesystem_event_t *event;
	watch_callback_t *callback;   /* on the event until the watch goes */
	zend_string *prefix;          /* the directory relative to the root, "" for the root */
	dev_t device;
	ino_t inode;
};

typedef struct {
	zend_async_event_callback_t base;
	async_fs_watcher_t *watcher;
} timer_callback_t;

struct _async_fs_watcher_s {
	zend_string *path;
	bool constructed, recursive, coalesce, closed;
	zend_long debounce_ms, max_hold_ms;
	HashTable *extensions;        /* lower-case extensions without the dot, or NULL: all */
	HashTable watches;            /* prefix => directory_watch_t* */
	pending_change_t *queue;      /* changes not taken yet: [head, tail) */
	uint32_t head, tail, capacity;
	bool burst_renamed, burst_changed, burst_pending;
	uint64_t burst_started_ms;
	zend_async_timer_event_t *quiet_timer;
	zend_object *error;           /* a watch failed: the loop throws it after what was kept */
	async_list_t waiters;         /* loops waiting for a change or the close */
	zend_object std;
};

#define WATCHER_FROM_OBJ(obj) ((async_fs_watcher_t *) ((char *) (obj) - XtOffsetOf(async_fs_watcher_t, std)))
#define THIS_WATCHER() WATCHER_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

static uint64_t monotonic_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t) now.tv_sec * 1000 + (uint64_t) now.tv_nsec / 1000000;
}

/* ---- what is kept ---- */

static void queue_push(async_fs_watcher_t *watcher, zend_string *filename, bool renamed, bool changed)
{
	if (watcher->coalesce && filename != NULL) {
		for (uint32_t i = watcher->head; i < watcher->tail; i++) {
			pending_change_t *kept = &watcher->queue[i];
			if (kept->filename != NULL && zend_string_equals(kept->filename, filename)) {
				kept->renamed |= renamed;
				kept->changed |= changed;
				return;
			}
		}
	}
	if (watcher->tail == watcher->capacity) {
		if (watcher->head > 0) { /* room at the front: move the kept ones there */
			memmove(watcher->queue, watcher->queue + watcher->head,
				(watcher->tail - watcher->head) * sizeof(pending_change_t));
			watcher->tail -= watcher->head;
			watcher->head = 0;
		} else {
			watcher->capacity = watcher->capacity ? watcher->capacity * 2 : 8;
			watcher->queue = safe_erealloc(watcher->queue, watcher->capacity, sizeof(pending_change_t), 0);
		}
	}
	pending_change_t *change = &watcher->queue[watcher->tail++];
	change->filename = filename != NULL ? zend_string_copy(filename) : NULL;
	change->renamed = renamed;
	change->changed = changed;
}

static void queue_clear(async_fs_watcher_t *watcher)
{
	for (uint32_t i = watcher->head; i < watcher->tail; i++) {
		if (watcher->queue[i].filename != NULL) {
			zend_string_release(watcher->queue[i].filename);
		}
	}
	watcher->head = watcher->tail = 0;
}

/* ---- debounce ---- */

static void quiet_timer_disarm(async_fs_watcher_t *watcher)
{
	zend_async_timer_event_t *timer = watcher->quiet_timer;
	if (timer != NULL) {
		watcher->quiet_timer = NULL;
		timer->base.stop(&timer->base);
		ZEND_ASYNC_EVENT_RELEASE(&timer->base); /* frees its callback too */
	}
}

/* The burst is over: it is kept as one event. */
static void burst_flush(async_fs_watcher_t *watcher)
{
	if (!watcher->burst_pending) {
		return;
	}
	watcher->burst_pending = false;
	queue_push(watcher, NULL, watcher->burst_renamed, watcher->burst_changed);
	watcher->burst_renamed = watcher->burst_changed = false;
}

static void on_quiet(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) result; (void) exception;
	async_fs_watcher_t *watcher = ((timer_callback_t *) callback)->watcher;
	quiet_timer_disarm(watcher); /* the notify holds the timer until it returns */
	burst_flush(watcher);
	async_wait_list_wake(&watcher->waiters);
}

/* (Re)starts the quiet window of the burst; ends the burst now if it has been held long enough.
 * False with an exception thrown. */
static bool burst_extend(async_fs_watcher_t *watcher)
{
	uint64_t delay = (uint64_t) watcher->debounce_ms;
	if (watcher->max_hold_ms > 0) {
		uint64_t held = monotonic_ms() - watcher->burst_started_ms;
		if (held >= (uint64_t) watcher->max_hold_ms) {
			quiet_timer_disarm(watcher);
			burst_flush(watcher);
			return true;
		}
		delay = MIN(delay, (uint64_t) watcher->max_hold_ms - held);
	}
	quiet_timer_disarm(watcher);
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT((zend_ulong) delay, false);
	if (timer == NULL) {
		return false;
	}
	timer_callback_t *cb = (timer_callback_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_quiet, sizeof(timer_callback_t));
	cb->watcher = watcher;
	timer->base.add_callback(&timer->base, &cb->base);
	watcher->quiet_timer = timer;
	return timer->base.start(&timer->base);
}

/* ---- the watches ---- */

static void watch_remove(async_fs_watcher_t *watcher, zend_string *prefix);
static bool watch_tree(async_fs_watcher_t *watcher, zend_string *prefix);

static zend_string *full_path(async_fs_watcher_t *watcher, zend_string *relative)
{
	if (ZSTR_LEN(relative) == 0) {
		return zend_string_copy(watcher->path);
	}
	return zend_string_concat3(ZSTR_VAL(watcher->path), ZSTR_LEN(watcher->path), "/", 1,
		ZSTR_VAL(relative), ZSTR_LEN(relative));
}

static bool extension_wanted(async_fs_watcher_t *watcher, zend_string *filename)
{
	if (watcher->extensions == NULL) {
		return true;
	}
	if (filename == NULL) {
		return false;
	}
	const char *base = zend_memrchr(ZSTR_VAL(filename), '/', ZSTR_LEN(filename));
	base = base ? base + 1 : ZSTR_VAL(filename);
	const char *dot = strrchr(base, '.');
	if (dot == NULL || dot == base) {
		return false;
	}
	zend_string *extension = zend_string_init(dot + 1, strlen(dot + 1), 0);
	zend_string *lower = zend_string_tolower(extension);
	bool wanted = zend_hash_exists(watcher->extensions, lower);
	zend_string_release(lower);
	zend_string_release(extension);
	return wanted;
}

/* Emulated recursion: a change to `relative` may be a directory that came, went or was replaced. */
static void follow_directory(async_fs_watcher_t *watcher, zend_string *relative)
{
	zend_string *path = full_path(watcher, relative);
	zend_stat_t info;
	bool is_directory = lstat(ZSTR_VAL(path), &info) == 0 && S_ISDIR(info.st_mode);
	zend_string_release(path);
	directory_watch_t *known = zend_hash_find_ptr(&watcher->watches, relative);
	if (known != NULL && (!is_directory || known->inode != info.st_ino || known->device != info.st_dev)) {
		watch_remove(watcher, relative);
		known = NULL;
	}
	if (is_directory && known == NULL && !watch_tree(watcher, relative)) {
		zend_clear_exception(); /* it went again meanwhile, or the limit: the rest stays watched */
	}
}

static void on_change(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) result;
	directory_watch_t *watch = ((watch_callback_t *) callback)->watch;
	async_fs_watcher_t *watcher = watch->watcher;
	if (watcher->closed) {
		return;
	}
	if (exception != NULL) {
		if (watcher->error == NULL) {
			GC_ADDREF(exception);
			watcher->error = exception;
		}
		ZEND_ASYNC_EVENT_SET_EXCEPTION_HANDLED(event);
		async_wait_list_wake(&watcher->waiters);
		return;
	}
	zend_async_filesystem_event_t *fs_event = (zend_async_filesystem_event_t *) event;
	bool renamed = (fs_event->triggered_events & ZEND_ASYNC_FS_EVENT_RENAME) != 0;
	bool changed = (fs_event->triggered_events & ZEND_ASYNC_FS_EVENT_CHANGE) != 0;
	zend_string *filename = fs_event->triggered_filename;
	zend_string *relative = NULL;

	if (ZSTR_LEN(watch->prefix) > 0) {
		/* A directory below the root: its own removal is reported by its parent's watch. */
		zend_string *path = full_path(watcher, watch->prefix);
		zend_stat_t info;
		bool same = lstat(ZSTR_VAL(path), &info) == 0 && info.st_ino == watch->inode && info.st_dev == watch->device;
		zend_string_release(path);
		if (!same || filename == NULL) {
			return;
		}
		relative = zend_string_concat3(ZSTR_VAL(watch->prefix), ZSTR_LEN(watch->prefix), "/", 1,
			ZSTR_VAL(filename), ZSTR_LEN(filename));
	} else if (filename != NULL) {
		relative = zend_string_copy(filename);
	}
	/* `watch` may go from here on (a directory replaced under it). */
	if (watcher->recursive && !NATIVE_RECURSIVE && relative != NULL) {
		follow_directory(watcher, relative);
	}
	if (extension_wanted(watcher, relative)) {
		if (watcher->debounce_ms > 0) {
			if (!watcher->burst_pending) {
				watcher->burst_pending = true;
				watcher->burst_started_ms = monotonic_ms();
			}
			watcher->burst_renamed |= renamed;
			watcher->burst_changed |= changed;
			if (!burst_extend(watcher)) {
				zend_clear_exception(); /* no timer: the burst is kept at once */
				burst_flush(watcher);
			}
		} else {
			queue_push(watcher, relative, renamed, changed);
		}
		async_wait_list_wake(&watcher->waiters);
	}
	if (relative != NULL) {
		zend_string_release(relative);
	}
}

static void watch_free(directory_watch_t *watch)
{
	zend_async_event_t *event = &watch->event->base;
	event->stop(event);
	if (watch->callback != NULL) {
		event->del_callback(event, &watch->callback->base); /* frees it */
	}
	ZEND_ASYNC_EVENT_RELEASE(event);
	zend_string_release(watch->prefix);
	efree(watch);
}

static void watch_table_dtor(zval *zv)
{
	watch_free(Z_PTR_P(zv));
}

/* Starts a watch on one path (the root, or a directory below it). False with an exception thrown. */
static bool watch_add(async_fs_watcher_t *watcher, zend_string *prefix, unsigned int flags)
{
	if (zend_hash_num_elements(&watcher->watches) >= MAX_DIRECTORY_WATCHES) {
		zend_async_throw(ZEND_ASYNC_EXCEPTION_INPUT_OUTPUT,
			"Cannot watch more than %d directories below %s", MAX_DIRECTORY_WATCHES, ZSTR_VAL(watcher->path));
		return false;
	}
	zend_string *path = full_path(watcher, prefix);
	zend_async_filesystem_event_t *event = ZEND_ASYNC_NEW_FILESYSTEM_EVENT(path, flags);
	zend_stat_t info = {0};
	bool found = event != NULL && stat(ZSTR_VAL(path), &info) == 0;
	zend_string_release(path);
	if (event == NULL) {
		return false;
	}
	directory_watch_t *watch = ecalloc(1, sizeof(*watch));
	watch->watcher = watcher;
	watch->event = event;
	watch->prefix = zend_string_copy(prefix);
	watch->device = found ? info.st_dev : 0;
	watch->inode = found ? info.st_ino : 0;
	watch->callback = (watch_callback_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_change, sizeof(watch_callback_t));
	watch->callback->watch = watch;
	event->base.add_callback(&event->base, &watch->callback->base);
	if (!event->base.start(&event->base)) {
		watch_free(watch);
		return false;
	}
	zend_hash_update_ptr(&watcher->watches, prefix, watch);
	return true;
}

/* Emulated recursion: watches `prefix` and every directory below it. False with an exception
 * thrown if `prefix` itself cannot be watched or the limit is reached. */
static bool watch_tree(async_fs_watcher_t *watcher, zend_string *prefix)
{
	if (!watch_add(watcher, prefix, 0)) {
		return false;
	}
	zend_string *path = full_path(watcher, prefix);
	DIR *directory = opendir(ZSTR_VAL(path));
	bool ok = true;
	if (directory != NULL) {
		struct dirent *entry;
		while (ok && (entry = readdir(directory)) != NULL) {
			if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) {
				continue;
			}
			zend_string *child = ZSTR_LEN(prefix) == 0
				? zend_string_init(entry->d_name, strlen(entry->d_name), 0)
				: zend_string_concat3(ZSTR_VAL(prefix), ZSTR_LEN(prefix), "/", 1, entry->d_name, strlen(entry->d_name));
			zend_string *child_path = full_path(watcher, child);
			zend_stat_t info;
			if (lstat(ZSTR_VAL(child_path), &info) == 0 && S_ISDIR(info.st_mode)
					&& !zend_hash_exists(&watcher->watches, child)) {
				ok = watch_tree(watcher, child);
			}
			zend_string_release(child_path);
			zend_string_release(child);
		}
		closedir(directory);
	}
	zend_string_release(path);
	return ok;
}

/* Emulated recursion: `prefix` is gone (or replaced): its watches and those below it go. */
static void watch_remove(async_fs_watcher_t *watcher, zend_string *prefix)
{
	zend_string *key;
	ZEND_HASH_FOREACH_STR_KEY(&watcher->watches, key) {
		if (key != NULL && ZSTR_LEN(key) >= ZSTR_LEN(prefix) && memcmp(ZSTR_VAL(key), ZSTR_VAL(prefix), ZSTR_LEN(prefix)) == 0
				&& (ZSTR_LEN(key) == ZSTR_LEN(prefix) || ZSTR_VAL(key)[ZSTR_LEN(prefix)] == '/')) {
			zend_hash_del(&watcher->watches, key); /* allowed while iterating: the slot is only marked */
		}
	} ZEND_HASH_FOREACH_END();
}

/* Stops watching; the burst in progress is kept, so nothing seen is lost. */
static void watcher_close(async_fs_watcher_t *watcher)
{
	if (watcher->closed) {
		return;
	}
	watcher->closed = true;
	zend_hash_clean(&watcher->watches);
	quiet_timer_disarm(watcher);
	burst_flush(watcher);
	async_wait_list_wake(&watcher->waiters);
}

/* ---- FileSystemEvent ---- */

static void new_fs_event(async_fs_watcher_t *watcher, pending_change_t *change, zval *out)
{
	object_init_ex(out, async_ce_fs_event);
	zend_object *object = Z_OBJ_P(out);
	ZVAL_STR_COPY(OBJ_PROP_NUM(object, 0), watcher->path);
	if (change->filename != NULL) {
		ZVAL_STR(OBJ_PROP_NUM(object, 1), change->filename); /* takes the queue's reference */
	} else {
		ZVAL_NULL(OBJ_PROP_NUM(object, 1));
	}
	ZVAL_BOOL(OBJ_PROP_NUM(object, 2), change->renamed);
	ZVAL_BOOL(OBJ_PROP_NUM(object, 3), change->changed);
}

ZEND_METHOD(Async_FileSystemEvent, __construct)
{
	(void) return_value;
	ZEND_PARSE_PARAMETERS_NONE();
}

/* ---- the iterator ---- */

typedef struct {
	zend_object_iterator it;
	zval current;
	zend_long key;
	bool finished;
} watcher_iterator_t;

/* The next kept change, waiting for one if there is none; the loop ends once the watcher is
 * closed and drained. A failed watch is thrown after what was kept; so is a cancellation. */
static void iterator_fetch(watcher_iterator_t *iterator)
{
	zval_ptr_dtor(&iterator->current);
	ZVAL_UNDEF(&iterator->current);
	async_fs_watcher_t *watcher = WATCHER_FROM_OBJ(Z_OBJ(iterator->it.data));
	while (true) {
		if (watcher->head < watcher->tail) {
			new_fs_event(watcher, &watcher->queue[watcher->head++], &iterator->current);
			return;
		}
		if (watcher->error != NULL) {
			zend_object *error = watcher->error;
			watcher->error = NULL;
			watcher_close(watcher);
			zval thrown;
			ZVAL_OBJ(&thrown, error); /* the watcher's reference goes with it */
			zend_throw_exception_object(&thrown);
			iterator->finished = true;
			return;
		}
		if (watcher->closed || !async_wait_list_wait(&watcher->waiters, &watcher->std, NULL, "a FileSystemWatcher iteration")) {
			iterator->finished = true;
			return;
		}
	}
}

static void iterator_dtor(zend_object_iterator *it)
{
	watcher_iterator_t *iterator = (watcher_iterator_t *) it;
	zval_ptr_dtor(&iterator->current);
	zval_ptr_dtor(&it->data);
}

static zend_result iterator_valid(zend_object_iterator *it)
{
	return ((watcher_iterator_t *) it)->finished ? FAILURE : SUCCESS;
}

static zval *iterator_current(zend_object_iterator *it)
{
	return &((watcher_iterator_t *) it)->current;
}

static void iterator_key(zend_object_iterator *it, zval *key)
{
	ZVAL_LONG(key, ((watcher_iterator_t *) it)->key);
}

static void iterator_move_forward(zend_object_iterator *it)
{
	watcher_iterator_t *iterator = (watcher_iterator_t *) it;
	iterator->key++;
	iterator_fetch(iterator);
}

static void iterator_rewind(zend_object_iterator *it)
{
	watcher_iterator_t *iterator = (watcher_iterator_t *) it;
	if (Z_TYPE(iterator->current) == IS_UNDEF && !iterator->finished) {
		iterator_fetch(iterator);
	}
}

static const zend_object_iterator_funcs watcher_iterator_funcs = {
	iterator_dtor, iterator_valid, iterator_current, iterator_key, iterator_move_forward,
	iterator_rewind, NULL, NULL
};

static zend_object_iterator *watcher_get_iterator(zend_class_entry *ce, zval *object, int by_ref)
{
	(void) ce;
	if (by_ref) {
		zend_throw_error(NULL, "Cannot iterate a FileSystemWatcher by reference");
		return NULL;
	}
	if (!WATCHER_FROM_OBJ(Z_OBJ_P(object))->constructed) {
		zend_throw_error(NULL, "Cannot iterate a FileSystemWatcher that was not constructed");
		return NULL;
	}
	watcher_iterator_t *iterator = ecalloc(1, sizeof(*iterator));
	zend_iterator_init(&iterator->it);
	ZVAL_OBJ_COPY(&iterator->it.data, Z_OBJ_P(object));
	iterator->it.funcs = &watcher_iterator_funcs;
	ZVAL_UNDEF(&iterator->current);
	return &iterator->it;
}

/* ---- FileSystemWatcher ---- */

/* The extension list: strings, a leading dot optional, matched without regard to case. */
static bool parse_extensions(async_fs_watcher_t *watcher, HashTable *list)
{
	if (zend_hash_num_elements(list) == 0) {
		return true;
	}
	watcher->extensions = zend_new_array(zend_hash_num_elements(list));
	zval *entry;
	ZEND_HASH_FOREACH_VAL(list, entry) {
		if (Z_TYPE_P(entry) != IS_STRING) {
			zend_argument_type_error(6, "must contain only strings, %s given", zend_zval_type_name(entry));
			return false;
		}
		const char *name = Z_STRVAL_P(entry);
		size_t length = Z_STRLEN_P(entry);
		if (length > 0 && name[0] == '.') {
			name++;
			length--;
		}
		if (length == 0) {
			zend_argument_value_error(6, "must not contain an empty extension");
			return false;
		}
		zend_string *extension = zend_string_init(name, length, 0);
		zend_string *lower = zend_string_tolower(extension);
		zend_hash_add_empty_element(watcher->extensions, lower);
		zend_string_release(lower);
		zend_string_release(extension);
	} ZEND_HASH_FOREACH_END();
	return true;
}

ZEND_METHOD(Async_FileSystemWatcher, __construct)
{
	zend_string *path;
	bool recursive = false, coalesce = true;
	zend_long debounce_ms = 0, max_hold_ms = 0;
	HashTable *extensions = NULL;
	(void) return_value;

	ZEND_PARSE_PARAMETERS_START(1, 6)
		Z_PARAM_PATH_STR(path)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(recursive)
		Z_PARAM_BOOL(coalesce)
		Z_PARAM_LONG(debounce_ms)
		Z_PARAM_LONG(max_hold_ms)
		Z_PARAM_ARRAY_HT(extensions)
	ZEND_PARSE_PARAMETERS_END();

	async_fs_watcher_t *watcher = THIS_WATCHER();
	if (watcher->constructed) {
		zend_throw_error(NULL, "Cannot construct a FileSystemWatcher twice");
		RETURN_THROWS();
	}
	if (debounce_ms < 0 || debounce_ms > UINT32_MAX) {
		zend_argument_value_error(4, "must be between 0 and %u", UINT32_MAX);
		RETURN_THROWS();
	}
	if (max_hold_ms < 0) {
		zend_argument_value_error(5, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	if (extensions != NULL && !parse_extensions(watcher, extensions)) {
		RETURN_THROWS();
	}
	/* A trailing slash would double in the relative names of emulated recursion. */
	size_t length = ZSTR_LEN(path);
	while (length > 1 && ZSTR_VAL(path)[length - 1] == '/') {
		length--;
	}
	watcher->path = zend_string_init(ZSTR_VAL(path), length, 0);
	watcher->recursive = recursive;
	watcher->coalesce = coalesce;
	watcher->debounce_ms = debounce_ms;
	watcher->max_hold_ms = max_hold_ms;
	watcher->constructed = true;

	bool ok;
	if (recursive && NATIVE_RECURSIVE) {
		ok = watch_add(watcher, ZSTR_EMPTY_ALLOC(), ZEND_ASYNC_FS_EVENT_RECURSIVE);
	} else if (recursive) {
		ok = watch_tree(watcher, ZSTR_EMPTY_ALLOC());
	} else {
		ok = watch_add(watcher, ZSTR_EMPTY_ALLOC(), 0);
	}
	if (!ok) {
		watcher->closed = true;
		zend_hash_clean(&watcher->watches);
		RETURN_THROWS();
	}
}

ZEND_METHOD(Async_FileSystemWatcher, close)
{
	(void) return_value;
	ZEND_PARSE_PARAMETERS_NONE();
	watcher_close(THIS_WATCHER());
}

ZEND_METHOD(Async_FileSystemWatcher, isClosed)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_fs_watcher_t *watcher = THIS_WATCHER();
	RETURN_BOOL(watcher->closed || !watcher->constructed);
}

ZEND_METHOD(Async_FileSystemWatcher, getIterator)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_create_internal_iterator_zval(return_value, ZEND_THIS);
}

static zend_object *watcher_create(zend_class_entry *ce)
{
	async_fs_watcher_t *watcher = zend_object_alloc(sizeof(async_fs_watcher_t), ce);
	zend_object_std_init(&watcher->std, ce);
	object_properties_init(&watcher->std, ce);
	watcher->std.handlers = &fs_watcher_handlers;
	zend_hash_init(&watcher->watches, 8, NULL, watch_table_dtor, 0);
	async_list_init(&watcher->waiters);
	return &watcher->std;
}

static void watcher_free(zend_object *object)
{
	async_fs_watcher_t *watcher = WATCHER_FROM_OBJ(object);
	/* Waiting loops hold the watcher, so none is left here but after a fatal error. */
	async_wait_list_forget(&watcher->waiters);
	zend_hash_destroy(&watcher->watches);
	quiet_timer_disarm(watcher);
	queue_clear(watcher);
	if (watcher->queue != NULL) {
		efree(watcher->queue);
	}
	if (watcher->extensions != NULL) {
		zend_array_release(watcher->extensions);
	}
	if (watcher->error != NULL) {
		OBJ_RELEASE(watcher->error);
	}
	if (watcher->path != NULL) {
		zend_string_release(watcher->path);
	}
	zend_object_std_dtor(object);
}

void async_userland_register_fs_watcher(void)
{
	async_ce_fs_event = register_class_Async_FileSystemEvent();
	async_ce_fs_watcher = register_class_Async_FileSystemWatcher(async_ce_awaitable, zend_ce_aggregate);
	async_ce_fs_watcher->create_object = watcher_create;
	async_ce_fs_watcher->get_iterator = watcher_get_iterator;
	memcpy(&fs_watcher_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	fs_watcher_handlers.offset = XtOffsetOf(async_fs_watcher_t, std);
	fs_watcher_handlers.free_obj = watcher_free;
	fs_watcher_handlers.clone_obj = NULL;
}
