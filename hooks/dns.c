/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * gethostbyname(), gethostbynamel(), gethostbyaddr(): inside a coroutine the look-up goes to
 * the engine API's getaddrinfo/getnameinfo events (the reactor's resolver thread pool), so only
 * the calling coroutine waits. Arguments, warnings and what a failure returns are stock PHP's:
 * a failed name look-up gives the name back (gethostbyname) or false (gethostbynamel), a failed
 * reverse look-up gives the address back. As in stock PHP only IPv4 addresses are returned.
 * getaddrinfo() may order several addresses of one name differently from gethostbyname(3)
 * (RFC 3484 sorting); the set is the same.
 */
#include "hooks.h"
#include "zend_exceptions.h"
#include <arpa/inet.h>
#include <netinet/in.h>

static zif_handler original_gethostbyname;
static zif_handler original_gethostbynamel;
static zif_handler original_gethostbyaddr;

/* Resolves `name` to its IPv4 addresses. NULL when the name does not resolve; also NULL with
 * an exception pending when the wait was cancelled. Free the list with ZEND_ASYNC_FREEADDRINFO. */
static struct addrinfo *resolve_ipv4(const char *name)
{
	struct addrinfo hints;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM; /* one entry per address, not one per socket type */

	zend_async_dns_addrinfo_t *lookup = ZEND_ASYNC_GETADDRINFO(name, NULL, &hints);
	if (lookup == NULL) {
		return NULL;
	}
	struct addrinfo *result = NULL;
	if (async_hook_wait_event(&lookup->base)) {
		result = lookup->result;
		lookup->result = NULL;
	} else if (async_hook_exception_is(ZEND_ASYNC_EXCEPTION_DNS)) {
		async_hook_clear_failure(); /* the name does not resolve: stock PHP has no error for that */
	}
	ZEND_ASYNC_EVENT_RELEASE(&lookup->base);
	return result;
}

static const char *ipv4_text(const struct addrinfo *entry, char *buffer)
{
	const struct sockaddr_in *address = (const struct sockaddr_in *) entry->ai_addr;
	return inet_ntop(AF_INET, &address->sin_addr, buffer, INET_ADDRSTRLEN);
}

static PHP_FUNCTION(async_hook_gethostbyname)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_gethostbyname);
	char *hostname;
	size_t hostname_len;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH(hostname, hostname_len)
	ZEND_PARSE_PARAMETERS_END();

	if (hostname_len > MAXFQDNLEN) {
		/* name too long, protect from CVE-2015-0235 (as stock PHP) */
		php_error_docref(NULL, E_WARNING, "Host name cannot be longer than %d characters", MAXFQDNLEN);
		RETURN_STRINGL(hostname, hostname_len);
	}

	struct addrinfo *addresses = resolve_ipv4(hostname);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	char buffer[INET_ADDRSTRLEN];
	const char *text = NULL;
	for (const struct addrinfo *entry = addresses; entry != NULL && text == NULL; entry = entry->ai_next) {
		if (entry->ai_family == AF_INET) {
			text = ipv4_text(entry, buffer);
		}
	}
	if (text != NULL) {
		RETVAL_STRING(text);
	} else {
		RETVAL_STRINGL(hostname, hostname_len);
	}
	if (addresses != NULL) {
		ZEND_ASYNC_FREEADDRINFO(addresses);
	}
}

static PHP_FUNCTION(async_hook_gethostbynamel)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_gethostbynamel);
	char *hostname;
	size_t hostname_len;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH(hostname, hostname_len)
	ZEND_PARSE_PARAMETERS_END();

	if (hostname_len > MAXFQDNLEN) {
		php_error_docref(NULL, E_WARNING, "Host name cannot be longer than %d characters", MAXFQDNLEN);
		RETURN_FALSE;
	}

	struct addrinfo *addresses = resolve_ipv4(hostname);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	if (addresses == NULL) {
		RETURN_FALSE;
	}
	array_init(return_value);
	char buffer[INET_ADDRSTRLEN];
	for (const struct addrinfo *entry = addresses; entry != NULL; entry = entry->ai_next) {
		const char *text = entry->ai_family == AF_INET ? ipv4_text(entry, buffer) : NULL;
		if (text != NULL) {
			add_next_index_string(return_value, text);
		}
	}
	ZEND_ASYNC_FREEADDRINFO(addresses);
}

static PHP_FUNCTION(async_hook_gethostbyaddr)
{
	ASYNC_HOOK_OUTSIDE_COROUTINE_CALL(original_gethostbyaddr);
	char *address;
	size_t address_len;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH(address, address_len)
	ZEND_PARSE_PARAMETERS_END();

	/* As stock PHP: an IPv6 address first, then IPv4. */
	struct sockaddr_storage storage;
	memset(&storage, 0, sizeof(storage));
	struct sockaddr_in6 *sa6 = (struct sockaddr_in6 *) &storage;
	struct sockaddr_in *sa4 = (struct sockaddr_in *) &storage;
	if (inet_pton(AF_INET6, address, &sa6->sin6_addr) == 1) {
		sa6->sin6_family = AF_INET6;
	} else if (inet_pton(AF_INET, address, &sa4->sin_addr) == 1) {
		sa4->sin_family = AF_INET;
	} else {
		php_error_docref(NULL, E_WARNING, "Address is not a valid IPv4 or IPv6 address");
		RETURN_FALSE;
	}

	zend_async_dns_nameinfo_t *lookup = ZEND_ASYNC_GETNAMEINFO((struct sockaddr *) &storage, NI_NAMEREQD);
	if (lookup == NULL) {
		RETURN_THROWS();
	}
	if (async_hook_wait_event(&lookup->base) && lookup->hostname != NULL) {
		RETVAL_STR_COPY(lookup->hostname);
	} else if (!EG(exception) || async_hook_exception_is(ZEND_ASYNC_EXCEPTION_DNS)) {
		if (async_hook_clear_failure()) { /* no name for it: stock PHP gives the address back */
			RETVAL_STRINGL(address, address_len);
		}
	}
	ZEND_ASYNC_EVENT_RELEASE(&lookup->base);
}

static const async_function_hook_t hooks[] = {
	{ "gethostbyname", PHP_FN(async_hook_gethostbyname), &original_gethostbyname },
	{ "gethostbynamel", PHP_FN(async_hook_gethostbynamel), &original_gethostbynamel },
	{ "gethostbyaddr", PHP_FN(async_hook_gethostbyaddr), &original_gethostbyaddr },
};

const async_function_hook_table_t async_dns_hooks = ASYNC_HOOK_TABLE(hooks);
