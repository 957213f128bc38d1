/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * async_test: poll and socket events of the registered reactor, through the public header.
 * Descriptors are real: socketpairs, pipes, a TCP connection on loopback, regular files,
 * made with plain POSIX calls. Each scenario returns a log; callbacks log what they saw.
 */
#include "async_test.h"
#include "zend_exceptions.h"
#include "test_poll_arginfo.h"
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/resource.h>
#include <sys/socket.h>

const zend_function_entry *async_test_poll_functions(void)
{
	return ext_functions;
}

/* ---- a logging callback whose state lives in the callback, so pooled events work too ---- */

typedef enum {
	DO_NOTHING,
	DO_STOP,           /* stop itself */
	DO_RELEASE,        /* release itself */
	DO_RELEASE_OTHER,  /* release `other` (once) */
	DO_STOP_OTHER,     /* stop `other` (once) */
	DO_RELEASE_ALL,    /* release every event of `group`, itself included */
	DO_START_NEW,      /* make and start a new event on the same fd, into *made */
} poll_action_t;

typedef struct {
	zend_async_event_callback_t base;
	const char *name;          /* NULL: do not log */
	poll_action_t action;
	zend_async_event_t *other;
	zend_async_event_t **group;
	int group_size;
	zend_async_event_t **made;
	zend_long *counter;        /* incremented on each delivery, if set */
} poll_callback_t;

static const char *mask_text(async_poll_event events)
{
	static char text[64];
	text[0] = '\0';
	if (events & ASYNC_READABLE) strcat(text, "|readable");
	if (events & ASYNC_WRITABLE) strcat(text, "|writable");
	if (events & ASYNC_DISCONNECT) strcat(text, "|disconnect");
	if (events & ASYNC_PRIORITIZED) strcat(text, "|prioritized");
	return text[0] ? text + 1 : "nothing";
}

static const char *exception_text(zend_object *exception)
{
	static char text[256];
	zval rv;
	zval *message = zend_read_property_ex(zend_get_exception_base(exception), exception,
		ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	snprintf(text, sizeof(text), "%s: %s", ZSTR_VAL(exception->ce->name),
		Z_TYPE_P(message) == IS_STRING ? Z_STRVAL_P(message) : "?");
	return text;
}

static zend_async_event_t *watch_fd(const char *name, int fd, async_poll_event events, poll_action_t action);

static void on_ready(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	poll_callback_t *cb = (poll_callback_t *) callback;
	zend_async_poll_event_t *poll = (zend_async_poll_event_t *) event;

	if (cb->counter != NULL) {
		(*cb->counter)++;
	}
	if (cb->name != NULL) {
		if (exception != NULL) {
			async_test_logf("  %s: exception %s", cb->name, exception_text(exception));
		} else {
			async_test_logf("  %s: %s%s", cb->name, mask_text(poll->triggered_events),
				result == NULL ? "" : " (result is not NULL!)");
		}
	}

	switch (cb->action) {
		case DO_NOTHING:
			break;
		case DO_STOP:
			event->stop(event);
			break;
		case DO_RELEASE:
			async_test_logf("  %s releases itself", cb->name);
			ZEND_ASYNC_EVENT_RELEASE(event);
			break;
		case DO_RELEASE_OTHER:
			if (cb->other != NULL) {
				async_test_logf("  %s releases another event on its fd", cb->name);
				ZEND_ASYNC_EVENT_RELEASE(cb->other);
				cb->other = NULL;
			}
			break;
		case DO_STOP_OTHER:
			if (cb->other != NULL) {
				async_test_logf("  %s stops another event on its fd", cb->name);
				cb->other->stop(cb->other);
				cb->other = NULL;
			}
			break;
		case DO_RELEASE_ALL: {
			/* The callback struct goes with its event: copy what the loop needs first. */
			zend_async_event_t **group = cb->group;
			int size = cb->group_size;
			async_test_logf("  %s releases all %d events on its fd", cb->name, size);
			cb->action = DO_NOTHING;
			for (int i = 0; i < size; i++) {
				ZEND_ASYNC_EVENT_RELEASE(group[i]);
				group[i] = NULL;
			}
			break;
		}
		case DO_START_NEW:
			if (*cb->made == NULL) {
				*cb->made = watch_fd("new one", poll->is_socket ? poll->socket : poll->file,
					ASYNC_READABLE | ASYNC_WRITABLE, DO_NOTHING);
				(*cb->made)->start(*cb->made);
				async_test_logf("  %s started a new event on its fd", cb->name);
			}
			break;
	}
}

static poll_callback_t *subscribe(zend_async_event_t *event, const char *name, poll_action_t action)
{
	poll_callback_t *cb = (poll_callback_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_ready, sizeof(poll_callback_t));
	cb->name = name;
	cb->action = action;
	event->add_callback(event, &cb->base);
	return cb;
}

static poll_callback_t *callback_of(zend_async_event_t *event)
{
	return (poll_callback_t *) event->callbacks.data[0];
}

/* A poll event on fd in descriptor mode, without extra_size (so from the pool). */
static zend_async_event_t *watch_fd(const char *name, int fd, async_poll_event events, poll_action_t action)
{
	zend_async_poll_event_t *poll = ZEND_ASYNC_NEW_POLL_EVENT(fd, 0, events);
	if (poll == NULL) {
		return NULL;
	}
	subscribe(&poll->base, name, action);
	return &poll->base;
}

/* One non-blocking loop turn: what is ready now is delivered now. */
static void turn(const char *what)
{
	async_test_logf("turn%s%s:", what[0] ? ", " : "", what);
	ZEND_ASYNC_REACTOR_EXECUTE(true);
}

static void log_exception(const char *what, void *returned)
{
	if (EG(exception) == NULL) {
		async_test_logf("%s: no exception, returned %s", what, returned ? "an event" : "NULL");
		return;
	}
	async_test_logf("%s: %s, returned %s", what, exception_text(EG(exception)), returned ? "an event" : "NULL");
	zend_clear_exception();
}

#define LOG_STATE(what, ev) async_test_logf("%s: loop_ref_count %u, active %u, closed %d", what, \
	(ev)->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT, ZEND_ASYNC_EVENT_IS_CLOSED(ev))

