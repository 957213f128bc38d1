/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* The userland layer's lifecycle. Its function table (functions_arginfo.h) is included by the
 * module entry, async.c, which is where PHP wants it. */
#include "php.h"
#include "userland.h"
#include "../scheduler/scheduler.h"

static bool is_cancellation_token(zend_object *token)
{
	return async_awaitable_event(token) != NULL;
}

/* What the Coroutine and Scope classes (the scheduler's) ask of this layer. */
static const async_class_services_t class_services = {
	async_context_of_coroutine, is_cancellation_token, async_await_add_token,
};

void async_userland_minit(void)
{
	async_scheduler_set_class_services(&class_services);
	async_userland_register_timeout();
	async_userland_register_channel();
	async_userland_register_future();
	async_userland_register_context();
	async_userland_register_cpu_snapshot();
	async_userland_register_signal();
	async_userland_register_spawn_with();
	async_userland_register_task_group();
	async_userland_register_pool();
	async_userland_register_fs_watcher();
	async_userland_register_thread_channel();
}

/* The request's lists start empty (channels with a soft timer armed). */
void async_userland_rinit(void)
{
	async_channel_rinit();
}
