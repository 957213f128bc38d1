/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * ext/sockets (a shared extension, hooked only when it is loaded). In a coroutine, on a blocking
 * socket, each call first waits for readiness through the reactor, then PHP's own handler does
 * the call, so results, warnings and socket_last_error() codes are stock's. Non-blocking
 * sockets, and calls outside coroutines, go straight to PHP's handler.
 *
 * SO_RCVTIMEO / SO_SNDTIMEO bound the wait as they bound PHP's blocking call; when they pass,
 * PHP's handler runs on the socket made non-blocking for that one call, so it fails the way the
 * timed-out blocking call fails (EAGAIN, no warning).
 *
 * socket_write() and socket_send() on a stream socket send in pieces as the socket drains (see
 * write_all()), since PHP's blocking write waits until all the data is queued.
 *
 * socket_connect() runs PHP's handler on the socket made non-blocking: PHP reports
 * EINPROGRESS without a warning, the hook waits until the socket is writable and then reports
 * the outcome as PHP would have (true, or the warning and error code of the failed connect).
 */
#define HAVE_SOCKETS 1 /* php_config.h leaves it undefined: ext/sockets is built apart */
#include "select_loop.h"
#include "ext/sockets/php_sockets.h"
#include <fcntl.h>
#include <errno.h>
#include "../php_async_compat.h"

static zif_handler original_socket_connect, original_socket_accept, original_socket_read,
	original_socket_write, original_socket_recv, original_socket_send, original_socket_recvfrom,
	original_socket_sendto, original_socket_select;

/* The Socket class, found by name: ext/sockets may load after us, so its symbols cannot be linked. */
static bool is_socket_object(zval *zv)
{
	static zend_class_entry *socket_class = NULL;
	if (socket_class == NULL) {
		socket_class = zend_hash_str_find_ptr(CG(class_table), "socket", sizeof("socket") - 1);
	}
	return Z_TYPE_P(zv) == IS_OBJECT && socket_class != NULL && Z_OBJCE_P(zv) == socket_class;
}

/* ext/sockets' module globals (socket_last_error()), or NULL where they cannot be reached. */
static zend_sockets_globals *loaded_sockets_globals(void)
{
#ifdef ZTS
	return NULL;
#else
	zend_module_entry *module = zend_hash_str_find_ptr(&module_registry, "sockets", sizeof("sockets") - 1);
	if (module == NULL || module->globals_size != sizeof(zend_sockets_globals)) {
		return NULL;
	}
	return (zend_sockets_globals *) module->globals_ptr;
#endif
}

/* The first argument when the hook takes over: a blocking, open Socket in a coroutine. */
static php_socket *hooked_socket_argument(zend_execute_data *execute_data)
{
	if (!async_hook_in_coroutine() || ZEND_CALL_NUM_ARGS(execute_data) < 1) {
		return NULL;
	}
	zval *arg = ZEND_CALL_ARG(execute_data, 1);
	if (!is_socket_object(arg)) {
		return NULL; /* PHP's handler raises the TypeError */
	}
	php_socket *sock = Z_SOCKET_P(arg);
	if (IS_INVALID_SOCKET(sock)) {
		return NULL;
	}
	int flags = fcntl(sock->bsd_socket, F_GETFL);
	return flags >= 0 && !(flags & O_NONBLOCK) ? sock : NULL;
}

/* SO_RCVTIMEO or SO_SNDTIMEO in nanoseconds, -1 for none. */
static int64_t socket_timeout_ns(php_socket_t fd, int option)
{
	struct timeval tv;
	socklen_t len = sizeof(tv);
	if (getsockopt(fd, SOL_SOCKET, option, &tv, &len) != 0 || (tv.tv_sec == 0 && tv.tv_usec == 0)) {
		return -1;
	}
	return (int64_t) tv.tv_sec * 1000000000 + (int64_t) tv.tv_usec * 1000;
}

/* PHP's handler on the socket made non-blocking for this one call. */
static void call_nonblocking(INTERNAL_FUNCTION_PARAMETERS, zif_handler original, php_socket_t fd)
{
	int flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	fcntl(fd, F_SETFL, flags);
}

/* True when the call's flags argument (number `flags_arg`, 0 for none) asks for MSG_DONTWAIT:
 * that one call does not block in PHP either. */
