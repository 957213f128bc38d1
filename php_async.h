/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
#ifndef PHP_ASYNC_H
#define PHP_ASYNC_H

extern zend_module_entry async_module_entry;
#define phpext_async_ptr &async_module_entry

#define PHP_ASYNC_VERSION "0.1.0"

#endif
