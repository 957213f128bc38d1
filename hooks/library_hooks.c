/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Which loaded objects get which imports redirected (library_got.c does the patching). Runs once
 * every extension has started (the libraries come with curl.so, pgsql.so and pdo_pgsql.so);
 * module shutdown puts the slots back. Not under ZTS: the replacements read the globals of the
 * thread that started PHP.
 */
#include "hooks.h"
#include "library.h"
#include "library_got.h"
#include "ext/standard/info.h"

static const async_got_redirect_t poll_import[] = {
	{ "poll", (void *) async_library_poll },
};

/* libcurl's: a wake-up with nothing ready returns to curl's loop (library_poll.c). */
static const async_got_redirect_t curl_poll_import[] = {
	{ "poll", (void *) async_library_poll_curl },
};

/* libpq resolves host names on the caller's thread. */
static const async_got_redirect_t libpq_imports[] = {
	{ "poll", (void *) async_library_poll },
	{ "getaddrinfo", (void *) async_library_getaddrinfo },
};

/* libmemcached resolves host names on the caller's thread too, and waits with poll() (its
 * sockets are non-blocking; connects and every read and write wait in io_wait()). */
static const async_got_redirect_t libmemcached_imports[] = {
	{ "poll", (void *) async_library_poll },
	{ "getaddrinfo", (void *) async_library_getaddrinfo },
};

/* The PHP modules' own calls: their connections are tracked for cancellation, and pdo_pgsql
 * waits with poll() itself in PDO::pgsqlGetNotify(). */
static const async_got_redirect_t pgsql_module_imports[] = {
	{ "poll", (void *) async_library_poll },
	{ "PQconnectdb", (void *) async_pgsql_PQconnectdb },
	{ "PQconnectStart", (void *) async_pgsql_PQconnectStart },
	{ "PQfinish", (void *) async_pgsql_PQfinish },
};

/* PHP itself: the resolver queries of dns_get_record(), checkdnsrr() and getmxrr() (glibc 2.34
 * moved res_nsearch into libc under its own name; older ones export __res_nsearch). */
static const async_got_redirect_t php_resolver_imports[] = {
	{ "res_nsearch", (void *) async_library_res_nsearch },
	{ "__res_nsearch", (void *) async_library_res_nsearch },
};
static async_got_patch_t *php_patch;

typedef struct {
	const char *soname_prefix;
	const async_got_redirect_t *redirects;
	size_t count;
} library_t;

#define LIBRARY(prefix, redirects) { (prefix), (redirects), sizeof(redirects) / sizeof((redirects)[0]) }

static const library_t libraries[] = {
	LIBRARY("libcurl.so.", curl_poll_import),
	LIBRARY("libcurl-gnutls.so.", curl_poll_import),
	LIBRARY("libpq.so.", libpq_imports),
	LIBRARY("pgsql.so", pgsql_module_imports),
	LIBRARY("pdo_pgsql.so", pgsql_module_imports),
	LIBRARY("libmemcached.so.", libmemcached_imports),
};
/* Without libpq's API found, the modules only get their poll() redirected. */
#define FIRST_PGSQL_MODULE 3
#define LAST_PGSQL_MODULE 4

#define LIBRARY_COUNT (sizeof(libraries) / sizeof(libraries[0]))

static async_got_patch_t *patches[LIBRARY_COUNT];

void async_library_hooks_install(void)
{
#ifndef ZTS
	async_library_poll_set_thread();
	bool track_connections = async_pgsql_install();
	for (size_t i = 0; i < LIBRARY_COUNT; i++) {
		if (patches[i] != NULL) {
			continue;
		}
		bool poll_only = i >= FIRST_PGSQL_MODULE && i <= LAST_PGSQL_MODULE && !track_connections;
		patches[i] = async_got_patch(libraries[i].soname_prefix, poll_only ? poll_import : libraries[i].redirects,
			poll_only ? 1 : libraries[i].count);
	}
	if (php_patch == NULL) {
		php_patch = async_got_patch_object_of((const void *) zend_error, php_resolver_imports,
			sizeof(php_resolver_imports) / sizeof(php_resolver_imports[0]));
	}
	async_library_guard_install();
	async_memcached_busy_install();
#endif
}

/* php --ri async: which libraries wait cooperatively (their imports redirected), or why not. */
void async_library_hooks_minfo(void)
{
	static const struct {
		const char *family;
		size_t first, last; /* in libraries[] */
	} families[] = {
		{ "curl (libcurl's waits: curl_exec, curl_multi_*)", 0, 1 },
		{ "PostgreSQL (libpq's waits: ext/pgsql, PDO pgsql)", 2, 4 },
		{ "memcached (libmemcached's waits: ext/memcached)", 5, 5 },
	};
	php_info_print_table_row(2, "dns_get_record, checkdnsrr, getmxrr (PHP's res_nsearch)",
		php_patch != NULL ? "active" : "not active: PHP does not import res_nsearch");
	for (size_t f = 0; f < sizeof(families) / sizeof(families[0]); f++) {
		bool patched = false;
		for (size_t i = families[f].first; i <= families[f].last; i++) {
			patched = patched || patches[i] != NULL;
		}
		php_info_print_table_row(2, families[f].family, patched ? "active" : "not active: library not loaded");
	}
}

void async_library_hooks_restore(void)
{
	async_library_guard_restore();
	async_memcached_busy_restore();
	async_got_unpatch(php_patch);
	php_patch = NULL;
	for (size_t i = LIBRARY_COUNT; i-- > 0;) {
		async_got_unpatch(patches[i]);
		patches[i] = NULL;
	}
	async_pgsql_restore();
}
