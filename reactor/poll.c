/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Poll events: readiness of a descriptor (socket, pipe, tty, ...) through uv_poll_t.
 *
 * libuv allows one uv_poll_t per descriptor and loop, yet several events may watch one
 * descriptor (a reader and a writer of the same socket). So the uv_poll_t belongs to a shared
 * per-descriptor handle, kept in a per-request table from the first factory call on that fd to
 * the release of the last event on it. Each event is one of its users, armed or not; the
 * uv_poll_t waits for the union of what its armed users wait for, and each readiness report is
 * fanned out to the armed users, each with its own bits. Events have no libuv handle of their
 * own (their common.handle stays NULL), so their memory goes as soon as their owner lets go.
 *
 * Multi-shot and level-triggered: an event is notified on every loop turn while its condition
 * holds, and never closes itself.
 *
 * A descriptor closed behind our back is dangerous: libuv aborts the process when it registers
 * a closed fd with epoll, which it does lazily at the next poll after uv_poll_start(), and a
 * reused number would silently watch another file. So each handle remembers which file it was
 * made for (device and inode), every (re)start checks that the fd still is that file (unless the
 * owners of all its events release them before closing it), and a check right before the poll
 * phase (a uv_prepare_t) looks again at the handles started since the last poll, in case a
 * callback closed their fd in between. A handle whose file is gone is
 * "lost": libuv never sees it again, its armed events are told ASYNC_DISCONNECT, and a new
 * event on the same number gets a new handle.
 *
 * Each uv_poll_start() and uv_poll_stop() costs epoll_ctl calls (libuv removes and adds the fd
 * again on every start), and a socket read in a loop would stop and start on every wait. So a
 * socket's handle is disarmed lazily: when its last armed user stops it stays registered for
 * what it was armed for, and a user that starts again for no more than that costs only the check
 * that the fd is still the same file. It is narrowed or stopped when a report comes that no
 * armed user wants, and taken out of epoll when its last event is released (its owner does
 * that before closing the fd). Only sockets: a socket's inode is never the same for a new file,
 * so the check tells a closed and reused fd, whose registration epoll dropped; a tty or fifo
 * opened again may have the inode it had.
 */
#include "reactor.h"
#include "zend_smart_str.h"
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>

typedef struct _async_uv_poll_s async_uv_poll_t;
typedef struct _poll_handle_s poll_handle_t;

struct _poll_handle_s {
	uv_poll_t handle;              /* first: the close callback frees from it */
	int fd;
	dev_t dev;                     /* the file fd was when the handle was made */
	ino_t ino;
	async_list_node_t open_link;   /* in open_handles: every handle not yet closing */
	async_list_t users;            /* every event on fd not yet released, newest first */
	async_list_node_t *next_to_notify; /* the fan-out's cursor: unlinking a user moves it on */
	poll_handle_t *next_to_check;  /* in the list the pre-poll check walks */
	poll_handle_t *next_lost;      /* in the pre-poll check's list of lost fds to report */
	int armed_for;                 /* the UV_* mask libuv waits for; 0 while stopped */
	bool disarm_lazily;            /* a socket: see the top of the file */
	bool to_check;
	bool lost;                     /* its fd was closed: never given to libuv again */
	bool closing;
};

struct _async_uv_poll_s {
	zend_async_poll_event_t event;  /* the ABI struct first */
	async_uv_event_t common;
	poll_handle_t *shared;          /* NULL once request shutdown closed it */
	async_list_node_t user_link;    /* in the users of shared */
	bool armed;
	size_t extra_size;
};

#define POLL_OF(ev) ((async_uv_poll_t *) (ev))
#define USER_OF(node) ASYNC_LIST_ENTRY(node, async_uv_poll_t, user_link)
#define ALL_POLL_EVENTS (ASYNC_READABLE | ASYNC_WRITABLE | ASYNC_DISCONNECT | ASYNC_PRIORITIZED)

#define poll_pool ASYNC_G(reactor.poll_pool)
#define poll_handles ASYNC_G(reactor.poll_handles) /* fd => its current poll_handle_t*, for this request */
#define open_handles ASYNC_G(reactor.open_handles) /* including lost ones, which are not in the table */
#define pre_poll ASYNC_G(reactor.pre_poll)
#define poll_reports ASYNC_G(reactor.poll_reports) /* readiness reports libuv delivered (runtime_stats) */

