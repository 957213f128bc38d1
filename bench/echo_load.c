/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Load generator of the TCP echo benchmark (one thread, libuv).
 *   echo_load HOST PORT CONNECTIONS SECONDS [MESSAGE_BYTES]
 * Opens CONNECTIONS connections first (all of them, or those that connected within 10 s), then for
 * SECONDS each one sends a MESSAGE_BYTES message (default 64, ending in "\n"), waits until the whole
 * echo is back, and sends again. Prints one line:
 *   connections=N round_trips=R seconds=S rt_per_s=X p50_us=A p99_us=B errors=E
 * Round trips are counted when their echo is complete; latency is from the send to the last byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#define CONNECT_TIMEOUT_MS 10000
#define READ_BUFFER_SIZE 4096

typedef struct {
	uv_tcp_t tcp;
	uv_connect_t connect;
	uv_write_t write;
	uint64_t sent_at;    /* uv_hrtime() of the last send */
	size_t received;     /* bytes of the current echo received so far */
	int connected;
	int writing;         /* the write request is in use until write_done */
	int send_when_written;
	char read_buffer[READ_BUFFER_SIZE];
} connection_t;

static struct {
	uv_loop_t *loop;
	uv_timer_t timer;
	connection_t *connections;
	int count, connect_answers, connected, errors;
	int running, stopping;
	unsigned int seconds;
	uv_buf_t message;
	uint64_t started_at;
	uint32_t *latencies_ns; /* one per completed round trip */
	size_t samples, capacity;
} bench;

static void send_message(connection_t *c);

static void record_latency(uint64_t ns)
{
	if (bench.samples == bench.capacity) {
		bench.capacity = bench.capacity ? bench.capacity * 2 : 1 << 16;
		bench.latencies_ns = realloc(bench.latencies_ns, bench.capacity * sizeof(*bench.latencies_ns));
		if (bench.latencies_ns == NULL) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	}
	bench.latencies_ns[bench.samples++] = ns > UINT32_MAX ? UINT32_MAX : (uint32_t) ns;
}

static void fail(connection_t *c, const char *what, int status)
{
	if (bench.errors++ < 5) {
		fprintf(stderr, "echo_load: %s: %s\n", what, uv_strerror(status));
	}
	if (!uv_is_closing((uv_handle_t *) &c->tcp)) {
		uv_close((uv_handle_t *) &c->tcp, NULL);
	}
}

static void alloc_buffer(uv_handle_t *handle, size_t suggested, uv_buf_t *buf)
{
	connection_t *c = (connection_t *) handle;
	(void) suggested;
	*buf = uv_buf_init(c->read_buffer, sizeof(c->read_buffer));
}

static void read_done(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
	connection_t *c = (connection_t *) stream;
	(void) buf;
	if (nread < 0) {
		fail(c, "read", (int) nread);
		return;
	}
	c->received += (size_t) nread;
	if (c->received < bench.message.len) {
		return;
	}
	if (c->received > bench.message.len) {
		fprintf(stderr, "echo_load: more bytes came back than were sent\n");
		exit(1);
	}
	record_latency(uv_hrtime() - c->sent_at);
	if (bench.stopping) {
		return;
	}
	if (c->writing) {
		c->send_when_written = 1; /* the echo came back before libuv reported the write done */
	} else {
		send_message(c);
	}
}

static void write_done(uv_write_t *req, int status)
{
	connection_t *c = (connection_t *) req->handle;
	c->writing = 0;
	if (status < 0) {
		fail(c, "write", status);
	} else if (c->send_when_written && !bench.stopping) {
		c->send_when_written = 0;
		send_message(c);
	}
}

static void send_message(connection_t *c)
{
	int err;
	c->received = 0;
	c->sent_at = uv_hrtime();
	c->writing = 1;
	err = uv_write(&c->write, (uv_stream_t *) &c->tcp, &bench.message, 1, write_done);
	if (err != 0) {
		c->writing = 0;
		fail(c, "write", err);
	}
}

static int compare_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
	return (x > y) - (x < y);
}

