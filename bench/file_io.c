/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Should regular-file reads leave the event loop for the thread pool? This measures both ways on
 * one libuv loop, the way a coroutine would do it (one read at a time, the loop running between):
 *   direct: read() on the loop thread, as PHP's stream does today;
 *   pool:   uv_fs_read() (a thread pool job; the loop waits for its completion).
 * For each file size, with the file in the page cache (warm) and evicted before every read with
 * posix_fadvise(DONTNEED) (cold), it prints the mean time per read and the worst delay a 1 ms
 * timer on the same loop saw meanwhile (what the other coroutines would wait).
 *   out/bench/file_io [dir]     (dir: where the test files go; default /tmp)
 */
#include <uv.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READS 200

static uv_loop_t *loop;
static char *buffer;
static int fd;
static size_t size;
static int remaining;
static bool cold, use_pool;
static uint64_t started, ticker_last, ticker_worst;
static uv_timer_t ticker;
static uv_fs_t request;
static uv_idle_t direct_step;

static void evict(void)
{
	if (cold) {
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	}
}

static void on_tick(uv_timer_t *timer)
{
	(void) timer;
	uint64_t now = uv_hrtime();
	if (ticker_last != 0 && now - ticker_last > ticker_worst) {
		ticker_worst = now - ticker_last;
	}
	ticker_last = now;
}

static void finish_one(void)
{
	if (--remaining == 0) {
		uv_timer_stop(&ticker);
		uv_idle_stop(&direct_step);
	}
}

static void on_pool_read(uv_fs_t *req)
{
	if (req->result != (ssize_t) size) {
		fprintf(stderr, "short read: %zd\n", req->result);
		exit(1);
	}
	uv_fs_req_cleanup(req);
	finish_one();
	if (remaining > 0) {
		evict();
		uv_buf_t buf = uv_buf_init(buffer, (unsigned int) size);
		uv_fs_read(loop, &request, fd, &buf, 1, 0, on_pool_read);
	}
}

/* One read per loop iteration, so the timer gets its turns between them. */
static void on_direct_step(uv_idle_t *idle)
{
	(void) idle;
	evict();
	if (pread(fd, buffer, size, 0) != (ssize_t) size) {
		perror("pread");
		exit(1);
	}
	finish_one();
}

static void run(const char *path, bool pool, bool evict_each, double *mean_us, double *worst_ms)
{
	use_pool = pool;
	cold = evict_each;
	remaining = READS;
	ticker_last = 0;
	ticker_worst = 0;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		exit(1);
	}
	uv_timer_start(&ticker, on_tick, 1, 1);
	started = uv_hrtime();
	if (use_pool) {
		evict();
		uv_buf_t buf = uv_buf_init(buffer, (unsigned int) size);
		uv_fs_read(loop, &request, fd, &buf, 1, 0, on_pool_read);
	} else {
		uv_idle_start(&direct_step, on_direct_step);
	}
	uv_run(loop, UV_RUN_DEFAULT);
	*mean_us = (double) (uv_hrtime() - started) / READS / 1e3;
	*worst_ms = (double) ticker_worst / 1e6;
	close(fd);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	static const size_t sizes[] = { 4096, 65536, 1048576 };
	loop = uv_default_loop();
	uv_timer_init(loop, &ticker);
	uv_idle_init(loop, &direct_step);
	buffer = malloc(sizes[2]);
	printf("%-8s %-5s %14s %14s %16s %16s\n", "size", "cache", "direct us/read", "pool us/read",
		"direct worst ms", "pool worst ms");
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		size = sizes[s];
		char path[4096];
		snprintf(path, sizeof(path), "%s/async-file-io-%zu.bin", dir, size);
		FILE *f = fopen(path, "wb");
		if (f == NULL) {
			perror(path);
			return 1;
		}
		for (size_t i = 0; i < size; i++) {
			fputc((int) (i * 7 % 251), f);
		}
		fclose(f);
		for (int c = 0; c < 2; c++) {
			double direct_us, direct_worst, pool_us, pool_worst;
			run(path, false, c == 1, &direct_us, &direct_worst);
			run(path, true, c == 1, &pool_us, &pool_worst);
			printf("%-8zu %-5s %14.1f %14.1f %16.2f %16.2f\n", size, c == 1 ? "cold" : "warm", direct_us, pool_us,
				direct_worst, pool_worst);
		}
		unlink(path);
	}
	free(buffer);
	return 0;
}
