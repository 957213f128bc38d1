/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * A FIFO of zvals in a growing ring (Channel's buffer, Pool's idle resources). It holds the zvals
 * it is given, without adding references: push moves a value in, shift moves it out to the
 * caller. The owner destroys what is still in it, then calls async_zval_ring_free().
 */
#ifndef ASYNC_ZVAL_RING_H
#define ASYNC_ZVAL_RING_H

#include "php.h"

typedef struct {
	zval *slots;     /* `size` of them, allocated on the first push */
	uint32_t size, head, count;
} async_zval_ring_t;

/* The i-th value from the front (i < count). */
static inline zval *async_zval_ring_at(const async_zval_ring_t *ring, uint32_t i)
{
	return &ring->slots[(ring->head + i) % ring->size];
}

/* Moves the value in at the back; the ring doubles when full. */
static inline void async_zval_ring_push(async_zval_ring_t *ring, zval *value)
{
	if (ring->count == ring->size) {
		uint32_t size = ring->size ? ring->size * 2 : 4;
		zval *slots = safe_emalloc(size, sizeof(zval), 0);
		for (uint32_t i = 0; i < ring->count; i++) {
			ZVAL_COPY_VALUE(&slots[i], async_zval_ring_at(ring, i));
		}
		if (ring->slots) {
			efree(ring->slots);
		}
		ring->slots = slots;
		ring->size = size;
		ring->head = 0;
	}
	ring->count++;
	ZVAL_COPY_VALUE(async_zval_ring_at(ring, ring->count - 1), value);
}

/* Moves the front value out into `out` (the ring is not empty). */
static inline void async_zval_ring_shift(async_zval_ring_t *ring, zval *out)
{
	ZVAL_COPY_VALUE(out, &ring->slots[ring->head]);
	ring->head = (ring->head + 1) % ring->size;
	ring->count--;
}

/* Frees the slots (the values left in it are the owner's to destroy first). */
static inline void async_zval_ring_free(async_zval_ring_t *ring)
{
	if (ring->slots) {
		efree(ring->slots);
	}
	memset(ring, 0, sizeof(*ring));
}

#endif
