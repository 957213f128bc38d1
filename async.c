/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The module entry of the `async` extension. Each layer has its own init and shutdown;
 * this file only calls them in order: engine API, reactor, scheduler, userland, hooks.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "ext/standard/info.h"
#include "php_async.h"
#include "zend_async_API.h"
#include "engine/engine.h"
#include "reactor/reactor_module.h"
#include "scheduler/scheduler_module.h"
#include "userland/userland.h"
#include "hooks/hooks.h"
#include "userland/functions_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(async)

/* The module callbacks take (type, module_number); we need neither. */
#define ZEND_UNUSED_MODULE_ARGS() do { (void) type; (void) module_number; } while (0)

static PHP_MINIT_FUNCTION(async)
{
	ZEND_UNUSED_MODULE_ARGS();
	async_engine_minit();
	async_reactor_minit(type, module_number);
	async_scheduler_minit(type, module_number);
	async_userland_minit();
	async_hooks_minit();
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(async)
{
	ZEND_UNUSED_MODULE_ARGS();
	async_hooks_mshutdown();
	async_reactor_mshutdown(type, module_number);
	async_engine_mshutdown();
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(async)
{
	ZEND_UNUSED_MODULE_ARGS();
#if defined(ZTS) && defined(COMPILE_DL_ASYNC)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	async_engine_rinit();
	async_reactor_rinit();
	async_scheduler_rinit();
	async_userland_rinit();
	async_hooks_rinit();
	return SUCCESS;
}

static PHP_RSHUTDOWN_FUNCTION(async)
{
	ZEND_UNUSED_MODULE_ARGS();
	async_scheduler_rshutdown();
	async_reactor_rshutdown();
	async_engine_rshutdown();
	return SUCCESS;
}

static ZEND_MODULE_POST_ZEND_DEACTIVATE_D(async)
{
	async_hooks_post_deactivate(); /* before the reactor frees the events left */
	async_reactor_post_deactivate();
	return SUCCESS;
}

/* Everything starts zeroed; the layers set their parts up per request. Nothing is left in them
 * after a request (each layer frees its part at request end), so there is no GSHUTDOWN. */
static PHP_GINIT_FUNCTION(async)
{
#if defined(ZTS) && defined(COMPILE_DL_ASYNC)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(async_globals, 0, sizeof(*async_globals));
}

static PHP_MINFO_FUNCTION(async)
{
	(void) zend_module;
	const char *reactor = zend_async_get_reactor_module_name();
	const char *scheduler = zend_async_get_scheduler_module_name();

	php_info_print_table_start();
	php_info_print_table_row(2, "async support", "enabled");
	php_info_print_table_row(2, "Extension version", PHP_ASYNC_VERSION);
	php_info_print_table_row(2, "Engine API", ZEND_ASYNC_API);
	php_info_print_table_row(2, "Reactor", reactor != NULL ? reactor : "none registered");
	php_info_print_table_row(2, "Scheduler", scheduler != NULL ? scheduler : "none registered");
	async_reactor_minfo();
	php_info_print_table_end();
	async_hooks_minfo();
	DISPLAY_INI_ENTRIES();
}

zend_module_entry async_module_entry = {
	STANDARD_MODULE_HEADER,
	"async",
	ext_functions,
	PHP_MINIT(async),
	PHP_MSHUTDOWN(async),
	PHP_RINIT(async),
	PHP_RSHUTDOWN(async),
	PHP_MINFO(async),
	PHP_ASYNC_VERSION,
	PHP_MODULE_GLOBALS(async),
	PHP_GINIT(async),
	NULL, /* no GSHUTDOWN: see PHP_GINIT_FUNCTION */
	ZEND_MODULE_POST_ZEND_DEACTIVATE_N(async),
	STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_ASYNC
# ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
# endif
ZEND_GET_MODULE(async)
#endif
