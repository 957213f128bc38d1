/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: DNS events of the registered reactor (getaddrinfo, getnameinfo), through the public header. */
#include "async_test.h"
#include "zend_exceptions.h"
#include "test_dns_arginfo.h"
#include <arpa/inet.h>
#include <stdatomic.h>
#include <unistd.h>

const zend_function_entry *async_test_dns_functions(void)
{
	return ext_functions;
}

typedef struct {
	int notified;
	bool done;
	bool take_result;         /* the consumer takes ->result and frees it */
	bool release_in_callback;
	bool log_outcome;
	bool hide_addresses;      /* the host may have several: the scenario checks them instead */
} dns_state_t;

#define STATE_OF(ev) ((dns_state_t *) ZEND_ASYNC_EVENT_EXTRA(ev))

/* Notifications of events whose state may be gone by the time the scenario looks. */
static int notified_total;
static int failed_total;
/* What the addresses of taken results were: 1 127.0.0.1, 2 ::1, 4 anything else. */
static int address_kinds;

static void log_exception(const char *prefix, zend_object *exception)
{
	zval rv;
	zval *message = zend_read_property_ex(zend_ce_exception, exception, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
	async_test_logf("%s%s: %s", prefix, ZSTR_VAL(exception->ce->name), Z_STRVAL_P(message));
}

/* Logs a thrown exception and clears it. */
static void log_thrown(const char *prefix)
{
	if (EG(exception) == NULL) {
		async_test_logf("%sno exception", prefix);
		return;
	}
	log_exception(prefix, EG(exception));
	zend_clear_exception();
}

static const char *describe_addrinfo(const struct addrinfo *ai, char *buffer, size_t size)
{
	char ip[INET6_ADDRSTRLEN];
	int port;
	if (ai->ai_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *) ai->ai_addr;
		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		port = ntohs(in->sin_port);
	} else {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) ai->ai_addr;
		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		port = ntohs(in6->sin6_port);
	}
	snprintf(buffer, size, "%s port %d (%s)", ip, port, ai->ai_family == AF_INET ? "inet" : "inet6");
	return buffer;
}

static void classify_addresses(const struct addrinfo *ai)
{
	for (; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET
				&& ((const struct sockaddr_in *) ai->ai_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK)) {
			address_kinds |= 1;
		} else if (ai->ai_family == AF_INET6
				&& IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *) ai->ai_addr)->sin6_addr)) {
			address_kinds |= 2;
		} else {
			address_kinds |= 4;
		}
	}
}

