<?php

/** @generate-class-entries */

namespace Async;

/**
 * Runs callables as tasks in coroutines of its own child scope, at most $concurrency at once (the
 * rest wait in a queue), and keeps every result and error under the task's key.
 * @strict-properties
 * @not-serializable
 */
final class TaskGroup implements Awaitable, \Countable, \IteratorAggregate
{
    /**
     * $concurrency: tasks that run at once (null or 0: no limit). $queueLimit: tasks that may wait
     * for a slot before spawn() itself waits (null: twice $concurrency; 0: no limit). $scope: the
     * parent of the group's own scope (null: the current scope).
     */
    public function __construct(?int $concurrency = null, ?int $queueLimit = null, ?Scope $scope = null) {}

    /** Adds a task under the next integer key; waits while the queue is full. */
    public function spawn(callable $task, mixed ...$args): void {}

    /** Adds a task under $key (a key in use is an AsyncException); waits while the queue is full. */
    public function spawnWithKey(string|int $key, callable $task, mixed ...$args): void {}

    /**
     * Resolves, once no task runs or waits, with the results by key; fails with a
     * CompositeException of the errors unless $ignoreErrors.
     */
    public function all(bool $ignoreErrors = false): Future {}

    /** Settles as the first task to settle did (its result or its error). */
    public function race(): Future {}

    /** Resolves with the first result; fails with a CompositeException when every task failed. */
    public function any(): Future {}

    /** The results of the tasks that returned, by key. */
    public function getResults(): array {}

    /** The errors of the tasks that threw, by key. */
    public function getErrors(): array {}

    /** Marks the errors as handled. */
    public function suppressErrors(): void {}

    /** Closes the group, drops the queued tasks and cancels the running ones. */
    public function cancel(?AsyncCancellation $cancellation = null): void {}

    /** No new task is accepted; those added go on. */
    public function close(): void {}

    /** Cancels everything and closes the group's scope. */
    public function dispose(): void {}

    /** No task runs or waits for a slot. */
    public function isFinished(): bool {}

    public function isClosed(): bool {}

    /** Tasks added: queued, running and settled. */
    public function count(): int {}

    /** Waits until a closed group has finished; never throws the tasks' errors. */
    public function awaitCompletion(): void {}

    /** Calls $callback($group) once the group is closed and finished; at once if it is already. */
    public function finally(\Closure $callback): void {}

    /** Use foreach: key => [$result, $error], in the order the tasks settle. */
    public function getIterator(): \Iterator {}
}

/**
 * A TaskGroup whose settled tasks leave it once delivered (by joinNext(), joinAny(), joinAll() or
 * foreach).
 * @strict-properties
 * @not-serializable
 */
final class TaskSet implements Awaitable, \Countable, \IteratorAggregate
{
    /** @implementation-alias Async\TaskGroup::__construct */
    public function __construct(?int $concurrency = null, ?int $queueLimit = null, ?Scope $scope = null) {}

    /** @implementation-alias Async\TaskGroup::spawn */
    public function spawn(callable $task, mixed ...$args): void {}

    /** @implementation-alias Async\TaskGroup::spawnWithKey */
    public function spawnWithKey(string|int $key, callable $task, mixed ...$args): void {}

    /** Settles as the first task to settle, and removes it. */
    public function joinNext(): Future {}

    /** Resolves with the first result and removes its task; all failed: CompositeException. */
    public function joinAny(): Future {}

    /** As TaskGroup::all(), and removes every task it delivers. */
    public function joinAll(bool $ignoreErrors = false): Future {}

    /** @implementation-alias Async\TaskGroup::cancel */
    public function cancel(?AsyncCancellation $cancellation = null): void {}

    /** @implementation-alias Async\TaskGroup::close */
    public function close(): void {}

    /** @implementation-alias Async\TaskGroup::dispose */
    public function dispose(): void {}

    /** @implementation-alias Async\TaskGroup::isFinished */
    public function isFinished(): bool {}

    /** @implementation-alias Async\TaskGroup::isClosed */
    public function isClosed(): bool {}

    /**
     * Tasks not delivered yet.
     * @implementation-alias Async\TaskGroup::count
     */
    public function count(): int {}

    /** @implementation-alias Async\TaskGroup::awaitCompletion */
    public function awaitCompletion(): void {}

    /** @implementation-alias Async\TaskGroup::finally */
    public function finally(\Closure $callback): void {}

    /** @implementation-alias Async\TaskGroup::getIterator */
    public function getIterator(): \Iterator {}
}
