<?php

/** @generate-class-entries */

namespace Async;

/** A ThreadChannel operation that cannot be done: the channel is closed. */
class ThreadChannelException extends AsyncException {}

/** A value that cannot be copied for another thread (an object with dynamic properties, ...). */
class ThreadTransferException extends AsyncException {}

/**
 * Upstream's channel between threads, on a PHP without threads: a buffered FIFO between
 * coroutines whose values are copied when sent (as they would be for another thread), so the
 * receiver never shares them with the sender.
 * @strict-properties
 * @not-serializable
 */
final class ThreadChannel implements Awaitable, \Countable
{
    public function __construct(int $capacity = 16) {}

    /** Waits while the channel is full; throws ThreadChannelException once it is closed. */
    public function send(mixed $value, ?Completable $cancellation = null): void {}

    /** Waits while the channel is empty; once it is closed, what is left, then ThreadChannelException. */
    public function recv(?Completable $cancellation = null): mixed {}

    public function close(): void {}

    public function isClosed(): bool {}

    public function capacity(): int {}

    public function count(): int {}

    public function isEmpty(): bool {}

    public function isFull(): bool {}
}
