<?php

/** @generate-class-entries */

namespace Async;

/** Base of the async errors that are ordinary exceptions. */
class AsyncException extends \Exception {}

/**
 * A coroutine is being cancelled. It extends \Error (stock PHP has no third Throwable root), so
 * `catch (\Exception $e)` never swallows it; let it propagate after cleaning up.
 */
class AsyncCancellation extends \Error {}

/** An operation was cancelled by a cancellation token; `previous` is the token's error. */
class OperationCanceledException extends AsyncCancellation {}

class TimeoutException extends AsyncException {}

class InputOutputException extends AsyncException {}

class PollException extends AsyncException {}

class DnsException extends AsyncException {}

/** Every coroutine waits and nothing left can wake any of them. */
class DeadlockError extends \Error {}

/** Several exceptions at once, e.g. from several finally() handlers. */
final class CompositeException extends AsyncException
{
    private array $exceptions = [];

    public function addException(\Throwable $exception): void {}

    /** @return array<int, \Throwable> */
    public function getExceptions(): array {}
}
