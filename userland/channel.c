/* SPDX-License-Identifier: MIT. Copyright (c) the async extension authors; see LICENSE. */
/*
 * Async\Channel: a FIFO between coroutines. Values wait in the buffer (capacity 0: a one-value
 * slot); waiters are served in arrival order. Serving a waiter does not run it: a woken receiver
 * has a value reserved for it (a woken sender, a slot), which nobody else may take until it runs
 * and takes it. If it is cancelled first, the reservation goes on to the next waiter, or the value
 * or slot becomes free again: nothing is lost and nobody overtakes.
 *
 * Capacity 0: a send() that finds a receiver puts its value in the slot, reserved for that
 * receiver, and returns (the value is committed: close() leaves it there). Otherwise it parks on
 * its value in the slot ("delivering") until a receiver takes it; cancelled or closed before that,
 * it takes the value back.
 *
 * Timeouts: the no-producer timer runs while receivers wait, the no-consumer timer while senders
 * wait; each value or slot given to that side starts it again. When one expires the channel closes
 * (reason NO_PRODUCERS / NO_CONSUMERS). Soft timers are hidden from the loop: they do not keep the
 * application alive; when their waiters are all that is left the scheduler's deadlock resolvers run
 * (engine/extension_points.c), and close_deadlocked() closes those channels (reason DEADLOCK).
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
#include "zval_ring.h"
#include "channel_arginfo.h"

zend_class_entry *async_ce_channel;
zend_class_entry *async_ce_channel_exception;
zend_class_entry *async_ce_channel_close_reason;
static zend_object_handlers channel_handlers;

typedef struct _channel_waiter_s channel_waiter_t;

typedef struct _async_channel_s async_channel_t;

/* A waiting sender or receiver, and the event that wakes it. A recvAsync() Future waits as a
 * receiver too: it is served where it waits (nothing is reserved for it), and leaves the queue
 * when it is settled otherwise (cancelled) or goes away. */
struct _channel_waiter_s {
	zend_async_event_t event;
	async_list_node_t queue_link;  /* in its side's queue */
	zend_object *future_state; /* recvAsync(): the Future's state (weak), else NULL */
	async_channel_t *channel;  /* recvAsync(): the channel it waits on, while queued */
	bool reserved;           /* woken with a value (receiver) or a slot (sender) kept for it */
	bool delivered;          /* a delivering rendezvous sender: its value was taken */
	bool is_sender;
};

/* Waiters in the order they came, by queue_link; a waiter in its queue has been given nothing yet. */
typedef async_list_t waiter_queue_t;

typedef enum {
	CLOSE_EXPLICIT, CLOSE_NO_PRODUCERS, CLOSE_NO_CONSUMERS, CLOSE_DEADLOCK, CLOSE_DISPOSED, CLOSE_SCOPE_DISPOSED
} close_reason_t;

struct _async_channel_s {
	zend_long capacity;
	async_zval_ring_t buffer; /* the values waiting, oldest first */
	waiter_queue_t senders, receivers;   /* waiting, nothing reserved for them yet */
	uint32_t reserved_values, reserved_slots; /* kept for woken receivers / senders not yet run */
	channel_waiter_t *delivering; /* capacity 0: the sender parked on the value in the slot */
	bool slot_committed;     /* capacity 0: the value in the slot was promised to a receiver */
	bool closed;
	close_reason_t close_reason;
	zend_long no_producer_timeout, no_consumer_timeout; /* ms, 0: none */
	bool hard_timeouts;
	zend_async_timer_event_t *producer_timer, *consumer_timer; /* armed while that side waits */
	async_list_node_t soft_link; /* in soft_channels while a soft timer is armed */
	async_scope_watch_t owner; /* the scope that made it: its cancel or dispose closes it */
	zend_object std;
};

#define CHANNEL_FROM_OBJ(obj) ((async_channel_t *) ((char *) (obj) - XtOffsetOf(async_channel_t, std)))
#define THIS_CHANNEL() CHANNEL_FROM_OBJ(Z_OBJ_P(ZEND_THIS))

/* ---- the waiter's event: it fires when the channel hands over or closes ---- */

static bool waiter_dispose(zend_async_event_t *event)
{
	if (event->ref_count > 1) {
		event->ref_count--;
		return true;
	}
	zend_async_callbacks_free(event);
	efree(event);
	return true;
}

static zend_string *waiter_info(zend_async_event_t *event)
{
	channel_waiter_t *waiter = (channel_waiter_t *) event;
	return zend_string_init(waiter->is_sender ? "a Channel send" : "a Channel recv",
		waiter->is_sender ? sizeof("a Channel send") - 1 : sizeof("a Channel recv") - 1, 0);
}

