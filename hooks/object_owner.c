/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * The owners of objects in use by a library call (object_owner.h): a table from object handle to
 * the coroutine whose call uses it. The table exists only once a call has claimed something.
 */
#include "object_owner.h"

bool async_object_check(const async_object_owners_t *owners, zend_object *object, const char *message)
{
	if (owners->owners == NULL || object == NULL) {
		return true;
	}
	zend_coroutine_t *owner = zend_hash_index_find_ptr(owners->owners, object->handle);
	if (owner == NULL || owner == ZEND_ASYNC_CURRENT_COROUTINE) {
		return true;
	}
	zend_throw_error(NULL, "%s", message);
	return false;
}

bool async_object_claim(async_object_owners_t *owners, zend_object *object, bool *claimed, const char *message)
{
	*claimed = false;
	if (!async_object_check(owners, object, message)) {
		return false;
	}
	if (owners->owners == NULL) {
		ALLOC_HASHTABLE(owners->owners);
		zend_hash_init(owners->owners, 8, NULL, NULL, 0);
	}
	*claimed = zend_hash_index_add_ptr(owners->owners, object->handle, ZEND_ASYNC_CURRENT_COROUTINE) != NULL;
	return true;
}

void async_object_release(async_object_owners_t *owners, zend_object *object)
{
	if (owners->owners != NULL) {
		zend_hash_index_del(owners->owners, object->handle);
	}
}

void async_object_owners_forget(async_object_owners_t *owners)
{
	if (owners->owners != NULL) {
		zend_hash_destroy(owners->owners);
		FREE_HASHTABLE(owners->owners);
		owners->owners = NULL;
	}
}
