/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The http:// wrapper's "last response headers" (PHP 8.4: http_get_last_response_headers()) with
 * several requests in flight at once.
 *
 * PHP 8.4's opener frees BG(last_http_headers) when it starts and stores the new response's headers
 * there when it returns, as if no other open could run in between. Inside coroutines others do (an
 * open suspends on its socket), and the one that returned later overwrote the other's headers
 * without freeing them: a leak per overlapping request. So our opener, around PHP's, keeps the
 * engine's slot empty while any open runs: one that returns while others still run moves its
 * headers to `latest`, which the two functions read and clear; the last one to return leaves its
 * headers in the engine's slot, as PHP does. A request starting clears what was there, as in PHP.
 *
 * PHP 8.2 has no such slot (only $http_response_header, a local of each caller): nothing is
 * replaced there, and the two functions do not exist.
 */
#include "hooks.h"
#include "ext/standard/php_fopen_wrappers.h"
#include "../php_async_compat.h"

/* Process-wide: the wrapper is replaced once, after startup. */
static php_stream_wrapper_ops http_wops;
static php_stream_wrapper http_wrapper;
static bool replaced_http, replaced_https;

#define opens_in_flight ASYNC_G(hooks.http_opens_in_flight)
#define latest ASYNC_G(hooks.http_latest_headers) /* of an open that returned while others still ran (or UNDEF) */

static void clear_latest(void)
{
	zval_ptr_dtor(&latest);
	ZVAL_UNDEF(&latest);
}

static php_stream *http_opener(php_stream_wrapper *wrapper, const char *path, const char *mode, int options,
	zend_string **opened_path, php_stream_context *context STREAMS_DC)
{
	zval *slot = async_compat_last_http_headers();
	clear_latest();
	opens_in_flight++;
	/* Our wrapper is passed on: PHP logs the open's errors under it, and reports those of ours. */
	php_stream *stream = php_stream_http_wrapper.wops->stream_opener(wrapper, path, mode, options, opened_path,
		context STREAMS_CC);
	opens_in_flight--;
	if (opens_in_flight > 0) {
		clear_latest(); /* another one may have ended meanwhile */
		ZVAL_COPY_VALUE(&latest, slot);
		ZVAL_UNDEF(slot);
	} else {
		clear_latest(); /* the last to end: its headers (or none) are the last */
	}
	return stream;
}

static zif_handler original_get_last;
static zif_handler original_clear_last;

static PHP_FUNCTION(async_hook_http_get_last_response_headers)
{
	if (Z_ISUNDEF_P(async_compat_last_http_headers()) && !Z_ISUNDEF(latest)) {
		ZEND_PARSE_PARAMETERS_NONE();
		RETURN_COPY(&latest);
	}
	original_get_last(INTERNAL_FUNCTION_PARAM_PASSTHRU);
}

static PHP_FUNCTION(async_hook_http_clear_last_response_headers)
{
	original_clear_last(INTERNAL_FUNCTION_PARAM_PASSTHRU);
	if (!EG(exception)) {
		clear_latest();
	}
}

static const async_function_hook_t hooks[] = {
	{ "http_get_last_response_headers", PHP_FN(async_hook_http_get_last_response_headers), &original_get_last },
	{ "http_clear_last_response_headers", PHP_FN(async_hook_http_clear_last_response_headers), &original_clear_last },
};
const async_function_hook_table_t async_http_headers_hooks = ASYNC_HOOK_TABLE(hooks);

/* Puts our wrapper where PHP's own http wrapper is registered (http, and https with ext/openssl). */
static bool replace(const char *protocol)
{
	HashTable *wrappers = php_stream_get_url_stream_wrappers_hash_global();
	if (zend_hash_str_find_ptr(wrappers, protocol, strlen(protocol)) != &php_stream_http_wrapper) {
		return false;
	}
	php_unregister_url_stream_wrapper(protocol);
	php_register_url_stream_wrapper(protocol, &http_wrapper);
	return true;
}

static void restore(const char *protocol)
{
	HashTable *wrappers = php_stream_get_url_stream_wrappers_hash_global();
	if (zend_hash_str_find_ptr(wrappers, protocol, strlen(protocol)) == &http_wrapper) {
		php_unregister_url_stream_wrapper(protocol);
		php_register_url_stream_wrapper(protocol, &php_stream_http_wrapper);
	}
}

void async_http_headers_install(void)
{
	if (async_compat_last_http_headers_exist()) {
		http_wops = *php_stream_http_wrapper.wops;
		http_wops.stream_opener = http_opener;
		http_wrapper = php_stream_http_wrapper;
		http_wrapper.wops = &http_wops;
		replaced_http = replace("http");
		replaced_https = replace("https");
	}
}

void async_http_headers_restore(void)
{
	if (replaced_http) {
		restore("http");
	}
	if (replaced_https) {
		restore("https");
	}
	replaced_http = replaced_https = false;
}

/* At request end: PHP freed its own slot at its request shutdown; ours goes now. */
void async_http_headers_post_deactivate(void)
{
	opens_in_flight = 0;
	clear_latest();
}
