/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The userland layer's lifecycle. Its function table (functions_arginfo.h) is included by the
 * module entry, async.c, which is where PHP wants it. */
#include "php.h"
#include "userland.h"

void async_userland_minit(void)
{
	async_userland_register_coroutine_classes();
	async_userland_register_channel();
	async_userland_register_future();
	async_userland_register_scope();
	async_userland_register_context();
	async_userland_register_cpu_snapshot();
	async_userland_register_signal();
	async_userland_register_pool();
}
