/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* What the module entry calls in the reactor layer; the rest of reactor.h stays private. */
#ifndef ASYNC_REACTOR_MODULE_H
#define ASYNC_REACTOR_MODULE_H

#include "php.h"

void async_reactor_minit(int type, int module_number);
void async_reactor_mshutdown(int type, int module_number);
void async_reactor_rinit(void);
void async_reactor_rshutdown(void);
void async_reactor_post_deactivate(void);

/* Rows of php --ri async's table: the libuv version. */
void async_reactor_minfo(void);

#endif
