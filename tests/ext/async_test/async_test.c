/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * async_test: a test-only extension, the way php-src's zend_test serves its tests. It uses the
 * async extension only through the installed ext/async/zend_async_API.h, as a third-party
 * backend or consumer would, and is never shipped.
 */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "async_test.h"
#include "ext/standard/info.h"
#include "async_test_arginfo.h"

/* INI async_test.register_at_startup: 0 do nothing, 1 register the test reactor in MINIT
 * without allow_override, 2 with it. */
static zend_long register_at_startup = 0;
static int startup_result = -1; /* -1: not tried */

static ZEND_INI_MH(on_update_register_at_startup)
{
	register_at_startup = ZEND_ATOL(ZSTR_VAL(new_value));
	return SUCCESS;
}

PHP_INI_BEGIN()
	PHP_INI_ENTRY("async_test.register_at_startup", "0", PHP_INI_SYSTEM, on_update_register_at_startup)
PHP_INI_END()

PHP_FUNCTION(async_test_startup_result)
{
	ZEND_PARSE_PARAMETERS_NONE();
	if (startup_result < 0) {
		RETURN_NULL();
	}
	RETURN_BOOL(startup_result);
}

/* Each test area (test_<area>.c with its own test_<area>.stub.php) has its own function table;
 * they are registered here so that areas can be added without touching one shared stub. */
static const zend_function_entry *(*const area_tables[])(void) = {
	async_test_timer_functions,
	async_test_poll_functions,
	async_test_signal_functions,
	async_test_process_functions,
	async_test_exec_functions,
	async_test_dns_functions,
	async_test_thread_functions,
	async_test_fs_functions,
	async_test_scope_functions,
	async_test_error_handling_functions,
};
#define AREA_COUNT (sizeof(area_tables) / sizeof(area_tables[0]))


static PHP_MINIT_FUNCTION(async_test)
{
	REGISTER_INI_ENTRIES();
	for (size_t i = 0; i < AREA_COUNT; i++) {
		if (zend_register_functions(NULL, area_tables[i](), NULL, type) != SUCCESS) {
			return FAILURE;
		}
	}
	if (register_at_startup == 1 || register_at_startup == 2) {
		startup_result = async_test_backend_register("async_test", register_at_startup == 2);
	}
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(async_test)
{
	UNREGISTER_INI_ENTRIES();
	for (size_t i = 0; i < AREA_COUNT; i++) {
		zend_unregister_functions(area_tables[i](), -1, NULL);
	}
	return SUCCESS;
}

static PHP_MINFO_FUNCTION(async_test)
{
	(void) zend_module;
	php_info_print_table_start();
	php_info_print_table_row(2, "async_test support", "enabled (tests only)");
	php_info_print_table_row(2, "Built against", ZEND_ASYNC_API);
	php_info_print_table_end();
	DISPLAY_INI_ENTRIES();
}

static const zend_module_dep async_test_deps[] = {
	ZEND_MOD_REQUIRED("async")
	ZEND_MOD_END
};

zend_module_entry async_test_module_entry = {
	STANDARD_MODULE_HEADER_EX, NULL,
	async_test_deps,
	"async_test",
	ext_functions,
	PHP_MINIT(async_test),
	PHP_MSHUTDOWN(async_test),
	NULL,
	NULL,
	PHP_MINFO(async_test),
	"0.1.0",
	STANDARD_MODULE_PROPERTIES
};

#ifdef COMPILE_DL_ASYNC_TEST
ZEND_GET_MODULE(async_test)
#endif
