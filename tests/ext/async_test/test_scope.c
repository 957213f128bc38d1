/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: a scope made and used through the engine API, as another extension does it. */
#include "async_test.h"
#include "test_scope_arginfo.h"

const zend_function_entry *async_test_scope_functions(void)
{
	return ext_functions;
}

static void print_from_coroutine(void)
{
	php_printf("internal coroutine runs in the new scope\n");
}

PHP_FUNCTION(async_test_scope_spawn)
{
	ZEND_PARSE_PARAMETERS_NONE();

	zend_async_scope_t *scope = ZEND_ASYNC_NEW_SCOPE(NULL);
	if (scope == NULL) {
		RETURN_THROWS();
	}
	/* The scope is opaque; its event comes first, as for every scheduler-owned event. */
	zend_async_event_t *event = (zend_async_event_t *) scope;
	zend_coroutine_t *coroutine = ZEND_ASYNC_SPAWN_WITH(scope);
	if (coroutine == NULL) {
		ZEND_ASYNC_EVENT_RELEASE(event);
		RETURN_THROWS();
	}
	coroutine->internal_entry = print_from_coroutine;

	array_init(return_value);
	add_assoc_bool(return_value, "coroutine_in_scope", coroutine->scope == scope);
	if (ZEND_ASYNC_EVENT_IS_ZEND_OBJ(event)) {
		add_assoc_object(return_value, "scope", ZEND_ASYNC_EVENT_TO_OBJECT(event)); /* our reference */
	} else {
		ZEND_ASYNC_EVENT_RELEASE(event);
		add_assoc_null(return_value, "scope");
	}
}
