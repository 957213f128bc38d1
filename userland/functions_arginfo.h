/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 367ad4571a41b4aea9d9943d71575ca8330d2bcc */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Async_engine_info, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_Async_runtime_stats arginfo_Async_engine_info


ZEND_FUNCTION(Async_engine_info);
ZEND_FUNCTION(Async_runtime_stats);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("Async", engine_info, Async_engine_info, arginfo_Async_engine_info)
	ZEND_NS_FALIAS("Async", runtime_stats, Async_runtime_stats, arginfo_Async_runtime_stats)
	ZEND_FE_END
};
