<?php

/** @generate-class-entries */

namespace Async;

/** Why a channel was closed. */
enum ChannelCloseReason: string
{
    /** close() was called. */
    case EXPLICIT = "explicit";
    /** The Channel object was destroyed while recvAsync() Futures waited on it. */
    case DISPOSED = "disposed";
    /** Receivers waited $noProducerTimeout ms and no value came. */
    case NO_PRODUCERS = "no_producers";
    /** Senders waited $noConsumerTimeout ms and no receiver took a value. */
    case NO_CONSUMERS = "no_consumers";
    /** Its waiters were all that was left (soft timeouts only): nothing could wake them. */
    case DEADLOCK = "deadlock";
    /** The scope that made the channel was cancelled or disposed. */
    case SCOPE_DISPOSED = "scope_disposed";
}

/** A channel operation failed: the channel is closed. */
class ChannelException extends AsyncException
{
    /** Why the channel was closed. */
    public ?ChannelCloseReason $reason = null;
}

/**
 * A FIFO channel between coroutines. Capacity 0 is a rendezvous: send() waits for a receiver.
 * With capacity N, send() waits only while N values are buffered.
 *
 * $noProducerTimeout (ms, 0: none): when receivers have waited that long and no value came, the
 * channel closes (reason NO_PRODUCERS) and they get a ChannelException. $noConsumerTimeout: the
 * same for senders waiting for a receiver (NO_CONSUMERS). Each value handed over starts the
 * count again. Soft timeouts ($hardTimeouts false) do not keep the application alive: when their
 * waiters are all that is left, the channel closes at once (reason DEADLOCK) instead of the
 * application ending with a DeadlockError. Hard ones keep it alive until they expire.
 * @not-serializable
 */
final class Channel implements Awaitable, \IteratorAggregate, \Countable
{
    public function __construct(int $capacity = 0, int $noProducerTimeout = 0, int $noConsumerTimeout = 0, bool $hardTimeouts = false) {}

    /** Sends $value, waiting while the channel is full. Throws ChannelException once closed. */
    public function send(mixed $value, ?Completable $cancellation = null): void {}

    /** Sends without waiting: false if it would have to wait or the channel is closed. */
    public function sendAsync(mixed $value): bool {}

    /** Receives the next value, waiting while there is none. Once closed, drains what is buffered, then throws ChannelException. */
    public function recv(?Completable $cancellation = null): mixed {}

    /** recv() as a Future: completed at once when a value is free, failed at once when closed and drained, else it waits in line with the receivers. */
    public function recvAsync(): Future {}

    /** No more sends: waiting senders and receivers get a ChannelException; buffered values can still be received. */
    public function close(): void {}

    public function isClosed(): bool {}

    public function capacity(): int {}

    /** How many values are buffered. */
    public function count(): int {}

    public function isEmpty(): bool {}

    public function isFull(): bool {}

    /** Receives until the channel is closed and drained. */
    public function getIterator(): \Iterator {}
}
