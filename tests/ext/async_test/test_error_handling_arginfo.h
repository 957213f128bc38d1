/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 402a46a0aa01b528c5fa7b708f6196c1b8d2a879 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_async_test_call_throwing_warnings, 0, 2, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO(0, exception_class, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, fn, IS_CALLABLE, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(async_test_call_throwing_warnings);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(async_test_call_throwing_warnings, arginfo_async_test_call_throwing_warnings)
	ZEND_FE_END
};