static void pair(int sv[2])
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		zend_error_noreturn(E_ERROR, "socketpair: %s", strerror(errno));
	}
}

static void send_byte(int fd)
{
	if (send(fd, "x", 1, MSG_NOSIGNAL) != 1) {
		async_test_logf("send failed: %s", strerror(errno));
	}
}

/* Reads what is waiting (sockets and pipes alike). */
static void drain(int fd)
{
	char buf[64];
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	while (read(fd, buf, sizeof(buf)) > 0) {
	}
}

static bool fd_open(int fd)
{
	return fcntl(fd, F_GETFD) != -1;
}

/* ---- scenarios ---- */

static void scenario_readable(void)
{
	int sv[2];
	pair(sv);
	zend_async_event_t *reader = watch_fd("reader", sv[0], ASYNC_READABLE, DO_NOTHING);
	reader->start(reader);
	LOG_STATE("started", reader);
	turn("nothing written yet");
	send_byte(sv[1]);
	turn("after the peer wrote");
	turn("not read yet: level-triggered, so again");
	drain(sv[0]);
	turn("after reading it all");
	reader->stop(reader);
	LOG_STATE("stopped", reader);
	send_byte(sv[1]);
	turn("stopped, data waiting");
	ZEND_ASYNC_EVENT_RELEASE(reader);
	close(sv[0]);
	close(sv[1]);
}