static bool asks_dontwait(zend_execute_data *execute_data, uint32_t flags_arg)
{
	if (flags_arg == 0 || ZEND_CALL_NUM_ARGS(execute_data) < flags_arg) {
		return false;
	}
	zval *flags = ZEND_CALL_ARG(execute_data, flags_arg);
	return Z_TYPE_P(flags) != IS_LONG || (Z_LVAL_P(flags) & MSG_DONTWAIT);
}

/* A length PHP refuses before any I/O (socket_read(), socket_recv() and socket_recvfrom() below 1,
 * socket_sendto() below 0): the call fails at once, as in stock PHP, instead of waiting first for
 * data that it would not read. */
static bool bad_length(zend_execute_data *execute_data, uint32_t length_arg, zend_long min)
{
	if (length_arg == 0 || ZEND_CALL_NUM_ARGS(execute_data) < length_arg) {
		return false;
	}
	zval *length = ZEND_CALL_ARG(execute_data, length_arg);
	return Z_TYPE_P(length) == IS_LONG && Z_LVAL_P(length) < min;
}

/* Waits until the socket is ready for `events` (within its timeout option), then calls PHP's handler. */
static void call_when_ready(INTERNAL_FUNCTION_PARAMETERS, zif_handler original, async_poll_event events,
	int timeout_option, uint32_t flags_arg, uint32_t length_arg, zend_long min_length)
{
	php_socket *sock = hooked_socket_argument(execute_data);
	if (sock == NULL || asks_dontwait(execute_data, flags_arg) || bad_length(execute_data, length_arg, min_length)) {
		original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}
	async_hook_fd_t fd = { .fd = sock->bsd_socket, .events = events };
	switch (async_hook_wait_fds(&fd, 1, socket_timeout_ns(fd.fd, timeout_option))) {
		case ASYNC_HOOK_WAIT_FAILED:
			RETURN_THROWS();
		case ASYNC_HOOK_WAIT_TIMEOUT:
			if (!IS_INVALID_SOCKET(sock)) {
				call_nonblocking(INTERNAL_FUNCTION_PARAM_PASSTHRU, original, sock->bsd_socket);
				return;
			}
			ZEND_FALLTHROUGH;
		case ASYNC_HOOK_WAIT_READY:
			original(INTERNAL_FUNCTION_PARAM_PASSTHRU);
			return;
	}
}

