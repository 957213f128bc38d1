/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: registration, the reactor entries, exceptions, the API version. */
#include "async_test.h"
#include "zend_exceptions.h"

PHP_FUNCTION(async_test_register_reactor)
{
	zend_string *module;
	bool allow_override;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(module)
		Z_PARAM_BOOL(allow_override)
	ZEND_PARSE_PARAMETERS_END();

	if (async_test_module_name(ZSTR_VAL(module)) == NULL) {
		zend_argument_value_error(1, "must be \"async_test\" or \"async_test_other\"");
		RETURN_THROWS();
	}
	RETURN_BOOL(async_test_backend_register(ZSTR_VAL(module), allow_override));
}

/* A scheduler that provides nothing of its own: every slot keeps the engine's default. */
PHP_FUNCTION(async_test_register_scheduler)
{
	zend_string *module;
	bool allow_override;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(module)
		Z_PARAM_BOOL(allow_override)
	ZEND_PARSE_PARAMETERS_END();

	char *name = async_test_module_name(ZSTR_VAL(module));
	if (name == NULL) {
		zend_argument_value_error(1, "must be \"async_test\" or \"async_test_other\"");
		RETURN_THROWS();
	}
	RETURN_BOOL(zend_async_scheduler_register(name, allow_override, NULL, NULL, NULL, NULL, NULL, NULL,
		NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL));
}

PHP_FUNCTION(async_test_reactor_module)
{
	ZEND_PARSE_PARAMETERS_NONE();
	const char *name = zend_async_get_reactor_module_name();
	if (name == NULL) {
		RETURN_NULL();
	}
	RETURN_STRING(name);
}

PHP_FUNCTION(async_test_is_enabled)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	add_assoc_bool(return_value, "async", ZEND_ASYNC_IS_ENABLED());
	add_assoc_bool(return_value, "reactor", ZEND_ASYNC_REACTOR_IS_ENABLED());
	add_assoc_bool(return_value, "scheduler", zend_scheduler_is_enabled());
}

/* Calls one entry through its ZEND_ASYNC_* macro. Entries that would need a live resource get
 * arguments that are safe for any backend (fd -1, a NULL sockaddr is never passed). */