static void on_addrinfo(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	zend_async_dns_addrinfo_t *dns = (zend_async_dns_addrinfo_t *) event;
	dns_state_t *state = STATE_OF(event);

	state->notified++;
	state->done = true;
	notified_total++;
	if (exception != NULL) {
		failed_total++;
	}
	if (state->log_outcome) {
		async_test_logf("notified: result arg %s, closed %d, loop_ref_count %u, active %u",
			result == NULL ? "NULL" : "set", ZEND_ASYNC_EVENT_IS_CLOSED(event), event->loop_ref_count,
			ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		if (exception != NULL) {
			log_exception("failed: ", exception);
			async_test_logf("->result is %s", dns->result == NULL ? "NULL" : "set");
		}
		for (const struct addrinfo *ai = state->hide_addresses ? NULL : dns->result; ai != NULL; ai = ai->ai_next) {
			char buffer[128];
			async_test_logf("address: %s", describe_addrinfo(ai, buffer, sizeof(buffer)));
		}
	}
	if (state->take_result && dns->result != NULL) {
		/* The ownership rule: take it by clearing the field, then free it. */
		struct addrinfo *ai = dns->result;
		dns->result = NULL;
		classify_addresses(ai);
		ZEND_ASYNC_FREEADDRINFO(ai);
	}
	if (state->release_in_callback) {
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

static zend_async_event_t *new_addrinfo(const char *node, const char *service, int family, int flags)
{
	struct addrinfo hints;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = flags;
	zend_async_dns_addrinfo_t *dns = ZEND_ASYNC_GETADDRINFO_EX(node, service, &hints, sizeof(dns_state_t));
	if (dns == NULL) {
		return NULL;
	}
	memset(STATE_OF(&dns->base), 0, sizeof(dns_state_t));
	dns->base.add_callback(&dns->base, ZEND_ASYNC_EVENT_CALLBACK(on_addrinfo));
	return &dns->base;
}

static void on_nameinfo(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	zend_async_dns_nameinfo_t *dns = (zend_async_dns_nameinfo_t *) event;
	dns_state_t *state = STATE_OF(event);

	state->notified++;
	state->done = true;
	notified_total++;
	if (state->log_outcome) {
		async_test_logf("notified: result arg %s, closed %d, active %u", result == NULL ? "NULL" : "set",
			ZEND_ASYNC_EVENT_IS_CLOSED(event), ZEND_ASYNC_ACTIVE_EVENT_COUNT);
		if (exception != NULL) {
			log_exception("failed: ", exception);
		} else {
			async_test_logf("hostname %s, service %s", ZSTR_VAL(dns->hostname), ZSTR_VAL(dns->service));
		}
	}
	if (state->release_in_callback) {
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
}

static zend_async_event_t *new_nameinfo(const char *ip, int port, int flags)
{
	struct sockaddr_storage addr;
	memset(&addr, 0, sizeof(addr));
	if (strchr(ip, ':') != NULL) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) &addr;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		inet_pton(AF_INET6, ip, &in6->sin6_addr);
	} else {
		struct sockaddr_in *in = (struct sockaddr_in *) &addr;
		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		inet_pton(AF_INET, ip, &in->sin_addr);
	}
	zend_async_dns_nameinfo_t *dns = ZEND_ASYNC_GETNAMEINFO_EX((struct sockaddr *) &addr, flags, sizeof(dns_state_t));
	if (dns == NULL) {
		return NULL;
	}
	memset(STATE_OF(&dns->base), 0, sizeof(dns_state_t));
	dns->base.add_callback(&dns->base, ZEND_ASYNC_EVENT_CALLBACK(on_nameinfo));
	return &dns->base;
}

/* Starts, runs until notified, logs the outcome, releases. */
static void resolve_and_log(zend_async_event_t *event)
{
	STATE_OF(event)->log_outcome = true;
	STATE_OF(event)->take_result = true;
	event->start(event);
	async_test_logf("started: loop_ref_count %u, active %u", event->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	if (!async_test_run_until(&STATE_OF(event)->done, 10000)) {
		async_test_logf("timed out");
	}
	ZEND_ASYNC_EVENT_RELEASE(event);
}

static void on_keepalive(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	*(bool *) ZEND_ASYNC_EVENT_EXTRA(event) = true;
}

/* Runs the loop for `ms` with a timer keeping it alive: work that nobody waits for comes back meanwhile. */
static void run_for_ms(zend_ulong ms)
{
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT_EX(ms, false, sizeof(bool));
	bool *fired = ZEND_ASYNC_EVENT_EXTRA(&timer->base);
	*fired = false;
	timer->base.add_callback(&timer->base, ZEND_ASYNC_EVENT_CALLBACK(on_keepalive));
	timer->base.start(&timer->base);
	async_test_run_until(fired, (zend_long) ms + 10000);
	ZEND_ASYNC_EVENT_RELEASE(&timer->base);
}

/* A thread entry that holds a pool worker until told to let go, so DNS requests queue behind it. */
typedef struct {
	atomic_int running;
	atomic_int let_go;
} blocker_t;

static void block_worker(zend_async_thread_event_t *event, void *arg)
{
	blocker_t *blocker = arg;
	atomic_store(&blocker->running, 1);
	for (int i = 0; i < 100000 && !atomic_load(&blocker->let_go); i++) {
		usleep(100);
	}
}

static bool wait_running(blocker_t *blocker)
{
	for (int i = 0; i < 100000 && !atomic_load(&blocker->running); i++) {
		usleep(100);
	}
	return atomic_load(&blocker->running);
}

static void on_thread_done(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	*(bool *) ZEND_ASYNC_EVENT_EXTRA(event) = true;
}

#define LOG_EVENT(what, ev) async_test_logf("%s: notified %d, closed %d, loop_ref_count %u, active %u", what, \
	STATE_OF(ev)->notified, ZEND_ASYNC_EVENT_IS_CLOSED(ev), (ev)->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT)

static void scenario_localhost(void)
{
	address_kinds = 0;
	zend_async_event_t *event = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
	STATE_OF(event)->hide_addresses = true;
	resolve_and_log(event);
	async_test_logf("loopback addresses only: %s", address_kinds != 0 && (address_kinds & 4) == 0 ? "yes" : "no");
}

static void scenario_numeric(void)
{
	resolve_and_log(new_addrinfo("192.0.2.7", "8080", AF_UNSPEC, AI_NUMERICHOST | AI_NUMERICSERV));
	resolve_and_log(new_addrinfo("2001:db8::5", "443", AF_INET6, AI_NUMERICHOST | AI_NUMERICSERV));
	/* Service only: the loopback address with AI_PASSIVE unset. */
	resolve_and_log(new_addrinfo(NULL, "25", AF_INET, AI_NUMERICSERV));
}

static void scenario_unknown(void)
{
	resolve_and_log(new_addrinfo("no-such-host.invalid", NULL, AF_UNSPEC, 0));
	/* Fails inside the resolver at once: the name is not numeric. */
	resolve_and_log(new_addrinfo("localhost", "80", AF_UNSPEC, AI_NUMERICHOST));
}

static void scenario_nameinfo(void)
{
	resolve_and_log(new_nameinfo("127.0.0.1", 80, NI_NUMERICSERV));
	resolve_and_log(new_nameinfo("::1", 443, NI_NUMERICHOST | NI_NUMERICSERV));
	/* glibc refuses unknown flags before any lookup. */
	resolve_and_log(new_nameinfo("127.0.0.1", 80, 0x10000));
}

static void scenario_create_errors(void)
{
	zend_async_dns_addrinfo_t *ai = ZEND_ASYNC_GETADDRINFO(NULL, NULL, NULL);
	async_test_logf("getaddrinfo(NULL, NULL): %s", ai == NULL ? "NULL" : "an event");
	log_thrown("  ");

	zend_async_dns_nameinfo_t *ni = ZEND_ASYNC_GETNAMEINFO(NULL, 0);
	async_test_logf("getnameinfo(NULL): %s", ni == NULL ? "NULL" : "an event");
	log_thrown("  ");

	struct sockaddr unix_addr;
	memset(&unix_addr, 0, sizeof(unix_addr));
	unix_addr.sa_family = AF_UNIX;
	ni = ZEND_ASYNC_GETNAMEINFO(&unix_addr, 0);
	async_test_logf("getnameinfo(AF_UNIX): %s", ni == NULL ? "NULL" : "an event");
	log_thrown("  ");

	/* A host name that is not valid UTF-8 cannot be converted to IDNA: libuv refuses it when
	 * the request is made, so start() throws. */
	zend_async_event_t *event = new_addrinfo("\xff\xfe.example", NULL, AF_UNSPEC, 0);
	bool started = event->start(event);
	async_test_logf("start with an invalid IDNA name: %s, loop_ref_count %u, active %u",
		started ? "true" : "false", event->loop_ref_count, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	if (EG(exception) != NULL) {
		zval rv;
		zval *message = zend_read_property_ex(zend_ce_exception, EG(exception), ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
		async_test_logf("  %s, ends with \"%s\"", ZSTR_VAL(EG(exception)->ce->name),
			strrchr(Z_STRVAL_P(message), ':') != NULL ? strrchr(Z_STRVAL_P(message), ':') : Z_STRVAL_P(message));
		zend_clear_exception();
	}
	ZEND_ASYNC_EVENT_RELEASE(event);

	ZEND_ASYNC_FREEADDRINFO(NULL);
	async_test_logf("freeaddrinfo(NULL): ok");
}

static void scenario_copies(void)
{
	/* The caller's strings and hints may go before start(): the event keeps copies. */
	char node[] = "localhost";
	char service[] = "80";
	struct addrinfo hints;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	zend_async_dns_addrinfo_t *dns = ZEND_ASYNC_GETADDRINFO_EX(node, service, &hints, sizeof(dns_state_t));
	memset(STATE_OF(&dns->base), 0, sizeof(dns_state_t));
	dns->base.add_callback(&dns->base, ZEND_ASYNC_EVENT_CALLBACK(on_addrinfo));
	async_test_logf("node and service are copies: %s", dns->node != node && dns->service != service ? "yes" : "no");
	memset(node, 'x', sizeof(node) - 1);
	memset(service, '9', sizeof(service) - 1);
	memset(&hints, 0xff, sizeof(hints));
	async_test_logf("node %s, service %s", dns->node, dns->service);
	zend_string *info = dns->base.info(&dns->base);
	async_test_logf("info: %s", ZSTR_VAL(info));
	zend_string_release(info);
	resolve_and_log(&dns->base);

	zend_async_event_t *ni = new_nameinfo("::1", 8080, 0);
	info = ni->info(ni);
	async_test_logf("info: %s", ZSTR_VAL(info));
	zend_string_release(info);
	ZEND_ASYNC_EVENT_RELEASE(ni);
}

static void scenario_result_left(void)
{
	/* Nobody takes ->result: it is freed with the event (valgrind checks). */
	zend_async_event_t *event = new_addrinfo("127.0.0.1", "80", AF_INET, AI_NUMERICHOST | AI_NUMERICSERV);
	event->start(event);
	async_test_run_until(&STATE_OF(event)->done, 10000);
	async_test_logf("resolved, ->result left in the event: %s",
		((zend_async_dns_addrinfo_t *) event)->result != NULL ? "yes" : "no");
	ZEND_ASYNC_EVENT_RELEASE(event);
	async_test_logf("released");
}

static void scenario_dispose_before_start(void)
{
	notified_total = 0;
	ZEND_ASYNC_EVENT_RELEASE(new_addrinfo("localhost", NULL, AF_UNSPEC, 0));
	ZEND_ASYNC_EVENT_RELEASE(new_nameinfo("127.0.0.1", 80, 0));
	run_for_ms(20);
	async_test_logf("disposed before start: notified %d, active %u", notified_total, ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static void scenario_dispose_pending(void)
{
	/* Released right after start: some are still queued (cancelled), some run on a worker
	 * (freed when they come back). None may be notified. */
	notified_total = 0;
	for (int i = 0; i < 20; i++) {
		zend_async_event_t *event = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
		event->start(event);
		ZEND_ASYNC_EVENT_RELEASE(event);
		event = new_nameinfo("127.0.0.1", 80, 0);
		event->start(event);
		ZEND_ASYNC_EVENT_RELEASE(event);
	}
	async_test_logf("40 released while pending: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
	run_for_ms(300);
	async_test_logf("after the loop ran: notified %d", notified_total);
}

static void scenario_dispose_in_callback(void)
{
	notified_total = 0;
	address_kinds = 0;
	zend_async_event_t *taken = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
	STATE_OF(taken)->take_result = true;
	STATE_OF(taken)->release_in_callback = true;
	zend_async_event_t *left = new_addrinfo("127.0.0.1", NULL, AF_INET, AI_NUMERICHOST);
	STATE_OF(left)->release_in_callback = true;
	zend_async_event_t *failed = new_addrinfo("localhost", NULL, AF_UNSPEC, AI_NUMERICHOST);
	STATE_OF(failed)->release_in_callback = true;
	zend_async_event_t *named = new_nameinfo("127.0.0.1", 80, 0);
	STATE_OF(named)->release_in_callback = true;
	taken->start(taken);
	left->start(left);
	failed->start(failed);
	named->start(named);
	/* The states go with the events: wait until nothing counted is left. */
	while (ZEND_ASYNC_REACTOR_LOOP_ALIVE()) {
		ZEND_ASYNC_REACTOR_EXECUTE(false);
	}
	async_test_logf("released in their own callbacks: notified %d, active %u, taken result was loopback: %s",
		notified_total, ZEND_ASYNC_ACTIVE_EVENT_COUNT, address_kinds == 1 || address_kinds == 3 ? "yes" : "no");
}

static void scenario_twice_owned(void)
{
	zend_async_event_t *event = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
	STATE_OF(event)->take_result = true;
	ZEND_ASYNC_EVENT_ADD_REF(event);
	event->start(event);
	ZEND_ASYNC_EVENT_RELEASE(event);
	LOG_EVENT("one owner released while pending", event);
	async_test_run_until(&STATE_OF(event)->done, 10000);
	LOG_EVENT("the other owner still gets it", event);
	ZEND_ASYNC_EVENT_RELEASE(event);
}

static void scenario_stop_and_restart(void)
{
	zend_async_event_t *event = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
	STATE_OF(event)->take_result = true;
	event->start(event);
	event->start(event);
	LOG_EVENT("started twice", event);
	event->stop(event);
	LOG_EVENT("stopped once", event);
	event->stop(event);
	LOG_EVENT("stopped twice", event);
	async_test_logf("loop alive: %d", ZEND_ASYNC_REACTOR_LOOP_ALIVE());
	event->start(event);
	LOG_EVENT("started again while pending", event);
	async_test_run_until(&STATE_OF(event)->done, 10000);
	LOG_EVENT("resolved", event);
	event->start(event);
	LOG_EVENT("start after it closed", event);
	ZEND_ASYNC_EVENT_RELEASE(event);

	/* Stopped and left: the request still ends, and whoever is subscribed hears of it. */
	event = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
	STATE_OF(event)->take_result = true;
	event->start(event);
	event->stop(event);
	run_for_ms(300);
	LOG_EVENT("stopped, then the request ended", event);
	ZEND_ASYNC_EVENT_RELEASE(event);
}

static void scenario_cancel_queued(void)
{
	/* Run with UV_THREADPOOL_SIZE=1: a thread event holds the only worker, so requests queue. */
	blocker_t blocker;
	atomic_init(&blocker.running, 0);
	atomic_init(&blocker.let_go, 0);
	zend_async_thread_event_t *thread = ZEND_ASYNC_NEW_THREAD_EVENT_EX(block_worker, &blocker, sizeof(bool));
	*(bool *) ZEND_ASYNC_EVENT_EXTRA(&thread->base) = false;
	thread->base.add_callback(&thread->base, ZEND_ASYNC_EVENT_CALLBACK(on_thread_done));
	thread->base.start(&thread->base);
	async_test_logf("the worker is held: %s", wait_running(&blocker) ? "yes" : "no");

	notified_total = 0;
	zend_async_event_t *queued = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
	queued->start(queued);
	zend_async_event_t *queued_name = new_nameinfo("127.0.0.1", 80, 0);
	queued_name->start(queued_name);
	zend_async_event_t *kept = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
	STATE_OF(kept)->take_result = true;
	kept->start(kept);
	ZEND_ASYNC_EVENT_RELEASE(queued);
	ZEND_ASYNC_EVENT_RELEASE(queued_name);
	async_test_logf("two queued requests released: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);

	atomic_store(&blocker.let_go, 1);
	async_test_run_until(ZEND_ASYNC_EVENT_EXTRA(&thread->base), 10000);
	async_test_run_until(&STATE_OF(kept)->done, 10000);
	LOG_EVENT("the request queued behind them", kept);
	async_test_logf("notified in all: %d", notified_total);
	ZEND_ASYNC_EVENT_RELEASE(kept);
	ZEND_ASYNC_EVENT_RELEASE(&thread->base);
}

static void scenario_abandoned(void)
{
	/* Started and never released: request end cancels or waits for them, notifies nobody and
	 * frees them. The callbacks would log into a gone array, so they must not run. */
	for (int i = 0; i < 10; i++) {
		zend_async_event_t *event = new_addrinfo("localhost", NULL, AF_UNSPEC, 0);
		STATE_OF(event)->log_outcome = true;
		event->start(event);
		event = new_nameinfo("127.0.0.1", 80, 0);
		STATE_OF(event)->log_outcome = true;
		event->start(event);
	}
	async_test_logf("left 20 pending requests to the end of the request: active %u", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}

static const struct {
	const char *name;
	void (*run)(void);
} scenarios[] = {
	{"localhost", scenario_localhost},
	{"numeric", scenario_numeric},
	{"unknown", scenario_unknown},
	{"nameinfo", scenario_nameinfo},
	{"create_errors", scenario_create_errors},
	{"copies", scenario_copies},
	{"result_left", scenario_result_left},
	{"dispose_before_start", scenario_dispose_before_start},
	{"dispose_pending", scenario_dispose_pending},
	{"dispose_in_callback", scenario_dispose_in_callback},
	{"twice_owned", scenario_twice_owned},
	{"stop_and_restart", scenario_stop_and_restart},
	{"cancel_queued", scenario_cancel_queued},
	{"abandoned", scenario_abandoned},
};

PHP_FUNCTION(async_test_dns_scenario)
{
	zend_string *name;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(name)
	ZEND_PARSE_PARAMETERS_END();

	for (size_t i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		if (zend_string_equals_cstr(name, scenarios[i].name, strlen(scenarios[i].name))) {
			array_init(return_value);
			async_test_log = return_value;
			scenarios[i].run();
			async_test_log = NULL;
			return;
		}
	}
	zend_argument_value_error(1, "is not a DNS scenario");
	RETURN_THROWS();
}

PHP_FUNCTION(async_test_dns_many)
{
	zend_long count;
	zend_string *host;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(count)
		Z_PARAM_STR(host)
	ZEND_PARSE_PARAMETERS_END();

	if (count < 1 || count > 100000) {
		zend_argument_value_error(1, "must be between 1 and 100000");
		RETURN_THROWS();
	}

	notified_total = 0;
	failed_total = 0;
	address_kinds = 0;
	zend_async_event_t **events = safe_emalloc(count, sizeof(*events), 0);
	for (zend_long i = 0; i < count; i++) {
		events[i] = new_addrinfo(ZSTR_VAL(host), NULL, AF_UNSPEC, 0);
		STATE_OF(events[i])->take_result = true;
		events[i]->start(events[i]);
	}
	unsigned int active_at_peak = ZEND_ASYNC_ACTIVE_EVENT_COUNT;
	bool never = false;
	async_test_run_until(&never, 30000);

	zend_long closed = 0, notified_once = 0;
	for (zend_long i = 0; i < count; i++) {
		closed += ZEND_ASYNC_EVENT_IS_CLOSED(events[i]);
		notified_once += STATE_OF(events[i])->notified == 1;
		ZEND_ASYNC_EVENT_RELEASE(events[i]);
	}
	efree(events);

	array_init(return_value);
	add_assoc_long(return_value, "active_at_peak", active_at_peak);
	add_assoc_long(return_value, "notified_once", notified_once);
	add_assoc_long(return_value, "failed", failed_total);
	add_assoc_long(return_value, "closed", closed);
	add_assoc_bool(return_value, "has_127.0.0.1_or_::1", (address_kinds & 3) != 0);
	add_assoc_bool(return_value, "only_loopback", address_kinds != 0 && (address_kinds & 4) == 0);
	add_assoc_long(return_value, "active_after", ZEND_ASYNC_ACTIVE_EVENT_COUNT);
}