#define READY_HOOK(name, events, option, flags_arg, length_arg, min_length) \
	static PHP_FUNCTION(async_hook_##name) \
	{ \
		call_when_ready(INTERNAL_FUNCTION_PARAM_PASSTHRU, original_##name, (events), (option), (flags_arg), \
			(length_arg), (min_length)); \
	}

/* An accept that failed for want of descriptors or memory leaves the connection queued and the
 * socket readable: the next wait would return at once, so the coroutine sleeps a little before
 * PHP's failure is returned (failure_pause.c). */
static PHP_FUNCTION(async_hook_socket_accept)
{
	call_when_ready(INTERNAL_FUNCTION_PARAM_PASSTHRU, original_socket_accept, ASYNC_READABLE, SO_RCVTIMEO, 0, 0, 0);
	if (Z_TYPE_P(return_value) == IS_FALSE && EG(exception) == NULL && hooked_socket_argument(execute_data) != NULL) {
		/* PHP keeps accept's error in the socket it failed to make, and in socket_last_error() */
		zend_sockets_globals *globals = loaded_sockets_globals();
		if (globals != NULL && async_hook_is_resource_shortage(globals->last_error)) {
			async_hook_pause_after_shortage(-1);
		}
	}
}
READY_HOOK(socket_read, ASYNC_READABLE, SO_RCVTIMEO, 0, 2, 1)
READY_HOOK(socket_recv, ASYNC_READABLE, SO_RCVTIMEO, 4, 3, 1)
READY_HOOK(socket_recvfrom, ASYNC_READABLE, SO_RCVTIMEO, 4, 3, 1)
READY_HOOK(socket_sendto, ASYNC_WRITABLE, SO_SNDTIMEO, 4, 3, 0)

static void set_socket_error(php_socket *sock, zend_sockets_globals *globals, int error)
{
	sock->error = error;
	globals->last_error = error;
}

static bool is_stream_socket(php_socket_t fd)
{
	int type = 0;
	socklen_t len = sizeof(type);
	return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM;
}

/*
 * socket_write() and socket_send() on a blocking stream socket. PHP's blocking write returns
 * once all the data is queued, which can take many turns of the peer (maybe a coroutine of this
 * very thread). So each time the socket is writable, PHP's handler runs on the socket made
 * non-blocking and is given the part still to send, until all of it is sent. SO_SNDTIMEO bounds
 * the whole call, as in PHP; when it passes after some data went, the count sent is the result.
 * Other arguments than a string and a plain length take the one-wait path.
 */
static void write_all(INTERNAL_FUNCTION_PARAMETERS, zif_handler original, uint32_t flags_arg)
{
	php_socket *sock = hooked_socket_argument(execute_data);
	zend_sockets_globals *globals = loaded_sockets_globals();
	uint32_t argc = ZEND_CALL_NUM_ARGS(execute_data);
	zval *data = argc >= 2 ? ZEND_CALL_ARG(execute_data, 2) : NULL;
	zval *length = argc >= 3 ? ZEND_CALL_ARG(execute_data, 3) : NULL;

	if (sock == NULL || globals == NULL || data == NULL || Z_TYPE_P(data) != IS_STRING
		|| (length != NULL && Z_TYPE_P(length) != IS_NULL && (Z_TYPE_P(length) != IS_LONG || Z_LVAL_P(length) < 0))
		|| asks_dontwait(execute_data, flags_arg) || !is_stream_socket(sock->bsd_socket)) {
		call_when_ready(INTERNAL_FUNCTION_PARAM_PASSTHRU, original, ASYNC_WRITABLE, SO_SNDTIMEO, flags_arg, 3, 0);
		return;
	}
	zend_string *whole = Z_STR_P(data);
	size_t total = ZSTR_LEN(whole);
	if (length != NULL && Z_TYPE_P(length) == IS_LONG && (zend_ulong) Z_LVAL_P(length) < total) {
		total = (size_t) Z_LVAL_P(length);
	}
	zval saved_length;
	if (length != NULL) {
		ZVAL_COPY_VALUE(&saved_length, length); /* a long or null */
	}
	php_socket_t fd = sock->bsd_socket;
	int64_t timeout_ns = socket_timeout_ns(fd, SO_SNDTIMEO);
	int64_t deadline = timeout_ns >= 0 ? (int64_t) async_hrtime_ns() + timeout_ns : 0;
	size_t sent = 0;

	for (;;) {
		int64_t remaining = -1;
		if (timeout_ns >= 0 && (remaining = deadline - (int64_t) async_hrtime_ns()) < 0) {
			remaining = 0;
		}
		async_hook_fd_t wait = { .fd = fd, .events = ASYNC_WRITABLE };
		async_hook_wait_result_t waited = async_hook_wait_fds(&wait, 1, remaining);
		if (waited == ASYNC_HOOK_WAIT_FAILED) {
			RETURN_THROWS();
		}
		if (IS_INVALID_SOCKET(sock) || (waited == ASYNC_HOOK_WAIT_TIMEOUT && sent == 0)) {
			/* PHP's own outcome: closed meanwhile, or the timed-out write (EAGAIN, no warning) */
			call_nonblocking(INTERNAL_FUNCTION_PARAM_PASSTHRU, original, fd);
			return;
		}
		if (waited == ASYNC_HOOK_WAIT_TIMEOUT) {
			RETURN_LONG((zend_long) sent);
		}
		int saved_error = sock->error, saved_last_error = globals->last_error;
		if (sent > 0) {
			ZVAL_STR(data, zend_string_init(ZSTR_VAL(whole) + sent, total - sent, 0));
			if (length != NULL && Z_TYPE(saved_length) == IS_LONG) {
				ZVAL_LONG(length, (zend_long) (total - sent));
			}
		}
		call_nonblocking(INTERNAL_FUNCTION_PARAM_PASSTHRU, original, fd);
		if (sent > 0) {
			zend_string_release(Z_STR_P(data));
			ZVAL_STR(data, whole);
			if (length != NULL) {
				ZVAL_COPY_VALUE(length, &saved_length);
			}
		}
		if (EG(exception)) {
			return;
		}
		if (Z_TYPE_P(return_value) == IS_LONG) {
			sent += (size_t) Z_LVAL_P(return_value);
			if (sent >= total) {
				RETURN_LONG((zend_long) sent);
			}
		} else if (Z_TYPE_P(return_value) == IS_FALSE && sock->error == EAGAIN) {
			/* full again before PHP wrote: not an error for a blocking write */
			sock->error = saved_error;
			globals->last_error = saved_last_error;
		} else {
			return; /* PHP's failure, with its warning */
		}
	}
}

static PHP_FUNCTION(async_hook_socket_write)
{
	write_all(INTERNAL_FUNCTION_PARAM_PASSTHRU, original_socket_write, 0);
}

static PHP_FUNCTION(async_hook_socket_send)
{
	write_all(INTERNAL_FUNCTION_PARAM_PASSTHRU, original_socket_send, 4);
}

static PHP_FUNCTION(async_hook_socket_connect)
{
	php_socket *sock = hooked_socket_argument(execute_data);
	zend_sockets_globals *globals = loaded_sockets_globals();
	if (sock == NULL || globals == NULL) {
		original_socket_connect(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}
	int saved_error = sock->error, saved_last_error = globals->last_error;
	php_socket_t fd = sock->bsd_socket;

	call_nonblocking(INTERNAL_FUNCTION_PARAM_PASSTHRU, original_socket_connect, fd);
	if (EG(exception) || Z_TYPE_P(return_value) != IS_FALSE) {
		return; /* connected at once */
	}
	if (sock->error != EINPROGRESS && sock->error != EAGAIN) {
		async_hook_yield(); /* PHP's own failure with its warning, at once: through the scheduler */
		return;
	}
	/* Not a failure yet: the blocking call would not have touched the error codes. */
	sock->error = saved_error;
	globals->last_error = saved_last_error;
	if (sock->error == EAGAIN) {
		/* A full AF_UNIX backlog: only a blocking connect can wait for room. */
		original_socket_connect(INTERNAL_FUNCTION_PARAM_PASSTHRU);
		return;
	}

	async_hook_fd_t wait = { .fd = fd, .events = ASYNC_WRITABLE };
	async_hook_wait_result_t waited = async_hook_wait_fds(&wait, 1, socket_timeout_ns(fd, SO_SNDTIMEO));
	if (waited == ASYNC_HOOK_WAIT_FAILED) {
		RETURN_THROWS();
	}
	if (IS_INVALID_SOCKET(sock)) {
		RETURN_FALSE; /* closed by another coroutine meanwhile */
	}
	if (waited == ASYNC_HOOK_WAIT_TIMEOUT) {
		/* A blocking connect past SO_SNDTIMEO fails with EINPROGRESS, which PHP does not warn about. */
		set_socket_error(sock, globals, EINPROGRESS);
		RETURN_FALSE;
	}
	int error = 0;
	socklen_t len = sizeof(error);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0) {
		error = errno;
	}
	if (error == 0) {
		RETURN_TRUE;
	}
	set_socket_error(sock, globals, error);
	php_error_docref(NULL, E_WARNING, "unable to connect [%d]: %s", error, strerror(error));
	RETURN_FALSE;
}

static async_select_fd_result_t socket_fd_of(zval *element, php_socket_t *fd)
{
	ZVAL_DEREF(element);
	if (!is_socket_object(element) || IS_INVALID_SOCKET(Z_SOCKET_P(element))) {
		return ASYNC_SELECT_FD_SKIP;
	}
	*fd = Z_SOCKET_P(element)->bsd_socket;
	return ASYNC_SELECT_FD_OK;
}

static PHP_FUNCTION(async_hook_socket_select)
{
	async_hook_select(INTERNAL_FUNCTION_PARAM_PASSTHRU, original_socket_select, socket_fd_of, false);
}

static const async_function_hook_t hooks[] = {
	{ "socket_connect", PHP_FN(async_hook_socket_connect), &original_socket_connect },
	{ "socket_accept", PHP_FN(async_hook_socket_accept), &original_socket_accept },
	{ "socket_read", PHP_FN(async_hook_socket_read), &original_socket_read },
	{ "socket_write", PHP_FN(async_hook_socket_write), &original_socket_write },
	{ "socket_recv", PHP_FN(async_hook_socket_recv), &original_socket_recv },
	{ "socket_send", PHP_FN(async_hook_socket_send), &original_socket_send },
	{ "socket_recvfrom", PHP_FN(async_hook_socket_recvfrom), &original_socket_recvfrom },
	{ "socket_sendto", PHP_FN(async_hook_socket_sendto), &original_socket_sendto },
	{ "socket_select", PHP_FN(async_hook_socket_select), &original_socket_select },
};

const async_function_hook_table_t async_sockets_ext_hooks = ASYNC_HOOK_TABLE(hooks);