static void shared_rearm_after_notify(poll_handle_t *shared);
static int armed_users_mask(const poll_handle_t *shared);
static void shared_rearm_exactly(poll_handle_t *shared);

/* ---- masks ---- */

static int to_uv_events(async_poll_event events)
{
	return ((events & ASYNC_READABLE) ? UV_READABLE : 0)
		| ((events & ASYNC_WRITABLE) ? UV_WRITABLE : 0)
		| ((events & ASYNC_DISCONNECT) ? UV_DISCONNECT : 0)
		| ((events & ASYNC_PRIORITIZED) ? UV_PRIORITIZED : 0);
}

static async_poll_event from_uv_events(int uv_events)
{
	return ((uv_events & UV_READABLE) ? ASYNC_READABLE : 0)
		| ((uv_events & UV_WRITABLE) ? ASYNC_WRITABLE : 0)
		| ((uv_events & UV_DISCONNECT) ? ASYNC_DISCONNECT : 0)
		| ((uv_events & UV_PRIORITIZED) ? ASYNC_PRIORITIZED : 0);
}

/* 0 when fd is an open descriptor (its file in *st), else the libuv error. */
static int descriptor_stat(int fd, struct stat *st)
{
	if (fd < 0) {
		return UV_EBADF;
	}
	if (fstat(fd, st) != 0) {
		return uv_translate_sys_error(errno);
	}
	return 0;
}

/* 0 while the handle's fd is still the file it was made for; UV_EBADF once that was closed,
 * even if the number now belongs to another file. */
static int shared_fd_error(const poll_handle_t *shared)
{
	struct stat st;
	int error = descriptor_stat(shared->fd, &st);
	if (error == 0 && (st.st_dev != shared->dev || st.st_ino != shared->ino)) {
		error = UV_EBADF;
	}
	return error;
}

static void *throw_cannot_poll(int fd, int error)
{
	char what[64];
	snprintf(what, sizeof(what), "Cannot poll descriptor %d", fd);
	return async_uv_throw(ZEND_ASYNC_EXCEPTION_POLL, error, what);
}

/* ---- delivery ---- */

/* Notifies the armed users of `fired` (each with the bits it waits for), or, for an error
 * condition, every armed user whatever its mask: like POLLERR and POLLHUP in poll(2), an
 * error is news to every waiter. Users may stop, release or add users of this handle meanwhile:
 * the cursor is moved on when its user is unlinked, and new users go in front of it. */
static uint32_t notify_users(poll_handle_t *shared, async_poll_event fired, bool is_error, zend_object *exception)
{
	uint32_t told = 0;
	shared->next_to_notify = async_list_first(&shared->users);
	while (shared->next_to_notify != NULL && !EG(exception)) {
		async_uv_poll_t *poll = USER_OF(shared->next_to_notify);
		shared->next_to_notify = async_list_next(&shared->users, shared->next_to_notify);
		if (!poll->armed) {
			continue;
		}
		async_poll_event mine = is_error ? fired : (fired & poll->event.events);
		if (mine == 0 && exception == NULL) {
			continue;
		}
		poll->event.triggered_events = mine;
		told++;
		ASYNC_UV_NOTIFY(&poll->event.base, NULL, exception);
	}
	shared->next_to_notify = NULL;
	return told;
}

static void on_poll(uv_poll_t *handle, int status, int uv_events)
{
	poll_handle_t *shared = handle->data;

	poll_reports++;
	if (status >= 0) {
		uint32_t told = notify_users(shared, from_uv_events(uv_events), false, NULL);
		/* Lazily armed for what nobody waits for now: narrowed, unless this report woke someone.
		 * A coroutine it woke stops its event at once (its wait is over) and will most likely
		 * wait again after its read; until then the registration stays, and only a report that
		 * comes first (it has not run yet) narrows it. */
		if (told == 0 && !shared->closing && (uv_events & ~armed_users_mask(shared)) != 0) {
			shared_rearm_exactly(shared);
		}
		return;
	}

	/* libuv stopped the handle. UV_EBADF is its report of POLLERR: the other end is gone
	 * (a pipe without reader) or the socket has a pending error. */
	shared->armed_for = 0;
	if (status == UV_EBADF) {
		notify_users(shared, ASYNC_DISCONNECT, true, NULL);
	} else {
		char what[64];
		snprintf(what, sizeof(what), "Polling descriptor %d failed", shared->fd);
		zend_object *exception = async_uv_exception(ZEND_ASYNC_EXCEPTION_POLL, status, what);
		notify_users(shared, 0, true, exception);
		OBJ_RELEASE(exception);
	}
	shared_rearm_after_notify(shared);
}