static channel_waiter_t *waiter_new(bool is_sender)
{
	channel_waiter_t *waiter = ecalloc(1, sizeof(*waiter));
	waiter->event.ref_count = 1;
	waiter->event.add_callback = zend_async_callbacks_push;
	waiter->event.del_callback = zend_async_callbacks_remove;
	waiter->event.start = async_event_start_nothing;
	waiter->event.stop = async_event_stop_nothing;
	waiter->event.dispose = waiter_dispose;
	waiter->event.info = waiter_info;
	waiter->is_sender = is_sender;
	return waiter;
}

static void queue_push(waiter_queue_t *queue, channel_waiter_t *waiter)
{
	async_list_append(queue, &waiter->queue_link);
	ZEND_ASYNC_EVENT_ADD_REF(&waiter->event); /* the queue's reference */
}

static channel_waiter_t *queue_unlink(waiter_queue_t *queue, channel_waiter_t *waiter)
{
	async_list_remove(queue, &waiter->queue_link);
	return waiter; /* the caller takes over the queue's reference */
}

/* Takes the first waiter of a non-empty queue. */
static channel_waiter_t *queue_shift(waiter_queue_t *queue)
{
	return queue_unlink(queue, ASYNC_LIST_ENTRY(async_list_first(queue), channel_waiter_t, queue_link));
}

/* Wakes a waiter: its turn came (error NULL) or the channel closed. Takes over the reference of
 * the queue (or of the delivering slot) the waiter was just taken out of. */
static void wake(channel_waiter_t *waiter, zend_object *error)
{
	ZEND_ASYNC_EVENT_SET_CLOSED(&waiter->event);
	ZEND_ASYNC_CALLBACKS_NOTIFY(&waiter->event, NULL, error);
	ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
}

/* ---- the buffer ---- */

/* Appends a copy of the value (the caller checked there is room for it). */
static void buffer_push(async_channel_t *channel, zval *value)
{
	zval copy;
	ZVAL_COPY(&copy, value);
	async_zval_ring_push(&channel->buffer, &copy);
}

static void buffer_pop(async_channel_t *channel, zval *out)
{
	async_zval_ring_shift(&channel->buffer, out);
}

static zend_object *closed_error(async_channel_t *channel)
{
	static const char *const cases[] = {
		"EXPLICIT", "NO_PRODUCERS", "NO_CONSUMERS", "DEADLOCK", "DISPOSED", "SCOPE_DISPOSED"
	};
	zval exception, message, reason;
	object_init_ex(&exception, async_ce_channel_exception);
	switch (channel->close_reason) {
		case CLOSE_NO_PRODUCERS:
			ZVAL_STR(&message, zend_strpprintf(0, "Channel is closed: receivers waited %" ZEND_LONG_FMT_SPEC
				" ms and no value was sent", channel->no_producer_timeout));
			break;
		case CLOSE_NO_CONSUMERS:
			ZVAL_STR(&message, zend_strpprintf(0, "Channel is closed: senders waited %" ZEND_LONG_FMT_SPEC
				" ms and no value was received", channel->no_consumer_timeout));
			break;
		case CLOSE_DEADLOCK:
			ZVAL_STRING(&message, "Channel is closed: its waiters were deadlocked, nothing else could wake them");
			break;
		case CLOSE_DISPOSED:
			ZVAL_STRING(&message, "Channel is closed: the Channel object was destroyed");
			break;
		case CLOSE_SCOPE_DISPOSED:
			ZVAL_STRING(&message, "Channel is closed: the scope that made it was cancelled or disposed");
			break;
		default:
			ZVAL_STRING(&message, "Channel is closed");
	}
	zend_update_property_ex(zend_ce_exception, Z_OBJ(exception), ZSTR_KNOWN(ZEND_STR_MESSAGE), &message);
	zval_ptr_dtor(&message);
	ZVAL_OBJ_COPY(&reason, zend_enum_get_case_cstr(async_ce_channel_close_reason, cases[channel->close_reason]));
	zend_update_property(async_ce_channel_exception, Z_OBJ(exception), "reason", sizeof("reason") - 1, &reason);
	zval_ptr_dtor(&reason);
	return Z_OBJ(exception);
}

static void throw_closed(async_channel_t *channel)
{
	zend_throw_exception_internal(closed_error(channel));
}

static void close_channel(async_channel_t *channel, close_reason_t reason);

/* ---- the no-producer and no-consumer timers ---- */

#define soft_channels ASYNC_G(userland.channel_soft_channels) /* newest first */

