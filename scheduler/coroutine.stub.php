<?php

/** @generate-class-entries */

namespace Async;

/** Something a coroutine can wait for. */
interface Awaitable {}

/** An Awaitable that completes once, with a result or an exception, and can be cancelled. */
interface Completable extends Awaitable
{
    public function cancel(?AsyncCancellation $cancellation = null): void;

    public function isCompleted(): bool;

    public function isCancelled(): bool;
}

/**
 * A coroutine, made by spawn().
 * @strict-properties
 * @not-serializable
 */
final class Coroutine implements Completable
{
    private function __construct() {}

    public function getId(): int {}

    /** Its own Context (coroutine_context() inside it). */
    public function getContext(): Context {}

    /** The return value once it has completed; null before. */
    public function getResult(): mixed {}

    /** The exception it ended with (marks it as handled); null if none. Throws while it runs. */
    public function getException(): ?\Throwable {}

    /** Asks it to stop: an AsyncCancellation is thrown in it at its next suspension point. */
    public function cancel(?AsyncCancellation $cancellation = null): void {}

    public function isStarted(): bool {}

    public function isQueued(): bool {}

    public function isRunning(): bool {}

    public function isSuspended(): bool {}

    public function isCancelled(): bool {}

    public function isCancellationRequested(): bool {}

    public function isCompleted(): bool {}

    /**
     * Calls $callback($coroutine) when it has ended (at once if it already has). An exception a
     * handler throws (several become one CompositeException) goes to its scope's exception
     * handler, or is reported like an uncaught one when there is none.
     */
    public function finally(\Closure $callback): void {}

    /**
     * The backtrace where it is suspended (debug_backtrace() format), or null when it is not
     * suspended.
     */
    public function getTrace(int $options = DEBUG_BACKTRACE_PROVIDE_OBJECT, int $limit = 0): ?array {}

    /** "file:line" where it was spawned. */
    public function getSpawnLocation(): string {}

    /** "file:line" where it is suspended, or "" when it is not. */
    public function getSuspendLocation(): string {}

    /** [file, line] where it was spawned ([null, 0] when no PHP code spawned it). */
    public function getSpawnFileAndLine(): array {}

    /** [file, line] where it is suspended, or [null, 0] when it is not. */
    public function getSuspendFileAndLine(): array {}

    /**
     * What it waits for while suspended, one description per event ("a Channel recv",
     * "coroutine #3 (spawned at f.php:4)", ...); [] when it waits for nothing (queued, running, ended).
     * @return array<int, string>
     */
    public function getAwaitingInfo(): array {}

    /** Moves it to the head of the run queue when it waits there for its turn; returns it. */
    public function asHiPriority(): Coroutine {}
}
