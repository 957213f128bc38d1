<?php

/** @generate-class-entries */

namespace Async;

/**
 * One change FileSystemWatcher saw. $path is the path the watcher was made with; $filename the
 * entry that changed, relative to it (null for a debounced burst, which stands for several).
 * Made by the watcher only.
 * @strict-properties
 * @not-serializable
 */
final class FileSystemEvent
{
    public readonly string $path;
    public readonly ?string $filename;
    public readonly bool $renamed;
    public readonly bool $changed;

    private function __construct() {}
}

/**
 * Watches a file or a directory from construction until close(); changes wait in the watcher
 * until a foreach over it takes them (the loop suspends while there are none and ends once the
 * watcher is closed and what it kept has been taken).
 * @strict-properties
 * @not-serializable
 */
final class FileSystemWatcher implements Awaitable, \IteratorAggregate
{
    /**
     * $coalesce: changes to one entry not yet taken merge into one event. $debounceMs > 0: a burst
     * of changes separated by less than that is delivered as one event once it is quiet (or once
     * it has lasted $maxHoldMs, if > 0). $extensions: only entries with one of these extensions count.
     */
    public function __construct(string $path, bool $recursive = false, bool $coalesce = true,
        int $debounceMs = 0, int $maxHoldMs = 0, array $extensions = []) {}

    /** Stops watching; a foreach over it ends once what it kept has been taken. Idempotent. */
    public function close(): void {}

    public function isClosed(): bool {}

    public function getIterator(): \Iterator {}
}