void async_channel_rinit(void)
{
	async_list_init(&soft_channels);
}

static void soft_list_update(async_channel_t *channel)
{
	bool armed = !channel->hard_timeouts && (channel->producer_timer != NULL || channel->consumer_timer != NULL);
	if (armed == async_list_node_linked(&channel->soft_link)) {
		return;
	}
	if (armed) {
		async_list_prepend(&soft_channels, &channel->soft_link);
	} else {
		async_list_remove(&soft_channels, &channel->soft_link);
	}
}

typedef struct {
	zend_async_event_callback_t base;
	async_channel_t *channel;   /* alive: the channel owns the timer while it is armed */
	bool for_producers;
} timer_callback_t;

static void on_timeout(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) result; (void) exception;
	timer_callback_t *cb = (timer_callback_t *) callback;
	close_channel(cb->channel, cb->for_producers ? CLOSE_NO_PRODUCERS : CLOSE_NO_CONSUMERS);
}

static void timer_disarm(async_channel_t *channel, zend_async_timer_event_t **slot)
{
	zend_async_timer_event_t *timer = *slot;
	if (timer == NULL) {
		return;
	}
	*slot = NULL;
	timer->base.stop(&timer->base);
	ZEND_ASYNC_EVENT_RELEASE(&timer->base); /* frees its callback too */
	soft_list_update(channel);
}

/* Starts the timer of one side, or starts it again from zero. False with an exception thrown. */
static bool timer_arm(async_channel_t *channel, bool for_producers)
{
	zend_async_timer_event_t **slot = for_producers ? &channel->producer_timer : &channel->consumer_timer;
	if (*slot != NULL && !ZEND_ASYNC_EVENT_IS_CLOSED(&(*slot)->base)) {
		(*slot)->base.stop(&(*slot)->base);
		return (*slot)->base.start(&(*slot)->base);
	}
	timer_disarm(channel, slot);
	zend_long ms = for_producers ? channel->no_producer_timeout : channel->no_consumer_timeout;
	zend_async_timer_event_t *timer = ZEND_ASYNC_NEW_TIMER_EVENT((zend_ulong) ms, false);
	if (timer == NULL) {
		return false;
	}
	if (!channel->hard_timeouts) {
		ZEND_ASYNC_EVENT_SET_HIDDEN(&timer->base);
	}
	timer_callback_t *cb = (timer_callback_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_timeout, sizeof(timer_callback_t));
	cb->channel = channel;
	cb->for_producers = for_producers;
	timer->base.add_callback(&timer->base, &cb->base);
	*slot = timer;
	soft_list_update(channel);
	return timer->base.start(&timer->base);
}

/* Keeps each timer armed exactly while its side waits (a woken waiter no longer does). `received` /
 * `relieved`: a waiting receiver got a value / a waiting sender a slot or its value was taken, so
 * that side's count starts again.
 * False with an exception thrown. */
static bool timers_update(async_channel_t *channel, bool received, bool relieved)
{
	bool ok = true;
	if (channel->closed || async_list_empty(&channel->receivers)) {
		timer_disarm(channel, &channel->producer_timer);
	} else if (channel->no_producer_timeout > 0 && (channel->producer_timer == NULL || received)) {
		ok = timer_arm(channel, true);
	}
	if (channel->closed || (async_list_empty(&channel->senders) && channel->delivering == NULL)) {
		timer_disarm(channel, &channel->consumer_timer);
	} else if (ok && channel->no_consumer_timeout > 0 && (channel->consumer_timer == NULL || relieved)) {
		ok = timer_arm(channel, false);
	}
	return ok;
}

static bool close_deadlocked(void)
{
	bool closed_any = false;
	async_list_node_t *node;
	while ((node = async_list_first(&soft_channels)) != NULL) {
		close_channel(ASYNC_LIST_ENTRY(node, async_channel_t, soft_link), CLOSE_DEADLOCK); /* disarms: leaves the list */
		closed_any = true;
	}
	return closed_any;
}

/* ---- the values and slots, and who may take them ---- */

/* Capacity 0 still holds one value: the one in the slot. */
static uint32_t channel_slots(async_channel_t *channel)
{
	return channel->capacity > 0 ? (uint32_t) channel->capacity : 1;
}

/* A value no woken receiver was promised. */
static bool has_free_value(async_channel_t *channel)
{
	return channel->buffer.count > channel->reserved_values;
}

/* A slot no woken sender was promised. */
static bool has_free_slot(async_channel_t *channel)
{
	return channel->buffer.count + channel->reserved_slots < channel_slots(channel);
}

