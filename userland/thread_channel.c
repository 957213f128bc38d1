/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Async\ThreadChannel on a PHP without threads (this extension supports NTS only, where there is
 * no spawn_thread()): upstream's buffered channel between threads, here between coroutines. What
 * stays of "between threads" is that a value is copied when it is sent, by upstream's rules: the
 * receiver gets its own arrays and objects (an object shared twice in the value is copied once),
 * never the sender's; a resource, an object with dynamic properties, or an object of a class
 * written in C (Closure, ArrayObject, exceptions...; stdClass and enums aside) cannot be sent.
 *
 * Waiting: senders wait while the buffer is full, receivers while it is empty. Each change wakes
 * every waiter of the other side and each looks again (wait_list.h): a waiter cancelled after it
 * was woken takes nothing with it.
 */
#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_enum.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../async_list.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "wait_list.h"
#include "thread_channel_arginfo.h"

/* Deeper than this a value is taken for a cycle of references, which cannot be copied. */
#define MAX_TRANSFER_DEPTH 512

zend_class_entry *async_ce_thread_channel;
zend_class_entry *async_ce_thread_channel_exception;
zend_class_entry *async_ce_thread_transfer_exception;
static zend_object_handlers thread_channel_handlers;

typedef struct {
	zval *buffer;          /* ring of `size` slots, grown up to `capacity` as values come */
	uint32_t capacity, size, head, count;
	bool closed;
	async_list_t senders, receivers;
	zend_object std;
} async_thread_channel_t;

#define THREAD_CHANNEL_FROM_OBJ(obj) \
	((async_thread_channel_t *) ((char *) (obj) - XtOffsetOf(async_thread_channel_t, std)))
#define THIS_THREAD_CHANNEL() THREAD_CHANNEL_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

/* ---- copying a value as for another thread ---- */

static bool transfer_value(zval *source, zval *copy, HashTable *copies, int depth);

/* Whether the object has properties its class does not declare. A property table PHP built
 * (var_dump(), get_object_vars(), foreach...) holds the declared ones as INDIRECT slots. */
static bool has_dynamic_properties(zend_object *object)
{
	if (object->properties == NULL) {
		return false;
	}
	zval *entry;
	ZEND_HASH_FOREACH_VAL(object->properties, entry) {
		if (Z_TYPE_P(entry) != IS_INDIRECT) {
			return true;
		}
	} ZEND_HASH_FOREACH_END();
	return false;
}

static bool transfer_object(zend_object *object, zval *copy, HashTable *copies, int depth)
{
	zend_class_entry *ce = object->ce;
	if (ce->ce_flags & ZEND_ACC_ENUM) {
		ZVAL_OBJ_COPY(copy, object); /* a case is one object everywhere */
		return true;
	}
	zval *known = zend_hash_index_find(copies, object->handle);
	if (known != NULL) {
		ZVAL_COPY(copy, known);
		return true;
	}
	if (ce != zend_standard_class_def && (ce->type == ZEND_INTERNAL_CLASS || ce->create_object != NULL)) {
		zend_throw_exception_ex(async_ce_thread_transfer_exception, 0,
			"Cannot transfer an object of class %s between threads", ZSTR_VAL(ce->name));
		return false;
	}
	if (has_dynamic_properties(object)) {
		zend_throw_exception(async_ce_thread_transfer_exception,
			"Cannot transfer object with dynamic properties between threads", 0);
		return false;
	}
	if (object_init_ex(copy, ce) == FAILURE) { /* an abstract class, an interface: never here */
		return false;
	}
	zend_object *target = Z_OBJ_P(copy);
	zend_hash_index_add_new(copies, object->handle, copy);
	Z_ADDREF_P(copy); /* the table's reference */
	for (int i = 0; i < ce->default_properties_count; i++) {
		zval *slot = OBJ_PROP_NUM(target, i);
		zval value;
		ZVAL_UNDEF(&value);
		if (Z_TYPE_P(OBJ_PROP_NUM(object, i)) != IS_UNDEF
				&& !transfer_value(OBJ_PROP_NUM(object, i), &value, copies, depth + 1)) {
			zval_ptr_dtor(copy); /* the half-made copy goes with the table */
			ZVAL_UNDEF(copy);
			return false;
		}
		zval_ptr_dtor(slot);
		ZVAL_COPY_VALUE(slot, &value); /* UNDEF stays uninitialized, as in the original */
	}
	return true;
}

static bool transfer_array(zend_array *array, zval *copy, HashTable *copies, int depth)
{
	zend_array *target = zend_new_array(zend_hash_num_elements(array));
	ZVAL_ARR(copy, target);
	zend_ulong index;
	zend_string *key;
	zval *entry;
	ZEND_HASH_FOREACH_KEY_VAL(array, index, key, entry) {
		zval value;
		if (!transfer_value(entry, &value, copies, depth + 1)) {
			return false; /* the caller releases the partial copy */
		}
		if (key != NULL) {
			zend_hash_add_new(target, key, &value);
		} else {
			zend_hash_index_add_new(target, index, &value);
		}
	} ZEND_HASH_FOREACH_END();
	return true;
}