static void scenario_writable(void)
{
	int sv[2];
	pair(sv);
	zend_async_event_t *writer = watch_fd("writer", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	writer->start(writer);
	turn("");
	turn("multi-shot");
	LOG_STATE("after two turns", writer);
	ZEND_ASYNC_EVENT_RELEASE(writer);
	close(sv[0]);
	close(sv[1]);
}

static void scenario_disconnect(void)
{
	int sv[2];
	pair(sv);
	zend_async_event_t *evs[3] = {
		watch_fd("disconnect only", sv[0], ASYNC_DISCONNECT, DO_NOTHING),
		watch_fd("readable only", sv[0], ASYNC_READABLE, DO_NOTHING),
		watch_fd("readable|disconnect", sv[0], ASYNC_READABLE | ASYNC_DISCONNECT, DO_NOTHING),
	};
	for (int i = 0; i < 3; i++) {
		evs[i]->start(evs[i]);
	}
	turn("peer still there");
	close(sv[1]);
	turn("after the peer closed");
	char c;
	async_test_logf("recv then returns %zd (end of file)", recv(sv[0], &c, 1, 0));
	for (int i = 0; i < 3; i++) {
		ZEND_ASYNC_EVENT_RELEASE(evs[i]);
	}
	close(sv[0]);
}

static void scenario_pipe_writer_gone(void)
{
	int p[2];
	if (pipe(p) != 0) return;
	zend_async_event_t *reader = watch_fd("read end", p[0], ASYNC_READABLE | ASYNC_DISCONNECT, DO_NOTHING);
	reader->start(reader);
	turn("writer still open");
	if (write(p[1], "x", 1) != 1) async_test_logf("write failed");
	turn("after a write");
	close(p[1]);
	turn("writer closed, data left: epoll says POLLIN|POLLHUP, libuv only readable");
	drain(p[0]);
	turn("all read: a bare POLLHUP, so readable|disconnect");
	ZEND_ASYNC_EVENT_RELEASE(reader);
	close(p[0]);
}

static void scenario_pipe_reader_gone(void)
{
	int p[2];
	if (pipe(p) != 0) return;
	zend_async_event_t *writer = watch_fd("write end", p[1], ASYNC_WRITABLE, DO_NOTHING);
	writer->start(writer);
	turn("reader still open");
	close(p[0]);
	turn("after the reader closed (libuv reports UV_EBADF)");
	turn("still armed: reported again");
	LOG_STATE("write end", writer);
	ZEND_ASYNC_EVENT_RELEASE(writer);
	close(p[1]);
}

static void scenario_two_on_one_fd(void)
{
	int sv[2];
	pair(sv);
	zend_async_event_t *reader = watch_fd("reader", sv[0], ASYNC_READABLE, DO_NOTHING);
	zend_async_event_t *writer = watch_fd("writer", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	reader->start(reader);
	writer->start(writer);
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	turn("nothing to read");
	send_byte(sv[1]);
	turn("after the peer wrote");
	writer->stop(writer);
	turn("writer stopped");
	drain(sv[0]);
	turn("writer stopped, all read");
	writer->start(writer);
	turn("writer started again");
	reader->stop(reader);
	send_byte(sv[1]);
	turn("reader stopped, data waiting");
	ZEND_ASYNC_EVENT_RELEASE(writer);
	ZEND_ASYNC_EVENT_RELEASE(reader);
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	close(sv[0]);
	close(sv[1]);
}

static void scenario_three_on_one_fd(void)
{
	int sv[2];
	pair(sv);
	zend_async_event_t *evs[3] = {
		watch_fd("reader", sv[0], ASYNC_READABLE, DO_NOTHING),
		watch_fd("writer", sv[0], ASYNC_WRITABLE, DO_NOTHING),
		watch_fd("disconnect", sv[0], ASYNC_DISCONNECT, DO_NOTHING),
	};
	for (int i = 0; i < 3; i++) {
		evs[i]->start(evs[i]);
	}
	turn("");
	send_byte(sv[1]);
	turn("after the peer wrote");
	evs[1]->stop(evs[1]);
	close(sv[1]);
	turn("writer stopped, peer closed");
	for (int i = 0; i < 3; i++) {
		ZEND_ASYNC_EVENT_RELEASE(evs[i]);
	}
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	close(sv[0]);
}

static void scenario_orders(void)
{
	int sv[2];
	pair(sv);
	send_byte(sv[1]); /* sv[0] is readable and writable from now on */
	zend_async_event_t *ev, *other;

	async_test_logf("-- created, released, never started");
	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	turn("");

	async_test_logf("-- stopped without a start");
	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->stop(ev);
	LOG_STATE("after stop", ev);
	ZEND_ASYNC_EVENT_RELEASE(ev);

	async_test_logf("-- started, released while armed");
	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	LOG_STATE("started", ev);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	async_test_logf("released: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	turn("nothing left to notify");

	async_test_logf("-- started, stopped, started again, stopped, released");
	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	ev->stop(ev);
	turn("stopped");
	ev->start(ev);
	turn("started again");
	ev->stop(ev);
	ZEND_ASYNC_EVENT_RELEASE(ev);

	async_test_logf("-- started twice, stopped once: still armed");
	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	ev->start(ev);
	ev->stop(ev);
	LOG_STATE("after one stop", ev);
	turn("");
	ev->stop(ev);
	LOG_STATE("after the second stop", ev);
	turn("");
	ZEND_ASYNC_EVENT_RELEASE(ev);

	async_test_logf("-- two owners");
	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ZEND_ASYNC_EVENT_ADD_REF(ev);
	ev->start(ev);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	async_test_logf("one owner let go: refcount %u", ZEND_ASYNC_EVENT_REFCOUNT(ev));
	turn("still armed");
	ZEND_ASYNC_EVENT_RELEASE(ev);
	async_test_logf("the other let go: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	turn("");

	async_test_logf("-- the first of two on one fd released while both armed");
	ev = watch_fd("first", sv[0], ASYNC_READABLE, DO_NOTHING);
	other = watch_fd("second", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	ev->start(ev);
	other->start(other);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	turn("the second still works");
	ZEND_ASYNC_EVENT_RELEASE(other);

	async_test_logf("-- the fd's last event released, a new one made at once (its handle is closing)");
	ev = watch_fd("old", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	turn("");
	ZEND_ASYNC_EVENT_RELEASE(ev);
	ev = watch_fd("new", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	turn("the new one works");
	ZEND_ASYNC_EVENT_RELEASE(ev);

	async_test_logf("-- closed by its owner while armed, then released");
	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	zend_async_event_close(ev);
	LOG_STATE("closed", ev);
	ev->start(ev);
	turn("a closed event is not armed again");
	ZEND_ASYNC_EVENT_RELEASE(ev);

	async_test_logf("-- many on one fd, released in creation order, armed ones among them");
	zend_async_event_t *many[6];
	for (int i = 0; i < 6; i++) {
		many[i] = watch_fd(NULL, sv[0], i % 2 ? ASYNC_WRITABLE : ASYNC_READABLE, DO_NOTHING);
		if (i % 3 != 0) {
			many[i]->start(many[i]);
		}
	}
	for (int i = 0; i < 6; i++) {
		ZEND_ASYNC_EVENT_RELEASE(many[i]);
	}
	turn("");
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	close(sv[0]);
	close(sv[1]);
}

static void scenario_dispose_in_callback(void)
{
	int sv[2];
	pair(sv);
	zend_async_event_t *stays = watch_fd("stays", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	zend_async_event_t *goes = watch_fd("goes", sv[0], ASYNC_WRITABLE, DO_RELEASE);
	stays->start(stays);
	goes->start(goes);
	turn("");
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	turn("only the one left");
	ZEND_ASYNC_EVENT_RELEASE(stays);

	async_test_logf("-- alone on its fd: the shared handle closes from inside its own callback");
	zend_async_event_t *alone = watch_fd("alone", sv[0], ASYNC_WRITABLE, DO_RELEASE);
	alone->start(alone);
	turn("");
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	turn("");
	close(sv[0]);
	close(sv[1]);
}

static void scenario_dispose_other_in_callback(void)
{
	int sv[2];
	pair(sv);
	/* Newest first: c, then b, then a. */
	zend_async_event_t *a = watch_fd("a", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	zend_async_event_t *b = watch_fd("b", sv[0], ASYNC_WRITABLE, DO_RELEASE_OTHER);
	zend_async_event_t *c = watch_fd("c", sv[0], ASYNC_WRITABLE, DO_RELEASE_OTHER);
	callback_of(c)->other = b; /* the one it would visit next */
	callback_of(b)->other = a;
	a->start(a);
	b->start(b);
	c->start(c);
	turn("c releases b, the next in line");
	turn("");
	ZEND_ASYNC_EVENT_RELEASE(c);
	ZEND_ASYNC_EVENT_RELEASE(a);

	async_test_logf("-- a callback releases every event on its fd, itself included");
	zend_async_event_t *group[3];
	group[0] = watch_fd("x", sv[0], ASYNC_WRITABLE, DO_RELEASE_ALL);
	group[1] = watch_fd("y", sv[0], ASYNC_WRITABLE, DO_RELEASE_ALL);
	group[2] = watch_fd("z", sv[0], ASYNC_WRITABLE, DO_RELEASE_ALL);
	for (int i = 0; i < 3; i++) {
		callback_of(group[i])->group = group;
		callback_of(group[i])->group_size = 3;
		group[i]->start(group[i]);
	}
	turn("");
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	zend_async_event_t *after = watch_fd("made after", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	after->start(after);
	turn("");
	ZEND_ASYNC_EVENT_RELEASE(after);

	async_test_logf("-- a callback stops another event on its fd");
	a = watch_fd("a", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	b = watch_fd("b", sv[0], ASYNC_WRITABLE, DO_STOP_OTHER);
	callback_of(b)->other = a;
	a->start(a);
	b->start(b);
	turn("");
	LOG_STATE("a", a);
	ZEND_ASYNC_EVENT_RELEASE(a);
	ZEND_ASYNC_EVENT_RELEASE(b);

	async_test_logf("-- a callback starts a new event on its fd");
	zend_async_event_t *made = NULL;
	a = watch_fd("a", sv[0], ASYNC_WRITABLE, DO_START_NEW);
	callback_of(a)->made = &made;
	a->start(a);
	turn("");
	turn("");
	ZEND_ASYNC_EVENT_RELEASE(a);
	ZEND_ASYNC_EVENT_RELEASE(made);
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	close(sv[0]);
	close(sv[1]);
}

static void scenario_extra_size(void)
{
	int sv[2];
	pair(sv);
	const size_t extra = 100;
	zend_async_poll_event_t *poll = ZEND_ASYNC_NEW_POLL_EVENT_EX(sv[0], 0, ASYNC_WRITABLE, extra);
	zend_async_event_t *ev = &poll->base;
	unsigned char *area = ZEND_ASYNC_EVENT_EXTRA(ev);
	async_test_logf("extra area behind the struct: %d", ev->extra_offset >= sizeof(zend_async_poll_event_t)
		&& area == (unsigned char *) ev + ev->extra_offset);
	memset(area, 0xAB, extra);
	subscribe(ev, "with extra", DO_NOTHING);
	ev->start(ev);
	turn("");
	bool intact = true;
	for (size_t i = 0; i < extra; i++) {
		intact = intact && area[i] == 0xAB;
	}
	async_test_logf("extra area intact: %d, fd field %d", intact, poll->file == sv[0]);
	ZEND_ASYNC_EVENT_RELEASE(ev);

	/* Events with and without extra on one fd. */
	zend_async_poll_event_t *big = ZEND_ASYNC_NEW_POLL_EVENT_EX(sv[0], 0, ASYNC_WRITABLE, 4096);
	memset(ZEND_ASYNC_EVENT_EXTRA(&big->base), 0, 4096);
	zend_async_event_t *small = watch_fd("without extra", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	subscribe(&big->base, "with 4096 extra bytes", DO_NOTHING);
	big->base.start(&big->base);
	small->start(small);
	turn("");
	ZEND_ASYNC_EVENT_RELEASE(&big->base);
	ZEND_ASYNC_EVENT_RELEASE(small);
	close(sv[0]);
	close(sv[1]);
}

static void scenario_fields(void)
{
	int sv[2];
	pair(sv);
	zend_async_poll_event_t *polls[4] = {
		ZEND_ASYNC_NEW_SOCKET_EVENT(sv[0], ASYNC_READABLE | ASYNC_WRITABLE),
		ZEND_ASYNC_NEW_POLL_EVENT(sv[0], 0, ASYNC_DISCONNECT),
		ZEND_ASYNC_NEW_POLL_EVENT(ZEND_FD_NULL, sv[0], ASYNC_PRIORITIZED),
		ZEND_ASYNC_NEW_POLL_EVENT(sv[1], sv[0], ASYNC_READABLE | 0x30),
	};
	const char *made_by[4] = {"socket event", "poll event, fd", "poll event, socket only", "poll event, fd and socket"};
	for (int i = 0; i < 4; i++) {
		zend_async_poll_event_t *p = polls[i];
		zend_string *info = p->base.info(&p->base);
		async_test_logf("%s: is_socket %d, descriptor is sv[%d], events %s, triggered %s, refcount %u, info \"%s\"",
			made_by[i], p->is_socket, (p->is_socket ? p->socket : p->file) == sv[0] ? 0 : 1,
			mask_text(p->events), mask_text(p->triggered_events), p->base.ref_count, ZSTR_VAL(info));
		zend_string_release(info);
		ZEND_ASYNC_EVENT_RELEASE(&p->base);
	}
	zend_async_poll_event_t *none = ZEND_ASYNC_NEW_POLL_EVENT(sv[0], 0, 0);
	zend_string *info = none->base.info(&none->base);
	async_test_logf("waiting for nothing: \"%s\"", ZSTR_VAL(info));
	zend_string_release(info);
	subscribe(&none->base, "waits for nothing", DO_NOTHING);
	none->base.start(&none->base);
	turn("never notified");
	ZEND_ASYNC_EVENT_RELEASE(&none->base);
	close(sv[0]);
	close(sv[1]);
}

static void scenario_errors(void)
{
	zend_async_poll_event_t *poll;

	poll = ZEND_ASYNC_NEW_POLL_EVENT(-1, 0, ASYNC_READABLE);
	log_exception("fd -1", poll);
	poll = ZEND_ASYNC_NEW_POLL_EVENT(ZEND_FD_NULL, ZEND_SOCKET_NULL, ASYNC_READABLE);
	log_exception("neither fd nor socket", poll);
	poll = ZEND_ASYNC_NEW_SOCKET_EVENT(-1, ASYNC_READABLE);
	log_exception("socket -1", poll);

	int p[2];
	if (pipe(p) != 0) return;
	close(p[0]);
	close(p[1]);
	poll = ZEND_ASYNC_NEW_POLL_EVENT(p[0], 0, ASYNC_READABLE);
	log_exception("a closed fd", poll);

	FILE *file = tmpfile();
	poll = ZEND_ASYNC_NEW_POLL_EVENT(fileno(file), 0, ASYNC_READABLE);
	log_exception("a regular file", poll);
	fclose(file);

	int dir = open(".", O_RDONLY | O_DIRECTORY);
	poll = ZEND_ASYNC_NEW_POLL_EVENT(dir, 0, ASYNC_READABLE);
	log_exception("a directory", poll);
	close(dir);

	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static void scenario_closed_while_watched(void)
{
	int sv[2];
	zend_async_event_t *ev, *other;

	async_test_logf("-- closed after the loop registered it: epoll forgets it, nothing is reported");
	pair(sv);
	ev = watch_fd("reader", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	turn("registered");
	close(sv[0]);
	send(sv[1], "x", 1, MSG_NOSIGNAL);
	turn("after the close");
	ev->stop(ev);
	LOG_STATE("stopped", ev);
	bool started = ev->start(ev);
	log_exception("start again", NULL);
	async_test_logf("start returned %d", started);
	LOG_STATE("after the failed start", ev);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	close(sv[1]);

	async_test_logf("-- closed by its owner, the number reused by a new socket while the old event lives");
	pair(sv);
	int old_fd = sv[0];
	ev = watch_fd("old socket", sv[0], ASYNC_READABLE, DO_STOP);
	ev->start(ev);
	turn("registered");
	close(sv[0]);
	close(sv[1]);
	pair(sv);
	async_test_logf("same number: %d", sv[0] == old_fd);
	other = watch_fd("new socket", sv[0], ASYNC_READABLE, DO_NOTHING);
	other->start(other);
	send_byte(sv[1]);
	turn("the old event hears its fd is gone, the new one sees its data");
	ZEND_ASYNC_EVENT_RELEASE(ev);
	ZEND_ASYNC_EVENT_RELEASE(other);
	close(sv[0]);
	close(sv[1]);

	async_test_logf("-- closed before the loop registered it: told by the check before the poll");
	pair(sv);
	ev = watch_fd("reader", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	close(sv[0]);
	turn("");
	turn("told once");
	LOG_STATE("reader", ev);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	close(sv[1]);

	async_test_logf("-- two on the fd, one stopped after the close: the other is told");
	pair(sv);
	ev = watch_fd("reader", sv[0], ASYNC_READABLE, DO_NOTHING);
	other = watch_fd("writer", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	ev->start(ev);
	other->start(other);
	turn("registered");
	close(sv[0]);
	close(sv[1]);
	ev->stop(ev);
	turn("");
	turn("told once");
	ZEND_ASYNC_EVENT_RELEASE(ev);
	ZEND_ASYNC_EVENT_RELEASE(other);

	async_test_logf("-- a callback closes the fd another callback just re-armed");
	pair(sv);
	ev = watch_fd("reader", sv[0], ASYNC_READABLE, DO_NOTHING);
	other = watch_fd("writer", sv[0], ASYNC_WRITABLE, DO_STOP);
	ev->start(ev);
	other->start(other);
	turn("the writer stops itself, so the handle is re-armed for the reader");
	close(sv[0]);
	turn("closed before that re-arm reached epoll");
	turn("");
	ZEND_ASYNC_EVENT_RELEASE(ev);
	ZEND_ASYNC_EVENT_RELEASE(other);
	close(sv[1]);
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

/* ZEND_ASYNC_POLL_F_OWNER_CLOSES: the owner promises to release its event before it closes the
 * fd, so a start after a stop does not check the fd again (no fstat per wait). The proof that the
 * check is skipped: an owner that breaks the promise is not caught, where one without the flag is. */
static void scenario_owner_closes(void)
{
	int sv[2];
	zend_async_event_t *ev;

	for (int flagged = 0; flagged <= 1; flagged++) {
		async_test_logf("-- %s: started, stopped, the fd closed behind the event, started again",
			flagged ? "with F_OWNER_CLOSES" : "without the flag");
		pair(sv);
		ev = watch_fd("reader", sv[0], ASYNC_READABLE, DO_NOTHING);
		if (flagged) {
			ZEND_ASYNC_POLL_SET_OWNER_CLOSES(ev);
		}
		async_test_logf("flag set: %d", ZEND_ASYNC_POLL_OWNER_CLOSES(ev));
		ev->start(ev);
		send_byte(sv[1]);
		turn("data");
		drain(sv[0]);
		ev->stop(ev);
		close(sv[0]);
		bool started = ev->start(ev);
		log_exception("start again", NULL);
		async_test_logf("start returned %d", started);
		if (started) {
			ev->stop(ev);
		}
		ZEND_ASYNC_EVENT_RELEASE(ev);
		close(sv[1]);
	}

	async_test_logf("-- with F_OWNER_CLOSES, kept as promised: waits again and again, released before the close");
	pair(sv);
	ev = watch_fd("reader", sv[0], ASYNC_READABLE, DO_STOP);
	ZEND_ASYNC_POLL_SET_OWNER_CLOSES(ev);
	for (int i = 0; i < 3; i++) {
		ev->start(ev);
		send_byte(sv[1]);
		turn("a byte");
		drain(sv[0]);
	}
	ZEND_ASYNC_EVENT_RELEASE(ev);
	close(sv[0]);
	close(sv[1]);
	pair(sv);
	ev = watch_fd("next socket, maybe the same number", sv[0], ASYNC_READABLE, DO_NOTHING);
	ZEND_ASYNC_POLL_SET_OWNER_CLOSES(ev);
	ev->start(ev);
	send_byte(sv[1]);
	turn("its data");
	ZEND_ASYNC_EVENT_RELEASE(ev);
	close(sv[0]);
	close(sv[1]);
	async_test_logf("active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static void scenario_close_fd(void)
{
	int sv[2];
	zend_async_event_t *ev;

	pair(sv);
	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ev->start(ev);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	async_test_logf("without F_CLOSE_FD the fd stays open: %d", fd_open(sv[0]));

	ev = watch_fd("e", sv[0], ASYNC_READABLE, DO_NOTHING);
	ZEND_ASYNC_EVENT_SET_CLOSE_FD(ev);
	ev->start(ev);
	ZEND_ASYNC_EVENT_ADD_REF(ev);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	async_test_logf("with F_CLOSE_FD, one of two owners gone: open %d", fd_open(sv[0]));
	ZEND_ASYNC_EVENT_RELEASE(ev);
	async_test_logf("with F_CLOSE_FD, released: open %d", fd_open(sv[0]));
	close(sv[1]);

	async_test_logf("-- F_CLOSE_FD while another event watches the fd, then the number is reused");
	pair(sv);
	int old_fd = sv[0];
	zend_async_event_t *closer = watch_fd("closer", sv[0], ASYNC_READABLE, DO_NOTHING);
	zend_async_event_t *left = watch_fd("left behind", sv[0], ASYNC_READABLE, DO_STOP);
	ZEND_ASYNC_EVENT_SET_CLOSE_FD(closer);
	closer->start(closer);
	left->start(left);
	turn("");
	ZEND_ASYNC_EVENT_RELEASE(closer);
	async_test_logf("fd closed: %d", !fd_open(old_fd));
	close(sv[1]);
	turn("the one left behind is told");
	pair(sv);
	async_test_logf("a new socket got the same number: %d", sv[0] == old_fd);
	zend_async_event_t *fresh = watch_fd("new socket", sv[0], ASYNC_READABLE, DO_NOTHING);
	fresh->start(fresh);
	send_byte(sv[1]);
	turn("only the new socket's event");
	left->start(left);
	log_exception("the one left behind starts again", NULL);
	ZEND_ASYNC_EVENT_RELEASE(left);
	ZEND_ASYNC_EVENT_RELEASE(fresh);
	close(sv[0]);
	close(sv[1]);
}

typedef struct {
	zend_async_event_callback_t base;
	bool *fired;
} flag_callback_t;

static void on_flag(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	*((flag_callback_t *) callback)->fired = true;
}

/* A hidden timer that fires only if the loop blocks: it does not keep the loop alive itself. */
static zend_async_event_t *watchdog(bool *fired)
{
	zend_async_event_t *timer = &ZEND_ASYNC_NEW_TIMER_EVENT(3000, false)->base;
	ZEND_ASYNC_EVENT_SET_HIDDEN(timer);
	flag_callback_t *cb = (flag_callback_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_flag, sizeof(flag_callback_t));
	cb->fired = fired;
	timer->add_callback(timer, &cb->base);
	timer->start(timer);
	return timer;
}

static void scenario_hidden(void)
{
	int sv[2];
	pair(sv);
	bool blocked = false;
	zend_async_event_t *guard = watchdog(&blocked);

	zend_async_event_t *hidden = watch_fd("hidden", sv[0], ASYNC_READABLE, DO_NOTHING);
	ZEND_ASYNC_EVENT_SET_HIDDEN(hidden);
	hidden->start(hidden);
	LOG_STATE("hidden, started", hidden);
	async_test_logf("loop alive: %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
	ZEND_ASYNC_REACTOR_EXECUTE(false);
	async_test_logf("a blocking turn returned at once: %d", !blocked);

	zend_async_event_t *visible = watch_fd("visible", sv[0], ASYNC_READABLE, DO_NOTHING);
	visible->start(visible);
	async_test_logf("with a visible event on the fd: active %u, loop alive %d", ZEND_ASYNC_ACTIVE_EVENT_COUNT,
		ZEND_ASYNC_REACTOR_LOOP_ALIVE());
	send_byte(sv[1]);
	ZEND_ASYNC_REACTOR_EXECUTE(false);
	async_test_logf("blocked until the data came, not the watchdog: %d", !blocked);
	visible->stop(visible);
	drain(sv[0]);
	ZEND_ASYNC_REACTOR_EXECUTE(false);
	async_test_logf("visible one stopped: a blocking turn returned at once: %d", !blocked);

	/* Like any unreferenced handle, it is polled while something else keeps the loop running. */
	zend_async_event_t *keeps_alive = watch_fd(NULL, sv[1], ASYNC_READABLE, DO_NOTHING);
	keeps_alive->start(keeps_alive);
	send_byte(sv[1]);
	turn("a hidden event is still notified");
	ZEND_ASYNC_EVENT_RELEASE(keeps_alive);
	ZEND_ASYNC_EVENT_RELEASE(visible);
	ZEND_ASYNC_EVENT_RELEASE(hidden);
	guard->stop(guard);
	ZEND_ASYNC_EVENT_RELEASE(guard);
	close(sv[0]);
	close(sv[1]);
}

static void scenario_prioritized(void)
{
	int listener = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = {0};
	socklen_t len = sizeof(addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (listener < 0 || bind(listener, (struct sockaddr *) &addr, sizeof(addr)) != 0 || listen(listener, 1) != 0
			|| getsockname(listener, (struct sockaddr *) &addr, &len) != 0) {
		async_test_logf("cannot listen on loopback: %s", strerror(errno));
		return;
	}
	int client = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(client, (struct sockaddr *) &addr, sizeof(addr)) != 0) {
		async_test_logf("cannot connect: %s", strerror(errno));
		return;
	}
	int server = accept(listener, NULL, NULL);

	zend_async_poll_event_t *poll = ZEND_ASYNC_NEW_SOCKET_EVENT(server, ASYNC_PRIORITIZED);
	zend_async_event_t *ev = &poll->base;
	poll_callback_t *cb = subscribe(ev, "urgent", DO_STOP);
	ev->start(ev);
	turn("nothing urgent yet");
	if (send(client, "!", 1, MSG_OOB | MSG_NOSIGNAL) != 1) {
		async_test_logf("send MSG_OOB failed: %s", strerror(errno));
	}
	async_test_logf("the peer sent one urgent byte, running the loop:");
	/* Loopback delivers at once, but do not count on one turn. */
	zend_long fired = 0;
	cb->counter = &fired;
	bool blocked = false;
	zend_async_event_t *guard = watchdog(&blocked);
	while (fired == 0 && !blocked && ZEND_ASYNC_REACTOR_LOOP_ALIVE()) {
		ZEND_ASYNC_REACTOR_EXECUTE(false);
	}
	async_test_logf("notified: %ld", (long) fired);
	guard->stop(guard);
	ZEND_ASYNC_EVENT_RELEASE(guard);
	ZEND_ASYNC_EVENT_RELEASE(ev);
	close(server);
	close(client);
	close(listener);
}

/* Request end with events their owners never released: the reactor frees them. */
static void scenario_left_at_request_end(void)
{
	int sv[2];
	pair(sv);
	zend_async_event_t *armed = watch_fd("armed", sv[0], ASYNC_READABLE, DO_NOTHING);
	armed->start(armed);
	watch_fd("idle", sv[0], ASYNC_WRITABLE, DO_NOTHING);
	zend_async_event_t *closes = &ZEND_ASYNC_NEW_POLL_EVENT_EX(sv[1], 0, ASYNC_WRITABLE, 32)->base;
	ZEND_ASYNC_EVENT_SET_CLOSE_FD(closes);
	closes->start(closes);
	turn("");
	async_test_logf("left armed: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	/* sv[0] is left open on purpose; sv[1] is closed by the reactor at request end. */
}

static const struct {
	const char *name;
	void (*run)(void);
} scenarios[] = {
	{"readable", scenario_readable},
	{"writable", scenario_writable},
	{"disconnect", scenario_disconnect},
	{"pipe_writer_gone", scenario_pipe_writer_gone},
	{"pipe_reader_gone", scenario_pipe_reader_gone},
	{"two_on_one_fd", scenario_two_on_one_fd},
	{"three_on_one_fd", scenario_three_on_one_fd},
	{"orders", scenario_orders},
	{"dispose_in_callback", scenario_dispose_in_callback},
	{"dispose_other_in_callback", scenario_dispose_other_in_callback},
	{"extra_size", scenario_extra_size},
	{"fields", scenario_fields},
	{"errors", scenario_errors},
	{"closed_while_watched", scenario_closed_while_watched},
	{"close_fd", scenario_close_fd},
	{"owner_closes", scenario_owner_closes},
	{"hidden", scenario_hidden},
	{"prioritized", scenario_prioritized},
	{"left_at_request_end", scenario_left_at_request_end},
};

PHP_FUNCTION(async_test_poll_scenario)
{
	zend_string *name;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();

	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		if (strcmp(ZSTR_VAL(name), scenarios[i].name) == 0) {
			array_init(return_value);
			async_test_log = return_value;
			scenarios[i].run();
			async_test_log = NULL;
			return;
		}
	}
	zend_argument_value_error(1, "is not a poll scenario");
	RETURN_THROWS();
}

/* Makes room for `needed` descriptors: the soft limit up to the hard one. */
static bool enough_descriptors(rlim_t needed)
{
	struct rlimit limit;
	if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
		return false;
	}
	if (limit.rlim_cur >= needed) {
		return true;
	}
	if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed) {
		return false;
	}
	limit.rlim_cur = needed;
	return setrlimit(RLIMIT_NOFILE, &limit) == 0;
}

PHP_FUNCTION(async_test_poll_many)
{
	zend_long count;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(count)
	ZEND_PARSE_PARAMETERS_END();

	if (count < 1 || count > 100000) {
		zend_argument_value_error(1, "must be between 1 and 100000");
		RETURN_THROWS();
	}
	if (!enough_descriptors((rlim_t) count * 2 + 64)) {
		zend_throw_error(NULL, "Cannot open %ld socket pairs: RLIMIT_NOFILE is too low", (long) count);
		RETURN_THROWS();
	}

	int (*pairs)[2] = safe_emalloc(count, sizeof(*pairs), 0);
	zend_async_event_t **evs = safe_emalloc(count, sizeof(*evs), 0);
	zend_long notified = 0;
	for (zend_long i = 0; i < count; i++) {
		pair(pairs[i]);
		evs[i] = watch_fd(NULL, pairs[i][0], ASYNC_READABLE, DO_STOP);
		callback_of(evs[i])->counter = &notified;
		evs[i]->start(evs[i]);
	}
	unsigned int active_at_peak = ZEND_ASYNC_ACTIVE_EVENT_COUNT;
	for (zend_long i = 0; i < count; i++) {
		send_byte(pairs[i][1]);
	}

	/* Each stops itself once notified: run while any is armed (bounded, in case one never is). */
	bool blocked = false;
	zend_async_event_t *guard = watchdog(&blocked);
	while (notified < count && !blocked && ZEND_ASYNC_REACTOR_LOOP_ALIVE()) {
		ZEND_ASYNC_REACTOR_EXECUTE(false);
	}
	guard->stop(guard);
	ZEND_ASYNC_EVENT_RELEASE(guard);
	unsigned int active_after = ZEND_ASYNC_ACTIVE_EVENT_COUNT;

	for (zend_long i = 0; i < count; i++) {
		ZEND_ASYNC_EVENT_RELEASE(evs[i]);
		close(pairs[i][0]);
		close(pairs[i][1]);
	}
	efree(evs);
	efree(pairs);

	array_init(return_value);
	add_assoc_long(return_value, "active_at_peak", active_at_peak);
	add_assoc_long(return_value, "notified", notified);
	add_assoc_long(return_value, "active_after", active_after);
}

PHP_FUNCTION(async_test_poll_churn)
{
	zend_long count;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(count)
	ZEND_PARSE_PARAMETERS_END();

	int fds[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
		zend_throw_error(NULL, "socketpair failed: %s", strerror(errno));
		RETURN_THROWS();
	}
	zend_long done = 0;
	for (zend_long i = 0; i < count; i++) {
		zend_async_poll_event_t *poll = ZEND_ASYNC_NEW_SOCKET_EVENT(fds[0], ASYNC_READABLE);
		if (poll == NULL) {
			break;
		}
		poll->base.start(&poll->base);
		poll->base.stop(&poll->base);
		ZEND_ASYNC_EVENT_RELEASE(&poll->base);
		if ((i & 63) == 63) {
			ZEND_ASYNC_REACTOR_EXECUTE(true);
		}
		done++;
	}
	ZEND_ASYNC_REACTOR_EXECUTE(true);
	close(fds[0]);
	close(fds[1]);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	RETURN_LONG(done);
}
