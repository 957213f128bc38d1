/* proc_open(), proc_close(), popen(), pclose(): see below. */
#include "hooks.h"

static const async_function_hook_t hooks[] = {
	{ "__async_placeholder", NULL, NULL },
};

const async_function_hook_table_t async_proc_hooks = { hooks, 0 };
