/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Redirecting the functions a loaded shared object imports (library_got.c): the object's GOT
 * slot of a named symbol gets a replacement, and the slot's old value comes back on unpatch.
 */
#ifndef ASYNC_LIBRARY_GOT_H
#define ASYNC_LIBRARY_GOT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	const char *symbol;       /* the imported function, e.g. "poll" */
	void *replacement;
} async_got_redirect_t;

typedef struct async_got_patch_s async_got_patch_t;

/* Redirects the imports listed in `redirects` of the loaded object whose file name starts with
 * `soname_prefix` (e.g. "libcurl.so"). The object is held open until the patch is undone. NULL
 * when no such object is loaded or it imports none of the symbols. */
async_got_patch_t *async_got_patch(const char *soname_prefix, const async_got_redirect_t *redirects, size_t count);

/* The same for the loaded object that holds `address` (the executable or libphp: PHP itself). */
async_got_patch_t *async_got_patch_object_of(const void *address, const async_got_redirect_t *redirects, size_t count);

/* Puts every slot back and lets the object go; frees the patch. */
void async_got_unpatch(async_got_patch_t *patch);

#endif
