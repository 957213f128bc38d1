<?php

/** @generate-class-entries */

namespace Async;

/**
 * The producer side of a Future: complete it once, with a value or an error.
 * @not-serializable
 */
final class FutureState
{
    public function __construct() {}

    /** Completes the Future with $result. Throws if it is already completed. */
    public function complete(mixed $result = null): void {}

    /** Completes the Future with $throwable. Throws if it is already completed. */
    public function error(\Throwable $throwable): void {}

    public function isCompleted(): bool {}

    /** [file, line] where its state was made. */
    public function getCreatedFileAndLine(): array {}

    /** "file:line" where its state was made, or "unknown". */
    public function getCreatedLocation(): string {}

    /** [file, line] where it was completed, or [null, 0] while it is not. */
    public function getCompletedFileAndLine(): array {}

    /** "file:line" where it was completed, or "unknown" while it is not. */
    public function getCompletedLocation(): string {}

    /** An error nobody awaits is then not reported. */
    public function ignore(): void {}
}

/**
 * A value that a FutureState provides later.
 * @not-serializable
 */
final class Future implements Completable
{
    public function __construct(FutureState $state) {}

    /** A Future completed with $value. */
    public static function completed(mixed $value = null): Future {}

    /** A Future completed with $throwable. */
    public static function failed(\Throwable $throwable): Future {}

    /** Waits for it: returns its value or throws its error. */
    public function await(?Completable $cancellation = null): mixed {}

    /** Completes it with an AsyncCancellation, if it has not completed yet. */
    public function cancel(?AsyncCancellation $cancellation = null): void {}

    public function isCompleted(): bool {}

    /** [file, line] where its state was made. */
    public function getCreatedFileAndLine(): array {}

    /** "file:line" where its state was made, or "unknown". */
    public function getCreatedLocation(): string {}

    /** [file, line] where it was completed, or [null, 0] while it is not. */
    public function getCompletedFileAndLine(): array {}

    /** "file:line" where it was completed, or "unknown" while it is not. */
    public function getCompletedLocation(): string {}

    public function isCancelled(): bool {}

    /** What it waits for, as upstream: ["FutureState(pending)"] or ["FutureState(completed)"]. */
    public function getAwaitingInfo(): array {}

    /** An error nobody awaits is then not reported. */
    public function ignore(): Future {}

    /**
     * A Future of $callback($value) once this one completes with a value; an error passes
     * through untouched. The callback runs in a coroutine of its own; if it throws, the new
     * Future fails with that.
     */
    public function map(callable $callback): Future {}

    /**
     * A Future of $callback($error) once this one fails; a value passes through untouched.
     * The callback runs in a coroutine of its own; if it throws, the new Future fails with that.
     */
    public function catch(callable $callback): Future {}

    /**
     * A Future with this one's outcome, settled once $callback() has run after this one
     * completed either way. If the callback throws, the new Future fails with that instead.
     */
    public function finally(callable $callback): Future {}
}
