/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Snapshots of coroutine lists (coroutine_list.h). */
#include "scheduler.h"

async_snapshot_t async_coroutine_list_snapshot(const async_list_t *list, size_t link_offset)
{
	async_snapshot_t snapshot = { list->count ? safe_emalloc(list->count, sizeof(zend_object *), 0) : NULL, 0 };
	ASYNC_LIST_FOREACH(list, node) {
		async_coroutine_t *co = (async_coroutine_t *) ((char *) node - link_offset);
		snapshot.objects[snapshot.count] = &co->std;
		GC_ADDREF(snapshot.objects[snapshot.count++]);
	}
	return snapshot;
}

void async_snapshot_release(async_snapshot_t *snapshot)
{
	for (uint32_t i = 0; i < snapshot->count; i++) {
		OBJ_RELEASE(snapshot->objects[i]);
	}
	if (snapshot->objects != NULL) {
		efree(snapshot->objects);
	}
	snapshot->objects = NULL;
	snapshot->count = 0;
}