/* Copies `source` into `copy` (UNDEF, or a value the caller owns). False with an exception
 * thrown: `copy` then holds nothing the caller must release. */
static bool transfer_value(zval *source, zval *copy, HashTable *copies, int depth)
{
	ZVAL_UNDEF(copy);
	if (depth > MAX_TRANSFER_DEPTH) {
		zend_throw_exception_ex(async_ce_thread_transfer_exception, 0,
			"Cannot transfer a value nested deeper than %d levels between threads", MAX_TRANSFER_DEPTH);
		return false;
	}
	ZVAL_DEREF(source); /* a reference is not shared with another thread: its value is */
	switch (Z_TYPE_P(source)) {
		case IS_ARRAY:
			if (!transfer_array(Z_ARR_P(source), copy, copies, depth)) {
				zval_ptr_dtor(copy);
				ZVAL_UNDEF(copy);
				return false;
			}
			return true;
		case IS_OBJECT:
			return transfer_object(Z_OBJ_P(source), copy, copies, depth);
		case IS_RESOURCE:
			zend_throw_error(NULL, "Cannot transfer a resource between threads");
			return false;
		default:
			ZVAL_COPY(copy, source); /* scalars and strings (strings are never changed in place) */
			return true;
	}
}

/* The copy of a whole value: objects shared within it are copied once. */
static bool transfer(zval *source, zval *copy)
{
	HashTable copies;
	zend_hash_init(&copies, 8, NULL, ZVAL_PTR_DTOR, 0);
	bool ok = transfer_value(source, copy, &copies, 0);
	zend_hash_destroy(&copies);
	return ok;
}

/* ---- the channel ---- */

static void throw_closed(void)
{
	zend_throw_exception(async_ce_thread_channel_exception, "ThreadChannel is closed", 0);
}

ZEND_METHOD(Async_ThreadChannel, __construct)
{
	zend_long capacity = 16;
	(void) return_value;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(capacity)
	ZEND_PARSE_PARAMETERS_END();

	async_thread_channel_t *channel = THIS_THREAD_CHANNEL();
	if (channel->buffer != NULL) {
		zend_throw_error(NULL, "Cannot construct a ThreadChannel twice");
		RETURN_THROWS();
	}
	if (capacity < 1 || capacity > INT32_MAX) {
		zend_argument_value_error(1, "must be between 1 and %d", INT32_MAX);
		RETURN_THROWS();
	}
	/* The ring grows to the capacity as values come: a large capacity costs nothing unused. */
	channel->capacity = (uint32_t) capacity;
	channel->size = MIN(channel->capacity, 16);
	channel->buffer = safe_emalloc(channel->size, sizeof(zval), 0);
}

static void buffer_push(async_thread_channel_t *channel, zval *value)
{
	if (channel->count == channel->size) { /* full ring below capacity: grow it, in order */
		uint32_t grown = (uint32_t) MIN((uint64_t) channel->size * 2, channel->capacity);
		zval *buffer = safe_emalloc(grown, sizeof(zval), 0);
		for (uint32_t i = 0; i < channel->count; i++) {
			ZVAL_COPY_VALUE(&buffer[i], &channel->buffer[(channel->head + i) % channel->size]);
		}
		efree(channel->buffer);
		channel->buffer = buffer;
		channel->size = grown;
		channel->head = 0;
	}
	ZVAL_COPY_VALUE(&channel->buffer[(channel->head + channel->count) % channel->size], value);
	channel->count++;
}

static void buffer_pop(async_thread_channel_t *channel, zval *out)
{
	ZVAL_COPY_VALUE(out, &channel->buffer[channel->head]);
	channel->head = (channel->head + 1) % channel->size;
	channel->count--;
	if (channel->count == 0) {
		channel->head = 0;
	}
}

static bool channel_ready(zval *object)
{
	if (THREAD_CHANNEL_FROM_OBJ(Z_OBJ_P(object))->buffer == NULL) {
		zend_throw_error(NULL, "ThreadChannel was not constructed");
		return false;
	}
	return true;
}

ZEND_METHOD(Async_ThreadChannel, send)
{
	zval *value;
	zend_object *cancellation = NULL;
	(void) return_value;
	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ZVAL(value)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_completable)
	ZEND_PARSE_PARAMETERS_END();
	if (!channel_ready(ZEND_THIS)) {
		RETURN_THROWS();
	}
	async_thread_channel_t *channel = THIS_THREAD_CHANNEL();
	zval copy;
	if (!transfer(value, &copy)) {
		RETURN_THROWS(); /* refused before anything waits or is buffered */
	}
	while (!channel->closed && channel->count >= channel->capacity) {
		if (!async_wait_list_wait(&channel->senders, &channel->std, cancellation, "a ThreadChannel send")) {
			zval_ptr_dtor(&copy);
			async_wait_list_wake(&channel->senders); /* a slot this sender was woken for is free */
			RETURN_THROWS();
		}
	}
	if (channel->closed) {
		zval_ptr_dtor(&copy);
		throw_closed();
		RETURN_THROWS();
	}
	buffer_push(channel, &copy);
	async_wait_list_wake(&channel->receivers);
}

