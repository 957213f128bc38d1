/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Installs the function hooks. They go in once PHP has started every extension (the
 * post-startup callback), so functions of extensions loaded after ours (ext/sockets, mysqli)
 * are found too; PHP's handlers are restored at module shutdown.
 */
#include "hooks.h"
#include "ext/standard/info.h"
#include "library.h"
#include "pipe_stream.h"

/* Each hook file's table, as php --ri async names it; `extension` is the one that has the
 * functions when it is not PHP's standard library (the family is inactive without it);
 * `since_php`, the first PHP version (PHP_VERSION_ID) that has them, when not all do. */
static const struct {
	const char *family;
	const char *extension;
	const async_function_hook_table_t *table;
	uint32_t since_php;
} hook_tables[] = {
	{ "sleep, usleep, time_nanosleep, time_sleep_until", NULL, &async_sleep_hooks, 0 },
	{ "stream_select", NULL, &async_stream_select_hooks, 0 },
	{ "ext/sockets (socket_*)", "sockets", &async_sockets_ext_hooks, 0 },
	{ "gethostbyname, gethostbynamel, gethostbyaddr", NULL, &async_dns_hooks, 0 },
	{ "exec, system, passthru, shell_exec", NULL, &async_exec_hooks, 0 },
	{ "proc_open, proc_close, popen", NULL, &async_proc_hooks, 0 },
	{ "fclose, pclose (of a stream others wait on)", NULL, &async_stream_close_hooks, 0 },
	{ "curl handles in curl_exec(): one coroutine at a time", "curl", &async_curl_busy_hooks, 0 },
	{ "curl multi handles driven by several coroutines", "curl", &async_curl_multi_shared_hooks, 0 },
	{ "stream_socket_pair", NULL, &async_socket_pair_hooks, 0 },
	{ "flock", NULL, &async_flock_hooks, 0 },
	{ "pcntl_fork (refused while coroutines other than the main one live)", "pcntl", &async_fork_hooks, 0 },
	{ "http_get_last_response_headers, http_clear_last_response_headers", NULL, &async_http_headers_hooks, 80400 },
};

static zend_result (*previous_post_startup)(void);


static void swap_handlers(bool install)
{
	for (size_t t = 0; t < sizeof(hook_tables) / sizeof(hook_tables[0]); t++) {
		const async_function_hook_table_t *table = hook_tables[t].table;
		for (size_t i = 0; i < table->count; i++) {
			const async_function_hook_t *hook = &table->hooks[i];
			zend_function *fn = zend_hash_str_find_ptr(CG(function_table), hook->name, strlen(hook->name));
			if (fn == NULL || fn->type != ZEND_INTERNAL_FUNCTION) {
				continue; /* the extension that has it is not loaded, or it is disabled */
			}
			if (install) {
				if (*hook->original == NULL && fn->internal_function.handler != hook->replacement) {
					*hook->original = fn->internal_function.handler;
					fn->internal_function.handler = hook->replacement;
				}
			} else if (*hook->original != NULL) {
				fn->internal_function.handler = *hook->original;
				*hook->original = NULL;
			}
		}
	}
}

static zend_result install_after_startup(void)
{
	if (previous_post_startup != NULL && previous_post_startup() != SUCCESS) {
		return FAILURE;
	}
	swap_handlers(true);
	async_http_headers_install(); /* after ext/openssl registered https */
	async_stdio_pipes_install();
	async_library_hooks_install();
	async_db_cancellation_install();
	return SUCCESS;
}

/* A family is active when at least one of its functions has our handler. */
static bool family_active(const async_function_hook_table_t *table)
{
	for (size_t i = 0; i < table->count; i++) {
		if (*table->hooks[i].original != NULL) {
			return true;
		}
	}
	return false;
}

void async_hooks_minfo(void)
{
	php_info_print_table_start();
	php_info_print_table_header(2, "Hooked inside coroutines", "State");
	for (size_t t = 0; t < sizeof(hook_tables) / sizeof(hook_tables[0]); t++) {
		const char *extension = hook_tables[t].extension;
		if (family_active(hook_tables[t].table)) {
			php_info_print_table_row(2, hook_tables[t].family, "active");
		} else if (PHP_VERSION_ID < hook_tables[t].since_php) {
			char *why;
			spprintf(&why, 0, "not active: PHP has its functions from %u.%u on",
				hook_tables[t].since_php / 10000, hook_tables[t].since_php / 100 % 100);
			php_info_print_table_row(2, hook_tables[t].family, why);
			efree(why);
		} else if (extension != NULL && !zend_hash_str_exists(&module_registry, extension, strlen(extension))) {
			char *why;
			spprintf(&why, 0, "not active: extension %s not loaded", extension);
			php_info_print_table_row(2, hook_tables[t].family, why);
			efree(why);
		} else {
			php_info_print_table_row(2, hook_tables[t].family, "not active: its functions are disabled");
		}
	}
	async_xport_minfo();
	async_library_hooks_minfo();
	php_info_print_table_end();
}

void async_hooks_minit(void)
{
	previous_post_startup = zend_post_startup_cb;
	zend_post_startup_cb = install_after_startup;
	async_xport_hooks_install();
}

void async_hooks_rinit(void)
{
	async_curl_multi_shared_rinit();
}

void async_hooks_post_deactivate(void)
{
	async_xport_streams_post_deactivate();
	async_http_headers_post_deactivate();
	async_library_guard_post_deactivate();
	async_memcached_busy_post_deactivate();
	async_curl_busy_post_deactivate();
	async_curl_multi_shared_post_deactivate();
}

void async_hooks_mshutdown(void)
{
	swap_handlers(false);
	async_library_hooks_restore();
	async_db_cancellation_restore();
	async_xport_hooks_restore();
	async_http_headers_restore();
	async_stdio_pipes_restore();
}
