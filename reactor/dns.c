/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * DNS events: getaddrinfo and getnameinfo on libuv's thread pool.
 *
 * The request goes to the pool on the first start(). stop() only uncounts the event: a request
 * on the pool cannot be recalled, so it runs to its end and its outcome still reaches whoever
 * is subscribed then. On completion the event closes (stop, then CLOSED), stores the outcome and
 * notifies once with result NULL, or with an Async\DnsException carrying the resolver's message.
 * Disposing a pending request takes it back if it is still queued; if a worker already runs it,
 * the memory waits for it to come back. A disposed event is never notified.
 *
 * Ownership of getaddrinfo's ->result: the event owns it until a consumer takes it by reading
 * the pointer and setting ->result to NULL; the consumer then frees it with
 * ZEND_ASYNC_FREEADDRINFO. Whatever is still in ->result when the event is freed is freed with it.
 * getnameinfo's ->hostname and ->service always belong to the event (copy them to keep them).
 */
#include "work.h"

typedef struct {
	zend_async_dns_addrinfo_t event; /* the ABI struct first */
	async_uv_event_t common;
	async_uv_work_t work;
	uv_getaddrinfo_t req;
	struct addrinfo hints;
	bool has_hints;
	/* event.node and event.service point at copies kept behind the extra area. */
} async_uv_addrinfo_t;

typedef struct {
	zend_async_dns_nameinfo_t event;
	async_uv_event_t common;
	async_uv_work_t work;
	uv_getnameinfo_t req;
	struct sockaddr_storage addr;
	int flags;
} async_uv_nameinfo_t;

#define ADDRINFO_OF(ev) ((async_uv_addrinfo_t *) (ev))
#define NAMEINFO_OF(ev) ((async_uv_nameinfo_t *) (ev))

static const char *not_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* "host", "host, service 80" or "service 80": what a message says was being resolved. */
#define ADDRINFO_WHAT_FORMAT "%s%s%s"
#define ADDRINFO_WHAT_ARGS(node, service) not_empty(node), \
	(service) == NULL ? "" : ((node) != NULL ? ", service " : "service "), not_empty(service)

/* ---- getaddrinfo ---- */

static void on_resolved(uv_getaddrinfo_t *req, int status, struct addrinfo *res)
{
	async_uv_addrinfo_t *dns = req->data;
	zend_async_event_t *event = &dns->event.base;

	if (!async_uv_work_end(&dns->work)) {
		uv_freeaddrinfo(res);
		async_uv_event_work_done(&dns->common);
		return;
	}

	zend_async_event_close(event);
	if (status == 0) {
		dns->event.result = res;
		ASYNC_UV_NOTIFY(event, NULL, NULL);
		return;
	}
	uv_freeaddrinfo(res);
	zend_object *exception = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_DNS,
		"Cannot resolve " ADDRINFO_WHAT_FORMAT ": %s",
		ADDRINFO_WHAT_ARGS(dns->event.node, dns->event.service), uv_strerror(status));
	ASYNC_UV_NOTIFY(event, NULL, exception);
	OBJ_RELEASE(exception);
}

static bool addrinfo_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_addrinfo_t *dns = ADDRINFO_OF(event);

	/* Started again after a stop: the request is still on its way. */
	if (!async_uv_work_in_flight(&dns->work)) {
		if (!async_uv_loop_started()) {
			zend_throw_error(NULL, "Cannot start a DNS request after the event loop has shut down");
			return false;
		}
		dns->req.data = dns;
		int error = uv_getaddrinfo(async_uv_loop(), &dns->req, on_resolved, dns->event.node,
			dns->event.service, dns->has_hints ? &dns->hints : NULL);
		if (error < 0) {
			zend_async_throw(ZEND_ASYNC_EXCEPTION_DNS, "Cannot resolve " ADDRINFO_WHAT_FORMAT ": %s",
				ADDRINFO_WHAT_ARGS(dns->event.node, dns->event.service), uv_strerror(error));
			return false;
		}
		async_uv_work_begin(&dns->work, &dns->common, (uv_req_t *) &dns->req);
	}
	EVENT_START_EPILOGUE(event);
	return true;
}

