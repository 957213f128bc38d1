/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: aad151670b37bcca2ca7171078d63b9e021c9d5e */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Async_engine_info, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_FUNCTION(Async_engine_info);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("Async", engine_info, Async_engine_info, arginfo_Async_engine_info)
	ZEND_FE_END
};
