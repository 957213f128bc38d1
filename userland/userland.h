/* Internal: the Async\ functions and classes that PHP users call. */
#ifndef ASYNC_USERLAND_H
#define ASYNC_USERLAND_H

#include "php.h"


void async_userland_minit(void);

#endif