ZEND_METHOD(Async_ThreadChannel, recv)
{
	zend_object *cancellation = NULL;
	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_completable)
	ZEND_PARSE_PARAMETERS_END();
	if (!channel_ready(ZEND_THIS)) {
		RETURN_THROWS();
	}
	async_thread_channel_t *channel = THIS_THREAD_CHANNEL();
	while (channel->count == 0 && !channel->closed) {
		if (!async_wait_list_wait(&channel->receivers, &channel->std, cancellation, "a ThreadChannel recv")) {
			async_wait_list_wake(&channel->receivers); /* a value this receiver was woken for is there */
			RETURN_THROWS();
		}
	}
	if (channel->count == 0) {
		throw_closed();
		RETURN_THROWS();
	}
	buffer_pop(channel, return_value);
	async_wait_list_wake(&channel->senders);
}

static void channel_close(async_thread_channel_t *channel)
{
	if (channel->closed) {
		return;
	}
	channel->closed = true;
	async_wait_list_wake(&channel->senders);
	async_wait_list_wake(&channel->receivers);
}

ZEND_METHOD(Async_ThreadChannel, close)
{
	(void) return_value;
	ZEND_PARSE_PARAMETERS_NONE();
	channel_close(THIS_THREAD_CHANNEL());
}

ZEND_METHOD(Async_ThreadChannel, isClosed)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(THIS_THREAD_CHANNEL()->closed);
}

ZEND_METHOD(Async_ThreadChannel, capacity)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG(THIS_THREAD_CHANNEL()->capacity);
}

ZEND_METHOD(Async_ThreadChannel, count)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_LONG(THIS_THREAD_CHANNEL()->count);
}

ZEND_METHOD(Async_ThreadChannel, isEmpty)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(THIS_THREAD_CHANNEL()->count == 0);
}

ZEND_METHOD(Async_ThreadChannel, isFull)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_thread_channel_t *channel = THIS_THREAD_CHANNEL();
	RETURN_BOOL(channel->buffer != NULL && channel->count >= channel->capacity);
}

static zend_object *thread_channel_create(zend_class_entry *ce)
{
	async_thread_channel_t *channel = zend_object_alloc(sizeof(async_thread_channel_t), ce);
	zend_object_std_init(&channel->std, ce);
	object_properties_init(&channel->std, ce);
	channel->std.handlers = &thread_channel_handlers;
	async_list_init(&channel->senders);
	async_list_init(&channel->receivers);
	return &channel->std;
}

static void thread_channel_free(zend_object *object)
{
	async_thread_channel_t *channel = THREAD_CHANNEL_FROM_OBJ(object);
	async_wait_list_forget(&channel->senders);
	async_wait_list_forget(&channel->receivers);
	while (channel->count > 0) {
		zval value;
		buffer_pop(channel, &value);
		zval_ptr_dtor(&value);
	}
	if (channel->buffer != NULL) {
		efree(channel->buffer);
	}
	zend_object_std_dtor(object);
}

/* The values in the buffer: copies of objects may form cycles of their own. */
static HashTable *thread_channel_get_gc(zend_object *object, zval **table, int *n)
{
	async_thread_channel_t *channel = THREAD_CHANNEL_FROM_OBJ(object);
	zend_get_gc_buffer *gc = zend_get_gc_buffer_create();
	for (uint32_t i = 0; i < channel->count; i++) {
		zend_get_gc_buffer_add_zval(gc, &channel->buffer[(channel->head + i) % channel->size]);
	}
	zend_get_gc_buffer_use(gc, table, n);
	return zend_std_get_properties(object);
}

void async_userland_register_thread_channel(void)
{
	async_ce_thread_channel_exception = register_class_Async_ThreadChannelException(async_ce_async_exception);
	async_ce_thread_transfer_exception = register_class_Async_ThreadTransferException(async_ce_async_exception);
	async_ce_thread_channel = register_class_Async_ThreadChannel(async_ce_awaitable, zend_ce_countable);
	async_ce_thread_channel->create_object = thread_channel_create;
	memcpy(&thread_channel_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	thread_channel_handlers.offset = XtOffsetOf(async_thread_channel_t, std);
	thread_channel_handlers.free_obj = thread_channel_free;
	thread_channel_handlers.get_gc = thread_channel_get_gc;
	thread_channel_handlers.clone_obj = NULL;
}
