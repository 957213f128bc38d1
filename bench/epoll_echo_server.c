/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The physical ceiling of the TCP echo benchmark: a raw epoll echo server in C. One thread,
 * non-blocking sockets, level-triggered epoll, one static buffer: when a connection is readable
 * it reads once and writes back what it read. No allocation, no event library, two system calls
 * per echo (plus the epoll_wait that each report shares with the others ready at that moment).
 *   epoll_echo_server HOST PORT
 * A write that does not take everything closes the connection (the benchmark's client has one
 * 64-byte message in flight per connection: a socket's send buffer never fills).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EVENTS 1024

static char buffer[65536];

static void close_connection(int epoll_fd, int fd)
{
	epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, NULL);
	close(fd);
}

static void accept_all(int epoll_fd, int listener)
{
	for (;;) {
		int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED) {
				perror("accept4");
			}
			if (errno == EINTR || errno == ECONNABORTED) {
				continue;
			}
			return;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		struct epoll_event event = {.events = EPOLLIN, .data.fd = fd};
		if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &event) != 0) {
			perror("epoll_ctl");
			close(fd);
		}
	}
}

static void echo(int epoll_fd, int fd)
{
	ssize_t got = read(fd, buffer, sizeof(buffer));
	if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
		return;
	}
	if (got <= 0) {
		close_connection(epoll_fd, fd); /* EOF or error */
		return;
	}
	ssize_t put = write(fd, buffer, (size_t) got);
	if (put != got) {
		close_connection(epoll_fd, fd);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
		return 2;
	}
	struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t) atoi(argv[2]))};
	if (inet_pton(AF_INET, argv[1], &address.sin_addr) != 1) {
		fprintf(stderr, "not an IPv4 address: %s\n", argv[1]);
		return 2;
	}
	int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (listener < 0 || bind(listener, (struct sockaddr *) &address, sizeof(address)) != 0
			|| listen(listener, 4096) != 0) {
		perror("listen");
		return 1;
	}
	int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
	if (epoll_fd < 0 || epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listener, &event) != 0) {
		perror("epoll");
		return 1;
	}
	struct epoll_event events[MAX_EVENTS];
	for (;;) {
		int ready = epoll_wait(epoll_fd, events, MAX_EVENTS, -1);
		if (ready < 0) {
			if (errno == EINTR) {
				continue;
			}
			perror("epoll_wait");
			return 1;
		}
		for (int i = 0; i < ready; i++) {
			if (events[i].data.fd == listener) {
				accept_all(epoll_fd, listener);
			} else {
				echo(epoll_fd, events[i].data.fd);
			}
		}
	}
}
