/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* async_test: an internal function that turns warnings into exceptions around a call, as PDO's
 * constructor does (the state must stay with the coroutine that suspends inside it). */
#include "async_test.h"
#include "zend_exceptions.h"
#include "test_error_handling_arginfo.h"

const zend_function_entry *async_test_error_handling_functions(void)
{
	return ext_functions;
}

PHP_FUNCTION(async_test_call_throwing_warnings)
{
	zend_string *class_name;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(class_name)
		Z_PARAM_FUNC(fci, fcc)
	ZEND_PARSE_PARAMETERS_END();

	zend_class_entry *exception_class = zend_lookup_class(class_name);
	if (exception_class == NULL || !instanceof_function(exception_class, zend_ce_exception)) {
		zend_argument_value_error(1, "must be the name of an Exception class");
		RETURN_THROWS();
	}

	zend_error_handling saved;
	zend_replace_error_handling(EH_THROW, exception_class, &saved);
	fci.retval = return_value;
	zend_call_function(&fci, &fcc);
	zend_restore_error_handling(&saved);
}
