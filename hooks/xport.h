/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Socket stream transports (tcp, udp, unix, udg) made non-blocking inside coroutines.
 *
 * Our factory is registered over PHP's for each transport. It lets PHP's factory build the
 * stream, then gives the stream a proxy copy of PHP's ops whose read, write and set_option
 * take over only when the caller runs in a coroutine and the stream is in blocking mode: they
 * wait for readiness through the engine API (the coroutine suspends, others run), then let PHP's
 * own code do the operation, which no longer blocks (plain read and write try the operation
 * first and do what PHP's code does with its result: xport_io.c). So results, warnings and error
 * texts stay PHP's own; outside coroutines, and for streams in non-blocking mode, PHP's ops run
 * unchanged.
 *
 * PHP's xp_socket.c tells unix/udg/udp from tcp by the address of stream->ops, so every call into
 * PHP's set_option runs with PHP's ops put back on the stream for the time of the call.
 */
#ifndef ASYNC_HOOKS_XPORT_H
#define ASYNC_HOOKS_XPORT_H

#include "hooks.h"
#include "php_streams.h"
#include "zend_exceptions.h"

typedef struct {
	php_stream_ops ops;                    /* the proxy for plain sockets */
	php_stream_ops tls_ops;                /* the proxy once TLS runs over the socket */
	const char *protocol;
	bool is_unix;                          /* unix/udg: a path, no name resolution */
	bool is_tls;                           /* ssl://, tls://...: TLS from the connect on */
	bool is_datagram;                      /* udp/udg: a short read says nothing of what is queued */
	php_stream_transport_factory original_factory;
	const php_stream_ops *original_ops;    /* learnt from the first stream PHP's factory makes */
} async_xport_t;

/* xport_register.c */
async_xport_t *async_xport_of(php_stream *stream);
/* Runs PHP's set_option with PHP's ops on the stream; an accepted client gets the proxy ops. */
int async_xport_original_set_option(async_xport_t *xport, php_stream *stream, int option, int value, void *ptrparam);

/* xport_stream.c: the record of a socket stream (who waits on it, the poll events its waits
 * reuse, whether its last read drained the socket), from its first wait to its close. Each
 * operation looks it up once (NULL before the stream's first wait) and passes it on. */
typedef struct _async_xport_stream async_xport_stream_t;

/* PHP's read fills the stream's buffer at a place computed before the read op, and a write op
 * gets one part of an fwrite() at a time: so one reader and one writer at most may wait on a
 * stream. Accepts and datagrams touch no stream buffer: any number may wait. */
typedef enum {
	ASYNC_XPORT_USE_READ,
	ASYNC_XPORT_USE_WRITE,
	ASYNC_XPORT_USE_SHARED
} async_xport_use_t;

typedef async_stream_waiter_t async_xport_waiter_t;

typedef enum {
	ASYNC_XPORT_ENTERED,
	ASYNC_XPORT_ENTER_CLOSING,  /* the stream is being closed: do not wait */
	ASYNC_XPORT_ENTER_BUSY      /* another coroutine reads (writes) it: an Error was thrown */
} async_xport_enter_result_t;

async_xport_stream_t *async_xport_stream_find(php_stream *stream);
/* Before a read (write) tries the socket: false, with an Error, while another coroutine waits in
 * the middle of its own read (write) of the stream. A send that fits while that one waits for
 * room would land inside its data; a recv would take what its read is waiting for. */
bool async_xport_stream_may_use(const async_xport_stream_t *record, async_xport_use_t use);
/* The stream's "last read drained the socket" mark (a read got less than it asked for: the socket
 * had nothing more then), or NULL without a record. Valid until the caller suspends. */
bool *async_xport_stream_read_drained(async_xport_stream_t *record);
/* Registers a wait on the stream (*record made if NULL), with the second-reader check. */
async_xport_enter_result_t async_xport_stream_enter(php_stream *stream, async_xport_stream_t **record,
	async_xport_waiter_t *waiter, async_xport_use_t use);
/* Ends the wait; true when the record is gone with it (a persistent stream's, or a stream closed
 * where nobody could wait). */
bool async_xport_stream_leave(php_stream *stream, async_xport_stream_t *record, async_xport_waiter_t *waiter);
bool async_xport_stream_closing(const async_xport_stream_t *record);
/* A wait on the stream suspended the coroutine (xport_wait.c tells the record). */
void async_xport_stream_note_suspension(async_xport_stream_t *record);
/* After an accept took a connection (*record: the listening stream's, made if NULL): true after every
 * ASYNC_XPORT_ACCEPT_BATCH accepts in a row that found one queued without suspending. A server
 * whose clients connect faster than it accepts would otherwise accept (and spawn) without end,
 * and neither the connections' coroutines nor the reactor ever ran: at 10,000 connections wrk
 * saw no answer for seconds. The accept then lets the others run once (nginx accepts one
 * connection per turn of its loop unless multi_accept is on). */
#define ASYNC_XPORT_ACCEPT_BATCH 16
bool async_xport_stream_accept_batch_done(php_stream *stream, async_xport_stream_t **record);
/* Where the stream keeps its poll event for this use between waits; NULL when it keeps none
 * (shared waits, persistent streams). */
zend_async_poll_event_t **async_xport_stream_kept_poll(async_xport_stream_t *record, async_xport_use_t use);
/* From our close op, before PHP's: the close-while-waiting rule (stream_waiters.c), then lets go
 * of the poll events the stream kept (before its fd closes) and of the record. */
void async_xport_stream_close(php_stream *stream);

/* xport_wait.c: waits until the socket is ready for `events` or the deadline passes. */
typedef struct {
	bool infinite;
	struct timespec at;
} async_xport_deadline_t;

void async_xport_deadline_init(async_xport_deadline_t *deadline, const struct timeval *timeout);
/* Milliseconds left (0 once passed), -1 for no deadline. */
zend_long async_xport_deadline_left_ms(const async_xport_deadline_t *deadline);
async_hook_wait_result_t async_xport_wait_ready(php_socket_t fd, async_poll_event events,
	const async_xport_deadline_t *deadline);

typedef enum {
	ASYNC_XPORT_READY,
	ASYNC_XPORT_TIMEOUT,
	ASYNC_XPORT_FAILED,     /* an exception is pending (cancellation) */
	ASYNC_XPORT_CLOSED      /* another coroutine closed the stream meanwhile: do not touch it */
} async_xport_wait_result_t;

/* The same for a socket that belongs to a stream PHP code can reach (and close meanwhile).
 * *record: the stream's record as the caller found it (NULL: none yet); afterwards the record,
 * or NULL when it is gone (the stream was closed, a persistent stream's last wait ended). */
async_xport_wait_result_t async_xport_wait_stream(php_stream *stream, async_xport_stream_t **record,
	async_xport_use_t use, async_poll_event events, const async_xport_deadline_t *deadline);
/* The same after the operation said "would block": no look first, and READY only means "woken,
 * try the operation again" (it may still say "would block"); TIMEOUT once the deadline passed. */
async_xport_wait_result_t async_xport_wait_again(php_stream *stream, async_xport_stream_t **record,
	async_xport_use_t use, async_poll_event events, const async_xport_deadline_t *deadline);

/* xport_tls.c: TLS over the socket. A readable socket is not readable data (OpenSSL may hold
 * data, or need more of a record), so PHP's TLS read/write is tried without blocking first and
 * the coroutine waits only when OpenSSL needs the socket. */
ssize_t async_xport_tls_read(php_stream *stream, char *buf, size_t count);
ssize_t async_xport_tls_write(php_stream *stream, const char *buf, size_t count);
/* Drives a TLS handshake without blocking; false on failure (OpenSSL's warnings given; an
 * exception is pending if the coroutine was cancelled). */
bool async_xport_tls_handshake(php_stream *stream, const struct timeval *timeout);

/* While OpenSSL's connect runs for `stream`, its crypto setup is recorded here instead of done,
 * and its crypto enable answers "not yet": the handshake waits until the connection is made. */
typedef struct _async_xport_tls_deferred {
	bool setup;
	php_stream_xport_crypt_method_t method;
	php_stream *session;
} async_xport_tls_deferred_t;

void async_xport_tls_defer(php_stream *stream, async_xport_tls_deferred_t *record);
/* From our set_option: true when the crypto operation was deferred (answered already). */
bool async_xport_tls_deferred_op(php_stream *stream, php_stream_xport_crypto_param *cparam);

/* The operations a coroutine does without blocking (one file each). */
ssize_t async_xport_read(php_stream *stream, char *buf, size_t count);
ssize_t async_xport_write(php_stream *stream, const char *buf, size_t count);
int async_xport_connect(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam);
int async_xport_accept(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam);
int async_xport_datagram(async_xport_t *xport, php_stream *stream, php_stream_xport_param *xparam);

#endif