/* Takes the value at the head (free, or the caller's reservation). A delivering rendezvous sender
 * whose value it was hears that it was taken: true then. */
static bool take_value(async_channel_t *channel, zval *out)
{
	buffer_pop(channel, out);
	channel->slot_committed = false;
	channel_waiter_t *sender = channel->delivering;
	if (sender == NULL) {
		return false;
	}
	channel->delivering = NULL;
	sender->delivered = true;
	wake(sender, NULL);
	return true;
}

/* Gives the free values to the oldest waiting receivers and the free slots to the oldest waiting
 * senders. Called after every change of the buffer, the queues or the reservations, so that a free
 * value and a waiting receiver (or a free slot and a waiting sender) never meet. `relieved`: a
 * delivering sender's value was just taken (the senders' timer starts again). */
static void serve_waiters(async_channel_t *channel, bool relieved)
{
	bool received = false;
	while (has_free_value(channel) && !async_list_empty(&channel->receivers)) {
		channel_waiter_t *receiver = queue_shift(&channel->receivers);
		if (receiver->future_state != NULL) {
			/* A Future has no later run to take a value in: it gets one now. */
			zval value;
			relieved |= take_value(channel, &value);
			async_future_state_settle(receiver->future_state, &value, NULL);
			zval_ptr_dtor(&value);
			ZEND_ASYNC_EVENT_RELEASE(&receiver->event);
			received = true;
			continue;
		}
		receiver->reserved = true;
		channel->reserved_values++;
		if (channel->capacity == 0) {
			channel->slot_committed = true;
		}
		wake(receiver, NULL);
		received = true;
	}
	while (has_free_slot(channel) && !async_list_empty(&channel->senders)) {
		channel_waiter_t *sender = queue_shift(&channel->senders);
		sender->reserved = true;
		channel->reserved_slots++;
		wake(sender, NULL);
		relieved = true;
	}
	timers_update(channel, received, relieved);
}

/* ---- waiting ---- */

/* Suspends the current coroutine until `waiter` is woken (or the token, or a cancel). The waiter is
 * already where it waits (a queue, or the delivering slot). False with an exception thrown if the
 * wait could not begin: then the caller takes the waiter back. */
static bool suspend_on(async_channel_t *channel, channel_waiter_t *waiter, zend_object *cancellation)
{
	zend_coroutine_t *self = ZEND_ASYNC_CURRENT_COROUTINE;
	zend_async_waker_new(self);
	if (!zend_async_resume_when(self, &waiter->event, false, zend_async_waker_callback_resolve, NULL)
			|| !async_await_add_token(self, cancellation) || !timers_update(channel, false, false)) {
		zend_async_waker_clean(self);
		return false;
	}
	GC_ADDREF(&channel->std); /* the channel outlives the wait */
	ZEND_ASYNC_SUSPEND();
	OBJ_RELEASE(&channel->std); /* the caller's $this still holds it */
	return true;
}

/* Waits in its side's queue for a value (receiver) or a slot (sender). True: one is reserved for
 * the caller, to be taken before anything else can suspend. False with an exception thrown: the
 * channel closed, the token completed or the coroutine was cancelled; a reservation that came in
 * the meantime goes on to the next waiter. */
static bool wait_for_turn(async_channel_t *channel, bool is_sender, zend_object *cancellation)
{
	if (async_current_or_launch() == NULL) {
		return false;
	}
	waiter_queue_t *queue = is_sender ? &channel->senders : &channel->receivers;
	channel_waiter_t *waiter = waiter_new(is_sender);
	queue_push(queue, waiter);
	bool waited = suspend_on(channel, waiter, cancellation);
	if (async_list_node_linked(&waiter->queue_link)) {
		/* Never served: cancelled, the token, or the wait could not begin. */
		ZEND_ASYNC_EVENT_RELEASE(&queue_unlink(queue, waiter)->event);
	}
	bool reserved = waiter->reserved;
	ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
	if (reserved) {
		if (is_sender) {
			channel->reserved_slots--;
		} else {
			channel->reserved_values--;
		}
		if (EG(exception) == NULL) {
			return true;
		}
	}
	/* A reservation not taken passes on; a waiter that left the queue may stop a timer. */
	serve_waiters(channel, false);
	if (waited && EG(exception) == NULL) {
		throw_closed(channel); /* woken without a turn: only a close does that */
	}
	return false;
}

/* Capacity 0: the caller's value is in the slot and no receiver waits. Parks on it until a receiver
 * takes it (true) or, with an exception thrown, until the caller is cancelled, its token completes
 * or the channel closes: then the value leaves the slot with it (it was never delivered). */
