<?php

/** @generate-class-entries */

namespace Async;

/** The state of a circuit breaker. */
enum CircuitBreakerState
{
    /** Working: acquire() and tryAcquire() hand out resources. */
    case ACTIVE;
    /** Open: acquire() throws ServiceUnavailableException, tryAcquire() returns null. */
    case INACTIVE;
    /** Trying again: resources are handed out, the strategy decides what comes next. */
    case RECOVERING;
}

/** Something whose availability can be switched: a Pool. */
interface CircuitBreaker
{
    public function getState(): CircuitBreakerState;

    /** To ACTIVE. */
    public function activate(): void;

    /** To INACTIVE: waiting acquire() calls throw ServiceUnavailableException. */
    public function deactivate(): void;

    /** To RECOVERING. */
    public function recover(): void;
}

/**
 * Told how the resources of a Pool fare; it may switch the pool ($source) with activate(),
 * deactivate() or recover().
 */
interface CircuitBreakerStrategy
{
    /** A resource came back healthy (release() kept it). */
    public function reportSuccess(mixed $source): void;

    /** A resource came back broken ($beforeRelease refused it or threw). */
    public function reportFailure(mixed $source, \Throwable $error): void;

    /** Asked by acquire() while the pool is INACTIVE: true moves it to RECOVERING and goes on. */
    public function shouldRecover(): bool;
}

/** The pool is closed, or cannot be used so. */
class PoolException extends AsyncException
{
}

/** The circuit breaker is open (INACTIVE). */
class ServiceUnavailableException extends AsyncException
{
}

/**
 * A pool of resources made by $factory: at most $max alive (idle and in use); $min are made up
 * front (and made again by the healthcheck). A released resource goes to the coroutine that has
 * waited longest. Resources lent out stay held by the pool until released.
 * @not-serializable
 */
final class Pool implements \Countable, CircuitBreaker
{
    public function __construct(
        callable $factory,
        ?callable $destructor = null,
        ?callable $healthcheck = null,
        ?callable $beforeAcquire = null,
        ?callable $beforeRelease = null,
        int $min = 0,
        int $max = 10,
        int $healthcheckInterval = 0,
    ) {}

    /** Takes a resource, waiting for one at most $timeout ms (0: no limit; then TimeoutException). */
    public function acquire(int $timeout = 0): mixed {}

    /** Takes a resource without waiting: null when none is free (or the pool is closed or INACTIVE). */
    public function tryAcquire(): mixed {}

    /** Gives a resource back (destroyed instead when $beforeRelease says false or the pool is closed). */
    public function release(mixed $resource): void {}

    /** Destroys the idle resources; waiting acquire() calls throw PoolException. */
    public function close(): void {}

    public function isClosed(): bool {}

    /** Resources alive: idle and in use. */
    public function count(): int {}

    public function idleCount(): int {}

    /** Resources in use (being made or checked included). */
    public function activeCount(): int {}

    public function setCircuitBreakerStrategy(?CircuitBreakerStrategy $strategy): void {}

    public function getState(): CircuitBreakerState {}

    public function activate(): void {}

    public function deactivate(): void {}

    public function recover(): void {}
}
