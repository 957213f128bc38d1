<?php

/** @generate-class-entries */

namespace Async;

/**
 * A cancellation token made by timeout(): it completes when its time has passed.
 * @not-serializable
 */
final class Timeout implements Completable
{
    private function __construct() {}

    /** Disarms it: it will never complete. */
    public function cancel(?AsyncCancellation $cancellation = null): void {}

    public function isCompleted(): bool {}

    public function isCancelled(): bool {}
}