/* Uncounts only: see the top of the file. */
static bool dns_stop(zend_async_event_t *event)
{
	EVENT_STOP_PROLOGUE(event);
	EVENT_STOP_EPILOGUE(event);
	return true;
}

static bool addrinfo_dispose(zend_async_event_t *event)
{
	async_uv_addrinfo_t *dns = ADDRINFO_OF(event);
	return async_uv_work_event_dispose(event, &dns->common, &dns->work);
}

static void addrinfo_free_memory(zend_async_event_t *event)
{
	async_uv_addrinfo_t *dns = ADDRINFO_OF(event);
	uv_freeaddrinfo(dns->event.result); /* NULL once a consumer took it */
	efree(dns);
}

static zend_string *addrinfo_info(zend_async_event_t *event)
{
	async_uv_addrinfo_t *dns = ADDRINFO_OF(event);
	return zend_strpprintf(0, "getaddrinfo of " ADDRINFO_WHAT_FORMAT,
		ADDRINFO_WHAT_ARGS(dns->event.node, dns->event.service));
}

static const async_uv_event_ops_t addrinfo_ops = {addrinfo_start, dns_stop, addrinfo_dispose, addrinfo_info};

zend_async_dns_addrinfo_t *async_uv_getaddrinfo(const char *node, const char *service,
	const struct addrinfo *hints, size_t extra_size)
{
	if (node == NULL && service == NULL) {
		return async_uv_throw(ZEND_ASYNC_EXCEPTION_DNS, UV_EINVAL, "Cannot resolve without a host or a service");
	}
	async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}

	/* One allocation: the struct, the caller's extra bytes, then copies of node and service,
	 * since the caller's strings may not live until start(). */
	size_t node_size = node != NULL ? strlen(node) + 1 : 0;
	size_t service_size = service != NULL ? strlen(service) + 1 : 0;
	async_uv_addrinfo_t *dns = ecalloc(1, sizeof(async_uv_addrinfo_t) + extra_size + node_size + service_size);
	char *copies = (char *) dns + sizeof(async_uv_addrinfo_t) + extra_size;
	zend_async_event_t *base = &dns->event.base;

	async_uv_event_setup(base, sizeof(async_uv_addrinfo_t), &addrinfo_ops);

	if (node != NULL) {
		memcpy(copies, node, node_size);
		dns->event.node = copies;
	}
	if (service != NULL) {
		memcpy(copies + node_size, service, service_size);
		dns->event.service = copies + node_size;
	}
	if (hints != NULL) {
		/* Only the four fields getaddrinfo reads; the pointers stay NULL. */
		dns->hints.ai_flags = hints->ai_flags;
		dns->hints.ai_family = hints->ai_family;
		dns->hints.ai_socktype = hints->ai_socktype;
		dns->hints.ai_protocol = hints->ai_protocol;
		dns->has_hints = true;
	}

	async_uv_event_init(&dns->common, base, NULL, addrinfo_free_memory);
	return &dns->event;
}

void async_uv_freeaddrinfo(struct addrinfo *ai)
{
	if (ai != NULL) {
		uv_freeaddrinfo(ai);
	}
}

/* ---- getnameinfo ---- */

static void describe_address(const async_uv_nameinfo_t *dns, char *buffer, size_t size)
{
	if (uv_ip_name((const struct sockaddr *) &dns->addr, buffer, size) < 0) {
		snprintf(buffer, size, "(unprintable address)");
	}
}

