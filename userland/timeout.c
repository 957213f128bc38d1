/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/* Async\timeout() and the Async\Timeout token: a one-shot timer event inside a PHP object. */
#include "php.h"
#include "zend_exceptions.h"
#include "../zend_async_API.h"
#include "../engine/engine.h"
#include "../scheduler/scheduler.h"
#include "userland.h"
#include "timeout_arginfo.h"

zend_class_entry *async_ce_timeout;
static zend_object_handlers timeout_handlers;

typedef struct {
	zend_async_timer_event_t *timer;  /* owned; NULL once cancelled */
	bool cancelled;
	zend_object std;
} async_timeout_t;

#define TIMEOUT_FROM_OBJ(obj) ((async_timeout_t *) ((char *) (obj) - XtOffsetOf(async_timeout_t, std)))

zend_async_event_t *async_timeout_event(zend_object *object)
{
	async_timeout_t *timeout = TIMEOUT_FROM_OBJ(object);
	return timeout->timer != NULL ? &timeout->timer->base : NULL;
}

bool async_timeout_is_cancelled(zend_object *object)
{
	return TIMEOUT_FROM_OBJ(object)->cancelled;
}

static zend_object *timeout_create(zend_class_entry *ce)
{
	async_timeout_t *timeout = zend_object_alloc(sizeof(async_timeout_t), ce);
	zend_object_std_init(&timeout->std, ce);
	object_properties_init(&timeout->std, ce);
	timeout->std.handlers = &timeout_handlers;
	return &timeout->std;
}

static void timeout_free(zend_object *object)
{
	async_timeout_t *timeout = TIMEOUT_FROM_OBJ(object);
	if (timeout->timer != NULL) {
		ZEND_ASYNC_EVENT_RELEASE(&timeout->timer->base);
		timeout->timer = NULL;
	}
	zend_object_std_dtor(object);
}

PHP_FUNCTION(Async_timeout)
{
	zend_long ms;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_LONG(ms)
	ZEND_PARSE_PARAMETERS_END();

	if (ms <= 0) {
		/* Upstream's message: a timeout of 0 would complete before anything could happen. */
		zend_value_error("Timeout value must be greater than 0");
		RETURN_THROWS();
	}
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT((zend_ulong) ms, false);
	if (timer == NULL) {
		RETURN_THROWS();
	}
	zend_object *object = timeout_create(async_ce_timeout);
	TIMEOUT_FROM_OBJ(object)->timer = timer;
	RETURN_OBJ(object);
}

ZEND_METHOD(Async_Timeout, __construct)
{
	(void) execute_data;
	(void) return_value;
}

ZEND_METHOD(Async_Timeout, cancel)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_cancellation)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	async_timeout_t *timeout = TIMEOUT_FROM_OBJ(Z_OBJ_P(ZEND_THIS));
	if (timeout->timer == NULL || ZEND_ASYNC_EVENT_IS_CLOSED(&timeout->timer->base)) {
		return;
	}
	/* Closed without firing: waiters stay; it will never complete. */
	zend_async_event_close(&timeout->timer->base);
	timeout->cancelled = true;
}

ZEND_METHOD(Async_Timeout, isCompleted)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_timeout_t *timeout = TIMEOUT_FROM_OBJ(Z_OBJ_P(ZEND_THIS));
	/* Cancelled is completed too, as for upstream's Completable: it will not change any more. */
	RETURN_BOOL(timeout->cancelled || (timeout->timer != NULL && ZEND_ASYNC_EVENT_IS_CLOSED(&timeout->timer->base)));
}

ZEND_METHOD(Async_Timeout, isCancelled)
{
	ZEND_PARSE_PARAMETERS_NONE();
	RETURN_BOOL(TIMEOUT_FROM_OBJ(Z_OBJ_P(ZEND_THIS))->cancelled);
}

void async_userland_register_timeout(void)
{
	async_ce_timeout = register_class_Async_Timeout(async_ce_completable);
	async_ce_timeout->create_object = timeout_create;
	memcpy(&timeout_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	timeout_handlers.offset = XtOffsetOf(async_timeout_t, std);
	timeout_handlers.free_obj = timeout_free;
	timeout_handlers.clone_obj = NULL;
}
