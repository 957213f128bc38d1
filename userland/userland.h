/* Internal: the Async\ functions and classes that PHP users call. */
#ifndef ASYNC_USERLAND_H
#define ASYNC_USERLAND_H

#include "php.h"


void async_userland_minit(void);
void async_userland_register_coroutine_classes(void);

extern zend_class_entry *async_ce_awaitable;
extern zend_class_entry *async_ce_completable;

#endif