static void on_named(uv_getnameinfo_t *req, int status, const char *hostname, const char *service)
{
	async_uv_nameinfo_t *dns = req->data;
	zend_async_event_t *event = &dns->event.base;

	if (!async_uv_work_end(&dns->work)) {
		async_uv_event_work_done(&dns->common);
		return;
	}

	zend_async_event_close(event);
	if (status == 0) {
		dns->event.hostname = zend_string_init(hostname, strlen(hostname), 0);
		dns->event.service = zend_string_init(service, strlen(service), 0);
		ASYNC_UV_NOTIFY(event, NULL, NULL);
		return;
	}
	char address[INET6_ADDRSTRLEN];
	describe_address(dns, address, sizeof(address));
	zend_object *exception = zend_async_new_exception(ZEND_ASYNC_EXCEPTION_DNS,
		"Cannot resolve address %s: %s", address, uv_strerror(status));
	ASYNC_UV_NOTIFY(event, NULL, exception);
	OBJ_RELEASE(exception);
}

static bool nameinfo_start(zend_async_event_t *event)
{
	EVENT_START_PROLOGUE(event);
	async_uv_nameinfo_t *dns = NAMEINFO_OF(event);

	if (!async_uv_work_in_flight(&dns->work)) {
		if (!async_uv_loop_started()) {
			zend_throw_error(NULL, "Cannot start a DNS request after the event loop has shut down");
			return false;
		}
		dns->req.data = dns;
		int error = uv_getnameinfo(async_uv_loop(), &dns->req, on_named, (const struct sockaddr *) &dns->addr,
			dns->flags);
		if (error < 0) {
			char address[INET6_ADDRSTRLEN];
			describe_address(dns, address, sizeof(address));
			zend_async_throw(ZEND_ASYNC_EXCEPTION_DNS, "Cannot resolve address %s: %s", address, uv_strerror(error));
			return false;
		}
		async_uv_work_begin(&dns->work, &dns->common, (uv_req_t *) &dns->req);
	}
	EVENT_START_EPILOGUE(event);
	return true;
}

static bool nameinfo_dispose(zend_async_event_t *event)
{
	async_uv_nameinfo_t *dns = NAMEINFO_OF(event);
	return async_uv_work_event_dispose(event, &dns->common, &dns->work);
}

static void nameinfo_free_memory(zend_async_event_t *event)
{
	async_uv_nameinfo_t *dns = NAMEINFO_OF(event);
	if (dns->event.hostname != NULL) {
		zend_string_release(dns->event.hostname);
	}
	if (dns->event.service != NULL) {
		zend_string_release(dns->event.service);
	}
	efree(dns);
}

static zend_string *nameinfo_info(zend_async_event_t *event)
{
	char address[INET6_ADDRSTRLEN];
	describe_address(NAMEINFO_OF(event), address, sizeof(address));
	return zend_strpprintf(0, "getnameinfo of %s", address);
}

static const async_uv_event_ops_t nameinfo_ops = {nameinfo_start, dns_stop, nameinfo_dispose, nameinfo_info};

zend_async_dns_nameinfo_t *async_uv_getnameinfo(const struct sockaddr *addr, int flags, size_t extra_size)
{
	size_t addr_size;
	if (addr == NULL) {
		return async_uv_throw(ZEND_ASYNC_EXCEPTION_DNS, UV_EINVAL, "Cannot resolve a missing address");
	}
	switch (addr->sa_family) {
		case AF_INET: addr_size = sizeof(struct sockaddr_in); break;
		case AF_INET6: addr_size = sizeof(struct sockaddr_in6); break;
		default:
			return async_uv_throw(ZEND_ASYNC_EXCEPTION_DNS, UV_EAFNOSUPPORT,
				"Cannot resolve an address that is neither IPv4 nor IPv6");
	}
	async_uv_loop();
	if (UNEXPECTED(EG(exception))) {
		return NULL;
	}

	async_uv_nameinfo_t *dns = ecalloc(1, sizeof(async_uv_nameinfo_t) + extra_size);
	zend_async_event_t *base = &dns->event.base;

	async_uv_event_setup(base, sizeof(async_uv_nameinfo_t), &nameinfo_ops);
	memcpy(&dns->addr, addr, addr_size);
	dns->flags = flags;

	async_uv_event_init(&dns->common, base, NULL, nameinfo_free_memory);
	return &dns->event;
}
