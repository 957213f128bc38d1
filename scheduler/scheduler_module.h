/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* What the module entry calls in the scheduler layer. */
#ifndef ASYNC_SCHEDULER_MODULE_H
#define ASYNC_SCHEDULER_MODULE_H

void async_scheduler_minit(int type, int module_number);
void async_scheduler_rinit(void);
void async_scheduler_rshutdown(void);

#endif
