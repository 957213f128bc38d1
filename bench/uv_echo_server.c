/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The ceiling of the TCP echo benchmark: a plain libuv echo server, one thread, no PHP.
 * Every byte read is written back as it came.
 *   uv_echo_server HOST PORT
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

typedef struct {
	uv_write_t req;
	uv_buf_t buf;
} echo_write_t;

static void alloc_buffer(uv_handle_t *handle, size_t suggested, uv_buf_t *buf)
{
	(void) handle;
	buf->base = malloc(suggested);
	buf->len = buf->base ? suggested : 0;
}

static void free_handle(uv_handle_t *handle)
{
	free(handle);
}

static void write_done(uv_write_t *req, int status)
{
	echo_write_t *w = (echo_write_t *) req;
	(void) status; /* a failed write shows as an error on the next read, which closes */
	free(w->buf.base);
	free(w);
}

static void read_done(uv_stream_t *client, ssize_t nread, const uv_buf_t *buf)
{
	if (nread > 0) {
		/* the buffer travels with the write request and is freed when the write is done */
		echo_write_t *w = malloc(sizeof(*w));
		if (w == NULL) {
			free(buf->base);
			uv_close((uv_handle_t *) client, free_handle);
			return;
		}
		w->buf = uv_buf_init(buf->base, (unsigned int) nread);
		if (uv_write(&w->req, client, &w->buf, 1, write_done) != 0) {
			free(w->buf.base);
			free(w);
			uv_close((uv_handle_t *) client, free_handle);
		}
		return;
	}
	free(buf->base);
	if (nread < 0 && !uv_is_closing((uv_handle_t *) client)) {
		uv_close((uv_handle_t *) client, free_handle); /* EOF or error */
	}
}

static void new_connection(uv_stream_t *server, int status)
{
	if (status < 0) {
		fprintf(stderr, "accept: %s\n", uv_strerror(status));
		return;
	}
	uv_tcp_t *client = malloc(sizeof(*client));
	if (client == NULL) {
		return;
	}
	uv_tcp_init(server->loop, client);
	if (uv_accept(server, (uv_stream_t *) client) != 0) {
		uv_close((uv_handle_t *) client, free_handle);
		return;
	}
	uv_tcp_nodelay(client, 1);
	uv_read_start((uv_stream_t *) client, alloc_buffer, read_done);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
		return 2;
	}
	uv_loop_t *loop = uv_default_loop();
	uv_tcp_t server;
	struct sockaddr_in addr;
	int err = uv_ip4_addr(argv[1], atoi(argv[2]), &addr);

	uv_tcp_init(loop, &server);
	if (err == 0) {
		err = uv_tcp_bind(&server, (const struct sockaddr *) &addr, 0);
	}
	if (err == 0) {
		err = uv_listen((uv_stream_t *) &server, 4096, new_connection);
	}
	if (err != 0) {
		fprintf(stderr, "listen on %s:%s: %s\n", argv[1], argv[2], uv_strerror(err));
		return 1;
	}
	return uv_run(loop, UV_RUN_DEFAULT);
}