PHP_FUNCTION(async_test_call_entry)
{
	zend_string *entry;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(entry)
	ZEND_PARSE_PARAMETERS_END();

	const char *name = ZSTR_VAL(entry);
	zend_async_event_t *event = NULL;
	const char *answer = NULL;

	if (strcmp(name, "startup") == 0) {
		answer = ZEND_ASYNC_REACTOR_STARTUP() ? "true" : "false";
	} else if (strcmp(name, "shutdown") == 0) {
		answer = ZEND_ASYNC_REACTOR_SHUTDOWN() ? "true" : "false";
	} else if (strcmp(name, "execute") == 0) {
		answer = ZEND_ASYNC_REACTOR_EXECUTE(true) ? "true" : "false";
	} else if (strcmp(name, "loop_alive") == 0) {
		answer = ZEND_ASYNC_REACTOR_LOOP_ALIVE() ? "true" : "false";
	} else if (strcmp(name, "new_socket_event") == 0) {
		event = (zend_async_event_t *) ZEND_ASYNC_NEW_SOCKET_EVENT(-1, ASYNC_READABLE);
	} else if (strcmp(name, "new_poll_event") == 0) {
		event = (zend_async_event_t *) ZEND_ASYNC_NEW_POLL_EVENT(-1, 0, ASYNC_READABLE);
	} else if (strcmp(name, "new_timer_event") == 0) {
		event = (zend_async_event_t *) ZEND_ASYNC_NEW_TIMER_EVENT(1, false);
	} else if (strcmp(name, "new_signal_event") == 0) {
		event = (zend_async_event_t *) ZEND_ASYNC_NEW_SIGNAL_EVENT(SIGUSR1);
	} else if (strcmp(name, "new_process_event") == 0) {
		event = (zend_async_event_t *) ZEND_ASYNC_NEW_PROCESS_EVENT(-1);
	} else if (strcmp(name, "new_thread_event") == 0) {
		event = (zend_async_event_t *) ZEND_ASYNC_NEW_THREAD_EVENT(NULL, NULL);
	} else if (strcmp(name, "new_filesystem_event") == 0) {
		zend_string *path = zend_string_init("/nonexistent-async-test", sizeof("/nonexistent-async-test") - 1, 0);
		event = (zend_async_event_t *) ZEND_ASYNC_NEW_FILESYSTEM_EVENT(path, 0);
		zend_string_release(path);
	} else if (strcmp(name, "getnameinfo") == 0) {
		struct sockaddr_in addr = { .sin_family = AF_INET };
		event = (zend_async_event_t *) ZEND_ASYNC_GETNAMEINFO((struct sockaddr *) &addr, 0);
	} else if (strcmp(name, "getaddrinfo") == 0) {
		event = (zend_async_event_t *) ZEND_ASYNC_GETADDRINFO("localhost", NULL, NULL);
	} else if (strcmp(name, "freeaddrinfo") == 0) {
		ZEND_ASYNC_FREEADDRINFO(NULL);
		answer = "void";
	} else if (strcmp(name, "new_exec_event") == 0) {
		event = (zend_async_event_t *) ZEND_ASYNC_NEW_EXEC_EVENT(ZEND_ASYNC_EXEC_MODE_EXEC, "true", NULL, NULL, NULL, NULL, NULL);
	} else if (strcmp(name, "exec") == 0) {
		int code = ZEND_ASYNC_EXEC(ZEND_ASYNC_EXEC_MODE_EXEC, "true", NULL, NULL, NULL, NULL, NULL, 0);
		answer = code == 0 ? "0" : "-1";
	} else {
		zend_argument_value_error(1, "is not a reactor entry");
		RETURN_THROWS();
	}

	if (EG(exception)) {
		if (event != NULL) {
			ZEND_ASYNC_EVENT_RELEASE(event);
		}
		RETURN_THROWS();
	}
	if (answer != NULL) {
		RETURN_STRING(answer);
	}
	if (event == NULL) {
		RETURN_STRING("NULL");
	}
	ZEND_ASYNC_EVENT_RELEASE(event);
	RETURN_STRING("event");
}

PHP_FUNCTION(async_test_exception_class)
{
	zend_long type;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(type)
	ZEND_PARSE_PARAMETERS_END();

	zend_class_entry *ce = ZEND_ASYNC_GET_EXCEPTION_CE((zend_async_class) type);
	if (ce == NULL) {
		RETURN_NULL();
	}
	RETURN_STR_COPY(ce->name);
}

PHP_FUNCTION(async_test_new_exception)
{
	zend_long type;
	zend_string *message;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(type)
		Z_PARAM_STR(message)
	ZEND_PARSE_PARAMETERS_END();

	RETURN_OBJ(zend_async_new_exception((zend_async_class) type, "%s", ZSTR_VAL(message)));
}

PHP_FUNCTION(async_test_throw)
{
	zend_long type;
	zend_string *message;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(type)
		Z_PARAM_STR(message)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_throw((zend_async_class) type, "%s", ZSTR_VAL(message));
}

PHP_FUNCTION(async_test_throw_cancellation)
{
	zend_string *message;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR_OR_NULL(message)
	ZEND_PARSE_PARAMETERS_END();

	if (message == NULL) {
		zend_async_throw_cancellation(NULL);
	} else {
		zend_async_throw_cancellation("%s", ZSTR_VAL(message));
	}
}

PHP_FUNCTION(async_test_throw_timeout)
{
	zend_long ms;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(ms)
	ZEND_PARSE_PARAMETERS_END();

	zend_async_throw_timeout(NULL, ms);
}

PHP_FUNCTION(async_test_api_version)
{
	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	add_assoc_string(return_value, "header", ZEND_ASYNC_API);
	add_assoc_long(return_value, "header_number", ZEND_ASYNC_API_VERSION_NUMBER);
	add_assoc_string(return_value, "runtime", zend_async_get_api_version());
	add_assoc_long(return_value, "runtime_number", zend_async_get_api_version_number());
}