/* ---- the shared per-descriptor handle ---- */

static bool has_armed_users(const poll_handle_t *shared)
{
	ASYNC_LIST_FOREACH(&shared->users, node) {
		if (USER_OF(node)->armed) {
			return true;
		}
	}
	return false;
}

static void table_remove(poll_handle_t *shared)
{
	if (poll_handles != NULL && zend_hash_index_find_ptr(poll_handles, (zend_ulong) shared->fd) == shared) {
		zend_hash_index_del(poll_handles, (zend_ulong) shared->fd);
	}
}

/* The fd was closed: the handle never reaches libuv again, and a new descriptor that gets the
 * same number gets a handle of its own. */
static void shared_lose_fd(poll_handle_t *shared)
{
	if (!shared->lost) {
		shared->lost = true;
		uv_poll_stop(&shared->handle);
		shared->armed_for = 0;
		table_remove(shared);
	}
}

static void check_unlink(poll_handle_t *shared)
{
	if (!shared->to_check) {
		return;
	}
	for (poll_handle_t **link = &pre_poll.head; *link != NULL; link = &(*link)->next_to_check) {
		if (*link == shared) {
			*link = shared->next_to_check;
			break;
		}
	}
	shared->to_check = false;
	shared->next_to_check = NULL;
}

static void on_pre_poll(uv_prepare_t *prepare);

/* Queues the handle for the check before the next poll. `must_run`: its fd is known to be gone
 * and its armed users must hear of it even if nothing else keeps the loop alive. */
static void check_before_poll(poll_handle_t *shared, bool must_run)
{
	if (!pre_poll.open) {
		uv_prepare_init(async_uv_loop(), &pre_poll.prepare); /* cannot fail */
		pre_poll.open = true;
	}
	if (!shared->to_check) {
		shared->to_check = true;
		shared->next_to_check = pre_poll.head;
		pre_poll.head = shared;
	}
	pre_poll.must_run = pre_poll.must_run || must_run;
	if (pre_poll.must_run) {
		uv_ref((uv_handle_t *) &pre_poll.prepare);
	} else {
		uv_unref((uv_handle_t *) &pre_poll.prepare);
	}
	uv_prepare_start(&pre_poll.prepare, on_pre_poll);
}

/* Right before the poll phase, so no callback can close an fd after its check. */
static void on_pre_poll(uv_prepare_t *prepare)
{
	/* First take every lost fd away from libuv, then tell their users. */
	poll_handle_t *lost = NULL;
	while (pre_poll.head != NULL) {
		poll_handle_t *shared = pre_poll.head;
		pre_poll.head = shared->next_to_check;
		shared->next_to_check = NULL;
		shared->to_check = false;
		if (!shared->lost && shared_fd_error(shared) == 0) {
			continue;
		}
		shared_lose_fd(shared);
		if (has_armed_users(shared)) {
			shared->next_lost = lost;
			lost = shared;
		}
	}
	pre_poll.must_run = false;

	/* The handles stay allocated until the closing phase, even if released meanwhile. */
	while (lost != NULL) {
		poll_handle_t *shared = lost;
		lost = shared->next_lost;
		shared->next_lost = NULL;
		if (shared->closing) {
			continue; /* its last user was released meanwhile */
		}
		if (EG(exception)) {
			check_before_poll(shared, true); /* told on the next turn */
		} else {
			notify_users(shared, ASYNC_DISCONNECT, true, NULL);
		}
	}

	if (pre_poll.head == NULL) {
		uv_prepare_stop(prepare);
	} else if (!pre_poll.must_run) {
		uv_unref((uv_handle_t *) prepare);
	}
}

static void on_pre_poll_closed(uv_handle_t *handle)
{
	(void) handle;
	pre_poll.open = false;
}

static void on_shared_closed(uv_handle_t *handle)
{
	efree(handle->data);
}

static void shared_close(poll_handle_t *shared)
{
	shared->closing = true;
	async_list_remove(&open_handles, &shared->open_link);
	check_unlink(shared);
	table_remove(shared); /* from now on a new event on this fd gets a new handle */
	uv_close((uv_handle_t *) &shared->handle, on_shared_closed);
}

