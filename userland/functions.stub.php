<?php

/** @generate-class-entries */

namespace Async;

/**
 * What this runtime is: the engine API version and the registered backends.
 * @return array{api_version: string, api_version_number: int, extension_version: string,
 *               reactor: ?string, scheduler: ?string}
 */
function engine_info(): array {}

/**
 * Counters of this runtime: active events, and what the reactor's object pools saved
 * (timer_pool_reused / timer_pool_allocated, poll_pool_*).
 */
function runtime_stats(): array {}

/** The CPUs this process may run on (its affinity and cgroup quota counted), at least 1. */
function available_parallelism(): int {}

/**
 * The 1, 5 and 15 minute load averages of the machine, or null where the system has none.
 * @return array{0: float, 1: float, 2: float}|null
 */
function loadavg(): ?array {}

/**
 * CPU usage since the previous call (the first call returns zeros): process_cores (CPUs' worth of
 * time this process used), process_percent (of all CPUs), system_percent (busy share of the machine),
 * cpu_count, interval_sec, loadavg.
 */
function cpu_usage(): array {}

/** Creates a coroutine that runs $task(...$args); it starts when the current one suspends or ends. */
function spawn(callable $task, mixed ...$args): Coroutine {}

/**
 * Like spawn(), in the Scope $provider->provideScope() returns (null: the current one). A
 * SpawnStrategy also sees the coroutine before and after it is queued.
 */
function spawn_with(ScopeProvider $provider, callable $task, mixed ...$args): Coroutine {}

/** Lets the other queued coroutines run, then continues. */
function suspend(): void {}

/**
 * Waits for $awaitable to complete and returns its result, or throws its exception. When
 * $cancellation completes first, throws OperationCanceledException.
 */
function await(Completable $awaitable, ?Completable $cancellation = null): mixed {}

/** Suspends the current coroutine for $ms milliseconds. */
function delay(int $ms): void {}

/** The running coroutine (the main script is one too). */
function current_coroutine(): Coroutine {}

/**
 * A cancellation token that completes after $ms milliseconds, for the $cancellation argument of
 * await() and friends: when it completes first they throw OperationCanceledException, whose
 * previous is a TimeoutException.
 */
function timeout(int $ms): Timeout {}

/** Runs $closure with cancellation deferred: a cancel() meanwhile is delivered when it returns. */
function protect(\Closure $closure): mixed {}

/** The Context of the current Scope: what it sets, Scopes inherited from it find. */
function current_context(): Context {}

/** The Context of the running coroutine: its own, not seen by others. */
function coroutine_context(): Context {}

/** The Context of the main Scope (current_context() of the main script). */
function root_context(): Context {}

/**
 * Calls $callback($value, $key) for each element of $iterable, each call in a coroutine of its
 * own, at most $concurrency at a time (0: no limit), and returns when all have ended. A callback
 * returning false stops the iteration; one that throws stops it too and the exception is rethrown
 * here. Coroutines the callbacks spawned and left running are cancelled at the end, or awaited
 * when $cancelPending is false.
 */
function iterate(iterable $iterable, callable $callback, int $concurrency = 0, bool $cancelPending = true): void {}

/** Every live coroutine (the main script's included). */
function get_coroutines(): array {}

/** Cancels every coroutine but the caller, so their finally blocks run and the application ends. */
function graceful_shutdown(?AsyncCancellation $cancellationError = null): void {}

/**
 * Waits for every Completable of $triggers; returns [$results, $errors], both keyed like $triggers
 * (in its order when $preserveKeyOrder, else in completion order; with $fillNull, a key without a
 * result gets null in $results).
 */
function await_all(iterable $triggers, ?Awaitable $cancellation = null, bool $preserveKeyOrder = true, bool $fillNull = false): array {}

/** Waits for every one; returns their results keyed like $triggers, or throws the first error (the others are cancelled). */
function await_all_or_fail(iterable $triggers, ?Awaitable $cancellation = null, bool $preserveKeyOrder = true): array {}

/** Returns the result of the first to complete, or throws its exception. */
function await_any_or_fail(iterable $triggers, ?Awaitable $cancellation = null): mixed {}

/** Returns [$result, $errors]: the first successful result, and the errors of those that failed before it. */
function await_first_success(iterable $triggers, ?Awaitable $cancellation = null): array {}

/** Waits for the first $count to complete; returns [$results, $errors]. */
function await_any_of(int $count, iterable $triggers, ?Awaitable $cancellation = null, bool $preserveKeyOrder = true, bool $fillNull = false): array {}

/** Waits for the first $count to complete successfully; returns their results, or throws the first error. */
function await_any_of_or_fail(int $count, iterable $triggers, ?Awaitable $cancellation = null, bool $preserveKeyOrder = true): array {}
