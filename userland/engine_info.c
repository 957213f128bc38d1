/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Async\engine_info(): the engine API version and which backends are registered. */
#include "php.h"
#include "../php_async.h"
#include "../zend_async_API.h"
#include "userland.h"

static void add_name_or_null(zval *array, const char *key, const char *name)
{
	if (name != NULL) {
		add_assoc_string(array, key, name);
	} else {
		add_assoc_null(array, key);
	}
}

PHP_FUNCTION(Async_engine_info)
{
	ZEND_PARSE_PARAMETERS_NONE();

	array_init(return_value);
	add_assoc_string(return_value, "api_version", zend_async_get_api_version());
	add_assoc_long(return_value, "api_version_number", zend_async_get_api_version_number());
	add_assoc_string(return_value, "extension_version", PHP_ASYNC_VERSION);
	add_name_or_null(return_value, "reactor", zend_async_get_reactor_module_name());
	add_name_or_null(return_value, "scheduler", zend_async_get_scheduler_module_name());
}