/* Arms libuv with the union of what the armed users wait for (`restart`: even if unchanged,
 * so that a descriptor number reused for a new file is registered again). Returns 0 or the
 * libuv error; a closed fd is lost for good. */
static int armed_users_mask(const poll_handle_t *shared)
{
	int wanted = 0;
	ASYNC_LIST_FOREACH(&shared->users, node) {
		const async_uv_poll_t *poll = USER_OF(node);
		if (poll->armed) {
			wanted |= to_uv_events(poll->event.events);
		}
	}
	return wanted;
}

/* Every event on the handle is released before its descriptor is closed: the descriptor cannot
 * have become another file while the handle stayed armed. */
static bool owners_close_fd(const poll_handle_t *shared)
{
	ASYNC_LIST_FOREACH(&shared->users, node) {
		if (!ZEND_ASYNC_POLL_OWNER_CLOSES(&USER_OF(node)->event.base)) {
			return false;
		}
	}
	return true;
}

static int shared_rearm_as(poll_handle_t *shared, bool restart, bool lazily)
{
	int wanted = 0;
	bool visible = false;
	ASYNC_LIST_FOREACH(&shared->users, node) {
		async_uv_poll_t *poll = USER_OF(node);
		if (poll->armed) {
			wanted |= to_uv_events(poll->event.events);
			visible = visible || !ZEND_ASYNC_EVENT_IS_HIDDEN(&poll->event.base);
		}
	}

	/* Hidden events must not keep the loop alive: only visible ones ref the handle. */
	if (visible) {
		uv_ref((uv_handle_t *) &shared->handle);
	} else {
		uv_unref((uv_handle_t *) &shared->handle);
	}

	if (shared->lost) {
		return wanted == 0 ? 0 : UV_EBADF;
	}
	if (wanted == shared->armed_for && !restart) {
		return 0;
	}
	if (lazily && shared->disarm_lazily && shared->armed_for != 0 && (wanted & ~shared->armed_for) == 0
			&& (restart || wanted == 0)) {
		/* The last armed user stopped: libuv stays armed. Or a user starts for no more than libuv
		 * is armed for: only make sure the fd is that socket still, unless the owners of all its
		 * events promised to release them before closing it. (A user that stops while
		 * others wait on narrows libuv at once, which checks the fd for them.) */
		int error = restart && !owners_close_fd(shared) ? shared_fd_error(shared) : 0;
		if (error < 0) {
			shared_lose_fd(shared);
		}
		return error;
	}
	if (wanted == 0) {
		uv_poll_stop(&shared->handle);
		shared->armed_for = 0;
		return 0;
	}
	/* When the owners of all its events release them before closing the fd (a socket stream's
	 * kept events), the fd is that file still: no fstat() now, only the one before the poll
	 * (which keeps libuv from registering a closed fd should that promise be broken). A server
	 * re-arms a connection's handle after each request that was reported twice (on_poll): the
	 * two checks were 2.8 fstat() per request at 10,000 connections. */
	int error = owners_close_fd(shared) ? 0 : shared_fd_error(shared);
	if (error < 0) {
		shared_lose_fd(shared);
		return error;
	}
	error = uv_poll_start(&shared->handle, wanted, on_poll);
	if (error < 0) {
		uv_poll_stop(&shared->handle);
		shared->armed_for = 0;
		return error;
	}
	shared->armed_for = wanted;
	check_before_poll(shared, false);
	return 0;
}

static int shared_rearm(poll_handle_t *shared, bool restart)
{
	return shared_rearm_as(shared, restart, true);
}

static void shared_rearm_exactly(poll_handle_t *shared)
{
	if (shared_rearm_as(shared, false, false) < 0 && has_armed_users(shared)) {
		check_before_poll(shared, true);
	}
}

/* After a stop, a release or a notify: armed users left behind a lost fd hear of it from
 * the pre-poll check, never from inside the caller's stop(). */
static void shared_rearm_or_report(poll_handle_t *shared, bool restart)
{
	if (shared_rearm(shared, restart) < 0 && has_armed_users(shared)) {
		check_before_poll(shared, true);
	}
}

static void shared_rearm_after_notify(poll_handle_t *shared)
{
	if (!shared->closing) {
		shared_rearm_or_report(shared, false);
	}
}

/* The handle of fd in this request, made on first use; NULL with *error set if fd is not open
 * or libuv refuses it. */
