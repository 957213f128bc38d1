/*
 * Installs the function hooks. They go in once PHP has started every extension (the
 * post-startup callback), so functions of extensions loaded after ours (ext/sockets, mysqli)
 * are found too; PHP's handlers are restored at module shutdown.
 */
#include "hooks.h"

static const async_function_hook_table_t *const hook_tables[] = {
	&async_sleep_hooks,
	&async_stream_select_hooks,
	&async_sockets_ext_hooks,
	&async_dns_hooks,
	&async_exec_hooks,
	&async_proc_hooks,
	&async_stream_close_hooks,
};

static zend_result (*previous_post_startup)(void);


static void swap_handlers(bool install)
{
	for (size_t t = 0; t < sizeof(hook_tables) / sizeof(hook_tables[0]); t++) {
		const async_function_hook_table_t *table = hook_tables[t];
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
	async_db_cancellation_install();
	return SUCCESS;
}

void async_hooks_minit(void)
{
	previous_post_startup = zend_post_startup_cb;
	zend_post_startup_cb = install_after_startup;
	async_xport_hooks_install();
}

void async_hooks_post_deactivate(void)
{
	async_xport_guards_post_deactivate();
}

void async_hooks_mshutdown(void)
{
	swap_handlers(false);
	async_db_cancellation_restore();
	async_xport_hooks_restore();
}