static double percentile_us(double p)
{
	if (bench.samples == 0) {
		return 0;
	}
	size_t i = (size_t) (p * (double) (bench.samples - 1) + 0.5);
	return bench.latencies_ns[i] / 1000.0;
}

static void stop(uv_timer_t *timer)
{
	double seconds = (double) (uv_hrtime() - bench.started_at) / 1e9;
	(void) timer;
	bench.stopping = 1;
	qsort(bench.latencies_ns, bench.samples, sizeof(*bench.latencies_ns), compare_u32);
	printf("connections=%d round_trips=%zu seconds=%.3f rt_per_s=%.1f p50_us=%.1f p99_us=%.1f errors=%d\n",
		bench.connected, bench.samples, seconds, (double) bench.samples / seconds,
		percentile_us(0.50), percentile_us(0.99), bench.errors);
	fflush(stdout);
	exit(0); /* the kernel closes the sockets */
}

static void start_measuring(uv_timer_t *timer)
{
	(void) timer;
	if (bench.running) {
		return;
	}
	bench.running = 1;
	if (bench.connected == 0) {
		fprintf(stderr, "echo_load: no connection\n");
		exit(1);
	}
	bench.started_at = uv_hrtime();
	for (int i = 0; i < bench.count; i++) {
		if (bench.connections[i].connected) {
			send_message(&bench.connections[i]);
		}
	}
	uv_timer_start(&bench.timer, stop, (uint64_t) bench.seconds * 1000, 0);
}

static void connect_done(uv_connect_t *req, int status)
{
	connection_t *c = (connection_t *) req->handle;
	bench.connect_answers++;
	if (status < 0) {
		fail(c, "connect", status);
	} else {
		c->connected = 1;
		bench.connected++;
		uv_tcp_nodelay(&c->tcp, 1);
		uv_read_start((uv_stream_t *) &c->tcp, alloc_buffer, read_done);
		if (bench.running) {
			send_message(c); /* a late one joins in */
		}
	}
	if (bench.connect_answers == bench.count && !bench.running) {
		uv_timer_stop(&bench.timer);
		start_measuring(NULL);
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	size_t message_bytes = argc > 5 ? (size_t) atoi(argv[5]) : 64;

	if (argc < 5 || atoi(argv[3]) <= 0 || atoi(argv[4]) <= 0 || message_bytes == 0 || message_bytes > READ_BUFFER_SIZE) {
		fprintf(stderr, "usage: %s HOST PORT CONNECTIONS SECONDS [MESSAGE_BYTES 1..%d]\n", argv[0], READ_BUFFER_SIZE);
		return 2;
	}
	if (uv_ip4_addr(argv[1], atoi(argv[2]), &addr) != 0) {
		fprintf(stderr, "echo_load: bad address %s\n", argv[1]);
		return 2;
	}
	bench.loop = uv_default_loop();
	bench.count = atoi(argv[3]);
	bench.seconds = (unsigned int) atoi(argv[4]);
	bench.message.len = message_bytes;
	bench.message.base = malloc(message_bytes);
	bench.connections = calloc((size_t) bench.count, sizeof(connection_t));
	if (bench.message.base == NULL || bench.connections == NULL) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	memset(bench.message.base, 'x', message_bytes);
	bench.message.base[message_bytes - 1] = '\n';

	uv_timer_init(bench.loop, &bench.timer);
	uv_timer_start(&bench.timer, start_measuring, CONNECT_TIMEOUT_MS, 0);
	for (int i = 0; i < bench.count; i++) {
		connection_t *c = &bench.connections[i];
		uv_tcp_init(bench.loop, &c->tcp);
		int err = uv_tcp_connect(&c->connect, &c->tcp, (const struct sockaddr *) &addr, connect_done);
		if (err != 0) {
			bench.connect_answers++;
			fail(c, "connect", err);
		}
	}
	if (bench.connect_answers == bench.count) {
		start_measuring(NULL); /* every connect failed at once */
	}
	return uv_run(bench.loop, UV_RUN_DEFAULT);
}