static poll_handle_t *shared_for(int fd, int *error)
{
	struct stat st;
	*error = descriptor_stat(fd, &st);
	if (*error < 0) {
		return NULL;
	}
	if (poll_handles == NULL) {
		ALLOC_HASHTABLE(poll_handles);
		zend_hash_init(poll_handles, 8, NULL, NULL, 0);
	}
	poll_handle_t *shared = zend_hash_index_find_ptr(poll_handles, (zend_ulong) fd);
	if (shared != NULL) {
		if (st.st_dev == shared->dev && st.st_ino == shared->ino) {
			return shared;
		}
		/* Its fd was closed and the number reused: the old events keep the old handle. */
		shared_lose_fd(shared);
		if (has_armed_users(shared)) {
			check_before_poll(shared, true);
		}
	}

	shared = ecalloc(1, sizeof(poll_handle_t));
	/* Refuses what epoll cannot watch (EPERM for a regular file) and sets O_NONBLOCK. */
	*error = uv_poll_init(async_uv_loop(), &shared->handle, fd);
	if (*error < 0) {
		efree(shared);
		return NULL;
	}
	shared->handle.data = shared;
	shared->fd = fd;
	shared->dev = st.st_dev;
	shared->ino = st.st_ino;
	shared->disarm_lazily = S_ISSOCK(st.st_mode);
	async_list_init(&shared->users);
	async_list_prepend(&open_handles, &shared->open_link);
	zend_hash_index_add_new_ptr(poll_handles, (zend_ulong) fd, shared);
	return shared;
}

static void user_link(poll_handle_t *shared, async_uv_poll_t *poll)
{
	poll->shared = shared;
	async_list_prepend(&shared->users, &poll->user_link);
}

/* The event leaves its handle for good; the last one out closes it. */
static void user_unlink(async_uv_poll_t *poll)
{
	poll_handle_t *shared = poll->shared;
	bool was_armed = poll->armed;

	if (shared->next_to_notify == &poll->user_link) {
		shared->next_to_notify = async_list_next(&shared->users, &poll->user_link);
	}
	async_list_remove(&shared->users, &poll->user_link);
	poll->shared = NULL;
	poll->armed = false;

	if (async_list_empty(&shared->users)) {
		shared_close(shared);
	} else if (was_armed) {
		/* Released while still armed (closed without a stop): the others wait for less. */
		shared_rearm_or_report(shared, false);
	}
}

/* ---- the event's methods ---- */

static bool poll_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_poll_t *poll = POLL_OF(event);

	if (poll->shared == NULL) {
		zend_throw_error(NULL, "Cannot start a poll event after the event loop has shut down");
		return false;
	}
	poll->armed = true;
	int error = shared_rearm(poll->shared, true);
	if (error < 0) {
		poll->armed = false;
		shared_rearm_or_report(poll->shared, true); /* the others wait on, or hear of the loss */
		throw_cannot_poll(poll->shared->fd, error);
		return false;
	}
	EVENT_START_EPILOGUE(event);
	return true;
}

static bool poll_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	async_uv_poll_t *poll = POLL_OF(event);
	if (poll->shared != NULL) {
		poll->armed = false;
		shared_rearm_or_report(poll->shared, false);
	}
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static void poll_free_memory(zend_async_event_t *event)
{
	async_uv_poll_t *poll = POLL_OF(event);
	poll_handle_t *shared = poll->shared;
	bool close_fd = ZEND_ASYNC_EVENT_SHOULD_CLOSE_FD(event);
	bool others = shared != NULL && async_list_count(&shared->users) > 1;

	if (close_fd && others) {
		shared_lose_fd(shared); /* while the fd is still open, for epoll's sake */
	}
	if (shared != NULL) {
		user_unlink(poll); /* the last user's uv_close takes the fd out of epoll */
	}
	if (close_fd) {
		close(poll->event.is_socket ? poll->event.socket : poll->event.file);
		if (others && has_armed_users(shared)) {
			check_before_poll(shared, true); /* they watched the fd we just closed */
		}
	}
	async_uv_pool_free(&poll_pool, poll, poll->extra_size);
}

static bool poll_dispose(zend_async_event_t *event)
{
	return async_uv_event_dispose(event, &POLL_OF(event)->common);
}