static bool wait_for_delivery(async_channel_t *channel, zend_object *cancellation)
{
	channel_waiter_t *waiter = waiter_new(true);
	channel->delivering = waiter;
	ZEND_ASYNC_EVENT_ADD_REF(&waiter->event); /* the slot's reference */
	suspend_on(channel, waiter, cancellation);
	bool delivered = waiter->delivered;
	if (channel->delivering == waiter) {
		/* Not taken: the value is still in the slot, and still ours (a receiver arriving takes
		 * it at once, so none can have been promised it). */
		ZEND_ASSERT(!channel->slot_committed);
		channel->delivering = NULL;
		ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
		zval value;
		buffer_pop(channel, &value);
		zval_ptr_dtor(&value);
		serve_waiters(channel, false); /* the slot is free for the next sender */
	}
	ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
	if (delivered && EG(exception) != NULL) {
		/* Taken by a receiver as the cancellation came: the send happened; the cancellation
		 * waits for the next suspension point. */
		zend_object *error = EG(exception);
		GC_ADDREF(error);
		zend_clear_exception();
		ZEND_ASYNC_CANCEL(ZEND_ASYNC_CURRENT_COROUTINE, error, true);
	} else if (!delivered && EG(exception) == NULL) {
		throw_closed(channel);
	}
	return EG(exception) == NULL;
}

