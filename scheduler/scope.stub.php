<?php

/** @generate-class-entries */

namespace Async;

/** Something that gives the Scope its coroutines are spawned in. */
interface ScopeProvider
{
    public function provideScope(): ?Scope;
}

/**
 * A group of coroutines with a shared lifetime (structured concurrency): cancelling or disposing
 * it reaches every coroutine in it and in its child scopes, and waiting for it waits for them all.
 * spawn() inside one of its coroutines spawns in it too.
 * @not-serializable
 */
final class Scope implements ScopeProvider
{
    /**
     * A root scope: no parent, so the failure of its coroutines goes no further up. Not safe:
     * cancel(), dispose() and losing its last reference cancel its coroutines (see allowZombies()).
     */
    public function __construct() {}

    /**
     * A child of $parentScope, or of the current scope (the main scope at top level). As safe as
     * its parent (the main scope is safe).
     */
    public static function inherit(?Scope $parentScope = null): Scope {}

    public function provideScope(): Scope {}

    /** Creates a coroutine in this scope that runs $task(...$args). Throws if the scope is closed. */
    public function spawn(\Closure $task, mixed ...$args): Coroutine {}

    /**
     * Cancels every coroutine in it and in its child scopes; in a safe scope a coroutine that has
     * started goes on as a zombie instead. It closes once nothing is left in it.
     */
    public function cancel(?AsyncCancellation $cancellation = null): void {}

    /**
     * Waits until no active coroutine is left in it or below (zombies excluded). When
     * $cancellation completes first, throws OperationCanceledException; when a coroutine of the
     * scope fails and nobody else handles it, throws that exception.
     */
    public function awaitCompletion(Awaitable $cancellation): void {}

    /**
     * After cancel() or dispose(): waits until every coroutine, zombies included, has ended, then
     * gives $errorHandler(Throwable $e, Scope $scope) each exception they ended with.
     */
    public function awaitAfterCancellation(?callable $errorHandler = null, ?Awaitable $cancellation = null): void {}

    /** No active coroutine is left in it or below. */
    public function isFinished(): bool {}

    /** Disposed: it refuses new coroutines. */
    public function isClosed(): bool {}

    public function isCancelled(): bool {}

    /**
     * $exceptionHandler(Scope $scope, Coroutine $coroutine, Throwable $e) takes the exceptions
     * that end its coroutines when nobody awaits them: they no longer fail together.
     */
    public function setExceptionHandler(callable $exceptionHandler): void {}

    /**
     * $exceptionHandler(Scope $scope, Coroutine $coroutine, Throwable $e) takes the exceptions
     * of coroutines in descendant scopes that have no handler of their own: those scopes are
     * cancelled, this one is not.
     */
    public function setChildScopeExceptionHandler(callable $exceptionHandler): void {}

    /**
     * Calls $callback($scope) once the scope is done: disposed and finished, or never disposed
     * and no longer referenced. At once if it is done already.
     */
    public function finally(\Closure $callback): void {}

    /** Closes it and cancels every coroutine in it and in its child scopes (a safe scope: disposeSafely()). */
    public function dispose(): void {}

    /** Closes it (and its child scopes); their coroutines go on as zombies. */
    public function disposeSafely(): void {}

    /** Not safe: cancel(), dispose() and losing the last reference cancel its coroutines. */
    public function asNotSafely(): Scope {}

    /** Safe: cancel(), dispose() and losing the last reference leave started coroutines as zombies. */
    public function allowZombies(): Scope {}

    /** dispose() after $timeout milliseconds, unless it was disposed before. */
    public function disposeAfterTimeout(int $timeout): void {}

    /** @return array<int, Scope> */
    public function getChildScopes(): array {}
}