static void append_mask(smart_str *text, async_poll_event events)
{
	static const struct { async_poll_event bit; const char *name; } names[] = {
		{ASYNC_READABLE, "readable"}, {ASYNC_WRITABLE, "writable"},
		{ASYNC_DISCONNECT, "disconnect"}, {ASYNC_PRIORITIZED, "prioritized"},
	};
	const char *separator = "";
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (events & names[i].bit) {
			smart_str_appends(text, separator);
			smart_str_appends(text, names[i].name);
			separator = "|";
		}
	}
	if (*separator == '\0') {
		smart_str_appends(text, "nothing");
	}
}

static zend_string *poll_info(zend_async_event_t *event)
{
	zend_async_poll_event_t *poll = (zend_async_poll_event_t *) event;
	smart_str text = {0};
	smart_str_append_printf(&text, "poll of %s %d for ", poll->is_socket ? "socket" : "descriptor",
		poll->is_socket ? poll->socket : poll->file);
	append_mask(&text, poll->events);
	return smart_str_extract(&text);
}

/* ---- factories ---- */

static const async_uv_event_ops_t poll_ops = {poll_start, poll_stop, poll_dispose, poll_info};

static zend_async_poll_event_t *new_poll(int fd, bool is_socket, async_poll_event events, size_t extra_size)
{
	async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}
	int error;
	poll_handle_t *shared = shared_for(fd, &error);
	if (shared == NULL) {
		return throw_cannot_poll(fd, error);
	}

	if (poll_pool.capacity == 0 && async_reactor_settings.poll_pool_size > 0) {
		poll_pool.capacity = (uint32_t) async_reactor_settings.poll_pool_size;
	}
	async_uv_poll_t *poll = async_uv_pool_alloc(&poll_pool, sizeof(async_uv_poll_t), extra_size);
	zend_async_event_t *base = &poll->event.base;

	async_uv_event_setup(base, sizeof(async_uv_poll_t), &poll_ops);
	poll->event.is_socket = is_socket;
	if (is_socket) {
		poll->event.socket = fd;
	} else {
		poll->event.file = fd;
	}
	/* Bits outside the four are not libuv's to see. */
	poll->event.events = events & ALL_POLL_EVENTS;
	poll->extra_size = extra_size;

	async_uv_event_init(&poll->common, base, NULL, poll_free_memory);
	user_link(shared, poll);
	return &poll->event;
}

zend_async_poll_event_t *async_uv_new_socket_event(zend_socket_t socket, async_poll_event events, size_t extra_size)
{
	return new_poll(socket, true, events, extra_size);
}

zend_async_poll_event_t *async_uv_new_poll_event(zend_file_descriptor_t fh, zend_socket_t socket,
	async_poll_event events, size_t extra_size)
{
	/* Upstream's rule: a socket when one is given (0 meaning none), else the descriptor. */
	if (socket > 0) {
		return new_poll(socket, true, events, extra_size);
	}
	return new_poll(fh, false, events, extra_size);
}

void async_uv_poll_pool_stats(uint64_t *reused, uint64_t *allocated)
{
	*reused = poll_pool.reused;
	*allocated = poll_pool.allocated;
}

uint64_t async_uv_poll_reports(void)
{
	return poll_reports;
}

/* Request end, after every kind's handles were closed and before the loop closes: stops and
 * closes the shared handles (events their owners still hold keep no handle) and empties the
 * pool; events freed later (orphans) are then freed directly. */
void async_uv_poll_rinit(void)
{
	async_list_init(&open_handles);
}

void async_uv_poll_request_shutdown(void)
{
	if (poll_handles != NULL) {
		zend_hash_destroy(poll_handles);
		FREE_HASHTABLE(poll_handles);
		poll_handles = NULL;
	}
	async_list_node_t *node;
	while ((node = async_list_first(&open_handles)) != NULL) {
		poll_handle_t *shared = ASYNC_LIST_ENTRY(node, poll_handle_t, open_link);
		if (async_list_empty(&shared->users)) {
			shared_close(shared);
			continue;
		}
		async_list_node_t *user;
		while ((user = async_list_first(&shared->users)) != NULL) { /* the last one out closes the handle */
			async_event_stop_all(&USER_OF(user)->event.base);
			user_unlink(USER_OF(user));
		}
	}

	if (pre_poll.open && !uv_is_closing((uv_handle_t *) &pre_poll.prepare)) {
		uv_close((uv_handle_t *) &pre_poll.prepare, on_pre_poll_closed);
	}
	pre_poll.head = NULL;
	pre_poll.must_run = false;

	async_uv_pool_drain(&poll_pool);
	poll_pool.capacity = 0;
}