ZEND_METHOD(Async_Channel, __construct)
{
	zend_long capacity = 0, no_producer_timeout = 0, no_consumer_timeout = 0;
	bool hard_timeouts = false;

	ZEND_PARSE_PARAMETERS_START(0, 4)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(capacity)
		Z_PARAM_LONG(no_producer_timeout)
		Z_PARAM_LONG(no_consumer_timeout)
		Z_PARAM_BOOL(hard_timeouts)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	if (capacity < 0 || capacity > INT32_MAX) {
		zend_argument_value_error(1, "must be between 0 and %d", INT32_MAX);
		RETURN_THROWS();
	}
	if (no_producer_timeout < 0) {
		zend_argument_value_error(2, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	if (no_consumer_timeout < 0) {
		zend_argument_value_error(3, "must be greater than or equal to 0");
		RETURN_THROWS();
	}
	async_channel_t *channel = THIS_CHANNEL();
	if (!async_list_empty(&channel->senders) || !async_list_empty(&channel->receivers) || channel->delivering != NULL
			|| channel->reserved_values > 0 || channel->reserved_slots > 0) {
		zend_throw_error(NULL, "Cannot construct a Channel again while coroutines wait on it");
		RETURN_THROWS();
	}
	channel->capacity = capacity;
	channel->no_producer_timeout = no_producer_timeout;
	channel->no_consumer_timeout = no_consumer_timeout;
	channel->hard_timeouts = hard_timeouts;
	/* It belongs to the scope that made it (none before the scheduler starts). */
	async_scope_unwatch(&channel->owner);
	zend_async_scope_t *scope = ZEND_ASYNC_CURRENT_SCOPE;
	if (scope != NULL && !async_scope_is_closed(scope)) {
		async_scope_watch(scope, &channel->owner);
	}
}

static void on_owner_ended(async_scope_watch_t *watch)
{
	close_channel((async_channel_t *) ((char *) watch - XtOffsetOf(async_channel_t, owner)), CLOSE_SCOPE_DISPOSED);
}

/* Puts the value in a free slot. Capacity 0: committed at once if a receiver waits (it is woken
 * for it), else uncommitted until one takes it. */
static void put_value(async_channel_t *channel, zval *value)
{
	buffer_push(channel, value);
	channel->slot_committed = false;
	serve_waiters(channel, false);
}

/* send(): false with an exception thrown. */
static bool channel_send(async_channel_t *channel, zval *value, zend_object *cancellation)
{
	for (;;) {
		if (channel->closed) {
			throw_closed(channel);
			return false;
		}
		if (has_free_slot(channel)) {
			put_value(channel, value);
			/* Capacity 0: delivered when a receiver was woken for it or a Future took it. */
			if (channel->capacity > 0 || channel->slot_committed || channel->buffer.count == 0) {
				return true;
			}
			if (async_current_or_launch() == NULL) {
				zval taken;
				buffer_pop(channel, &taken);
				zval_ptr_dtor(&taken);
				serve_waiters(channel, false);
				return false;
			}
			return wait_for_delivery(channel, cancellation);
		}
		if (!wait_for_turn(channel, true, cancellation)) {
			return false;
		}
	}
}

ZEND_METHOD(Async_Channel, send)
{
	zval *value;
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_ZVAL(value)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_completable)
	ZEND_PARSE_PARAMETERS_END();
	(void) return_value;

	if (cancellation != NULL) {
		async_awaitable_event(cancellation); /* a Future token counts as used even if not waited on */
	}
	if (!channel_send(THIS_CHANNEL(), value, cancellation)) {
		RETURN_THROWS();
	}
}

ZEND_METHOD(Async_Channel, sendAsync)
{
	zval *value;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ZVAL(value)
	ZEND_PARSE_PARAMETERS_END();

	async_channel_t *channel = THIS_CHANNEL();
	if (channel->closed || !has_free_slot(channel)) {
		RETURN_FALSE;
	}
	put_value(channel, value);
	RETURN_TRUE;
}

/* recv() and the iterator: false with an exception thrown when closed and drained, or cancelled. */
static bool channel_recv(async_channel_t *channel, zval *out, zend_object *cancellation)
{
	for (;;) {
		if (has_free_value(channel)) {
			serve_waiters(channel, take_value(channel, out));
			return true;
		}
		if (channel->closed) {
			throw_closed(channel);
			return false;
		}
		if (!wait_for_turn(channel, false, cancellation)) {
			return false;
		}
	}
}

ZEND_METHOD(Async_Channel, recv)
{
	zend_object *cancellation = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_OBJ_OF_CLASS_OR_NULL(cancellation, async_ce_completable)
	ZEND_PARSE_PARAMETERS_END();

	if (cancellation != NULL) {
		async_awaitable_event(cancellation); /* a Future token counts as used even if not waited on */
	}
	if (!channel_recv(THIS_CHANNEL(), return_value, cancellation)) {
		RETURN_THROWS();
	}
}

/* ---- recvAsync(): a Future waiting as a receiver ---- */

/* On the Future's state: it ties the waiter to the state's life. */
typedef struct {
	zend_async_event_callback_t base;
	channel_waiter_t *waiter;  /* the link's reference */
} future_link_t;

/* The Future left the line: settled by someone else (cancelled), or gone. */
static void future_leave_queue(channel_waiter_t *waiter)
{
	if (async_list_node_linked(&waiter->queue_link)) {
		async_channel_t *channel = waiter->channel;
		ZEND_ASYNC_EVENT_RELEASE(&queue_unlink(&channel->receivers, waiter)->event);
		timers_update(channel, false, false);
	}
	waiter->channel = NULL;
}

static void on_future_settled(zend_async_event_t *event, zend_async_event_callback_t *callback, void *result,
	zend_object *exception)
{
	(void) event; (void) result; (void) exception;
	future_leave_queue(((future_link_t *) callback)->waiter); /* nothing when the channel settled it */
}

static void future_link_dispose(zend_async_event_callback_t *callback, zend_async_event_t *event)
{
	(void) event;
	if (callback->ref_count > 1) {
		callback->ref_count--;
		return;
	}
	channel_waiter_t *waiter = ((future_link_t *) callback)->waiter;
	future_leave_queue(waiter);
	waiter->future_state = NULL;
	ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
	efree(callback);
}

ZEND_METHOD(Async_Channel, recvAsync)
{
	ZEND_PARSE_PARAMETERS_NONE();

	async_channel_t *channel = THIS_CHANNEL();
	zend_object *state;
	zend_object *future = async_future_new_pending(&state, NULL, NULL);
	if (has_free_value(channel)) {
		zval value;
		serve_waiters(channel, take_value(channel, &value));
		async_future_state_settle(state, &value, NULL);
		zval_ptr_dtor(&value);
	} else if (channel->closed) {
		zend_object *error = closed_error(channel);
		async_future_state_settle(state, NULL, error);
		OBJ_RELEASE(error);
	} else {
		channel_waiter_t *waiter = waiter_new(false);
		waiter->future_state = state;
		waiter->channel = channel;
		queue_push(&channel->receivers, waiter);
		future_link_t *link = (future_link_t *) ZEND_ASYNC_EVENT_CALLBACK_EX(on_future_settled, sizeof(future_link_t));
		link->base.dispose = future_link_dispose;
		link->waiter = waiter; /* takes waiter_new()'s reference */
		zend_async_event_t *event = async_future_state_event(state);
		event->add_callback(event, &link->base);
		timers_update(channel, false, false);
	}
	RETURN_OBJ(future);
}

/* Waiting senders and receivers get the exception; a woken receiver keeps its value, a woken
 * sender finds the channel closed when it runs. Capacity 0: an uncommitted value leaves the slot
 * (its sender is told it was not delivered). */
static void close_channel(async_channel_t *channel, close_reason_t reason)
{
	if (channel->closed) {
		return;
	}
	channel->closed = true;
	channel->close_reason = reason;
	timers_update(channel, false, false); /* disarms both */
	while (!async_list_empty(&channel->receivers)) {
		channel_waiter_t *waiter = queue_shift(&channel->receivers);
		zend_object *error = closed_error(channel);
		if (waiter->future_state != NULL) {
			async_future_state_settle(waiter->future_state, NULL, error);
			ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
		} else {
			wake(waiter, error);
		}
		OBJ_RELEASE(error);
	}
	while (!async_list_empty(&channel->senders)) {
		channel_waiter_t *waiter = queue_shift(&channel->senders);
		zend_object *error = closed_error(channel);
		wake(waiter, error);
		OBJ_RELEASE(error);
	}
	if (channel->capacity == 0 && channel->buffer.count > 0 && !channel->slot_committed) {
		zval value;
		buffer_pop(channel, &value);
		zval_ptr_dtor(&value);
		channel_waiter_t *sender = channel->delivering;
		if (sender != NULL) {
			channel->delivering = NULL;
			zend_object *error = closed_error(channel);
			wake(sender, error);
			OBJ_RELEASE(error);
		}
	}
}

ZEND_METHOD(Async_Channel, close)
{
	ZEND_PARSE_PARAMETERS_NONE();
	(void) return_value;
	close_channel(THIS_CHANNEL(), CLOSE_EXPLICIT);
}

ZEND_METHOD(Async_Channel, isClosed) { ZEND_PARSE_PARAMETERS_NONE(); RETURN_BOOL(THIS_CHANNEL()->closed); }
ZEND_METHOD(Async_Channel, capacity) { ZEND_PARSE_PARAMETERS_NONE(); RETURN_LONG(THIS_CHANNEL()->capacity); }
ZEND_METHOD(Async_Channel, count) { ZEND_PARSE_PARAMETERS_NONE(); RETURN_LONG(THIS_CHANNEL()->buffer.count); }
ZEND_METHOD(Async_Channel, isEmpty) { ZEND_PARSE_PARAMETERS_NONE(); RETURN_BOOL(THIS_CHANNEL()->buffer.count == 0); }

/* Whether the buffer (or the slot) holds as many values as it can; a free slot kept for a woken
 * sender still counts as free here, though sendAsync() may not take it. */
ZEND_METHOD(Async_Channel, isFull)
{
	ZEND_PARSE_PARAMETERS_NONE();
	async_channel_t *channel = THIS_CHANNEL();
	RETURN_BOOL(channel->buffer.count >= channel_slots(channel));
}

/* ---- iteration: foreach receives until closed and drained ---- */

typedef struct {
	zend_object_iterator it;
	zval current;
	zend_long key;
	bool finished;
} channel_iterator_t;

static void iterator_fetch(channel_iterator_t *iterator)
{
	zval_ptr_dtor(&iterator->current);
	ZVAL_UNDEF(&iterator->current);
	async_channel_t *channel = CHANNEL_FROM_OBJ(Z_OBJ(iterator->it.data));
	if (channel->closed && !has_free_value(channel)) {
		iterator->finished = true; /* closed and drained: the loop ends */
		return;
	}
	if (!channel_recv(channel, &iterator->current, NULL)) {
		/* close() while the loop waited ends it; any other end of the channel (a timeout, a
		 * deadlock, its scope going) and a cancellation propagate. */
		if (EG(exception) && instanceof_function(EG(exception)->ce, async_ce_channel_exception)
				&& channel->close_reason == CLOSE_EXPLICIT) {
			zend_clear_exception();
		}
		iterator->finished = true;
	}
}

static void iterator_dtor(zend_object_iterator *it)
{
	channel_iterator_t *iterator = (channel_iterator_t *) it;
	zval_ptr_dtor(&iterator->current);
	zval_ptr_dtor(&it->data);
}

static zend_result iterator_valid(zend_object_iterator *it)
{
	return ((channel_iterator_t *) it)->finished ? FAILURE : SUCCESS;
}

static zval *iterator_current(zend_object_iterator *it)
{
	return &((channel_iterator_t *) it)->current;
}

static void iterator_key(zend_object_iterator *it, zval *key)
{
	ZVAL_LONG(key, ((channel_iterator_t *) it)->key);
}

static void iterator_move_forward(zend_object_iterator *it)
{
	channel_iterator_t *iterator = (channel_iterator_t *) it;
	iterator->key++;
	iterator_fetch(iterator);
}

static void iterator_rewind(zend_object_iterator *it)
{
	channel_iterator_t *iterator = (channel_iterator_t *) it;
	if (Z_TYPE(iterator->current) == IS_UNDEF && !iterator->finished) {
		iterator_fetch(iterator);
	}
}

static const zend_object_iterator_funcs channel_iterator_funcs = {
	iterator_dtor, iterator_valid, iterator_current, iterator_key, iterator_move_forward,
	iterator_rewind, NULL, NULL
};

static zend_object_iterator *channel_get_iterator(zend_class_entry *ce, zval *object, int by_ref)
{
	(void) ce;
	if (by_ref) {
		zend_throw_error(NULL, "Cannot iterate channel by reference");
		return NULL;
	}
	channel_iterator_t *iterator = ecalloc(1, sizeof(*iterator));
	zend_iterator_init(&iterator->it);
	ZVAL_OBJ_COPY(&iterator->it.data, Z_OBJ_P(object));
	iterator->it.funcs = &channel_iterator_funcs;
	ZVAL_UNDEF(&iterator->current);
	return &iterator->it;
}

ZEND_METHOD(Async_Channel, getIterator)
{
	ZEND_PARSE_PARAMETERS_NONE();
	zend_create_internal_iterator_zval(return_value, ZEND_THIS);
}

/* ---- the object ---- */

static zend_object *channel_create(zend_class_entry *ce)
{
	async_channel_t *channel = zend_object_alloc(sizeof(async_channel_t), ce);
	zend_object_std_init(&channel->std, ce);
	object_properties_init(&channel->std, ce);
	channel->std.handlers = &channel_handlers;
	channel->owner.ended = on_owner_ended;
	async_list_init(&channel->senders);
	async_list_init(&channel->receivers);
	return &channel->std;
}

/* recvAsync() Futures still waiting (coroutines that wait hold the channel) fail: DISPOSED. Only
 * then: PHP also calls this for every object alive at the end of the script, and destructors that
 * run after that may still use the channel. */
static void channel_dtor(zend_object *object)
{
	async_channel_t *channel = CHANNEL_FROM_OBJ(object);
	if (!async_list_empty(&channel->receivers)) {
		close_channel(channel, CLOSE_DISPOSED);
	}
}

static void channel_free(zend_object *object)
{
	async_channel_t *channel = CHANNEL_FROM_OBJ(object);
	/* Waiting coroutines hold a reference on the channel and its destructor failed the Futures,
	 * so a waiter is left here only when PHP skipped destructors (a fatal error): it forgets us. */
	async_scope_unwatch(&channel->owner);
	waiter_queue_t *queues[] = { &channel->receivers, &channel->senders };
	for (int i = 0; i < 2; i++) {
		while (!async_list_empty(queues[i])) {
			channel_waiter_t *waiter = queue_shift(queues[i]);
			waiter->channel = NULL;
			ZEND_ASYNC_EVENT_RELEASE(&waiter->event);
		}
	}
	timer_disarm(channel, &channel->producer_timer);
	timer_disarm(channel, &channel->consumer_timer);
	while (channel->buffer.count > 0) {
		zval value;
		buffer_pop(channel, &value);
		zval_ptr_dtor(&value);
	}
	async_zval_ring_free(&channel->buffer);
	zend_object_std_dtor(object);
}

static HashTable *channel_get_gc(zend_object *object, zval **table, int *n)
{
	async_channel_t *channel = CHANNEL_FROM_OBJ(object);
	zend_get_gc_buffer *buffer = zend_get_gc_buffer_create();
	for (uint32_t i = 0; i < channel->buffer.count; i++) {
		zend_get_gc_buffer_add_zval(buffer, async_zval_ring_at(&channel->buffer, i));
	}
	zend_get_gc_buffer_use(buffer, table, n);
	return zend_std_get_properties(object);
}

void async_userland_register_channel(void)
{
	async_ce_channel_close_reason = register_class_Async_ChannelCloseReason();
	async_ce_channel_exception = register_class_Async_ChannelException(async_ce_async_exception);
	async_ce_channel = register_class_Async_Channel(async_ce_awaitable, zend_ce_aggregate, zend_ce_countable);
	async_ce_channel->create_object = channel_create;
	async_ce_channel->get_iterator = channel_get_iterator;
	memcpy(&channel_handlers, zend_get_std_object_handlers(), sizeof(zend_object_handlers));
	channel_handlers.offset = XtOffsetOf(async_channel_t, std);
	channel_handlers.dtor_obj = channel_dtor;
	channel_handlers.free_obj = channel_free;
	channel_handlers.get_gc = channel_get_gc;
	channel_handlers.clone_obj = NULL;
	async_add_deadlock_resolver(close_deadlocked);
}
