<?php

/** @generate-class-entries */

namespace Async;

/** A channel operation failed: the channel is closed. */
class ChannelException extends AsyncException {}

/**
 * A FIFO channel between coroutines. Capacity 0 is a rendezvous: send() waits for a receiver.
 * With capacity N, send() waits only while N values are buffered.
 */
final class Channel implements Awaitable, \IteratorAggregate, \Countable
{
    public function __construct(int $capacity = 0) {}

    /** Sends $value, waiting while the channel is full. Throws ChannelException once closed. */
    public function send(mixed $value, ?Completable $cancellation = null): void {}

    /** Sends without waiting: false if it would have to wait or the channel is closed. */
    public function sendAsync(mixed $value): bool {}

    /** Receives the next value, waiting while there is none. Once closed, drains what is buffered, then throws ChannelException. */
    public function recv(?Completable $cancellation = null): mixed {}

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
