<?php

/** @generate-class-entries */

namespace Async;

/** A Context lookup failed: get() or getLocal() of a key that is not there. */
class ContextException extends AsyncException {}

/**
 * Values keyed by a string or an object (the object itself, not its class or content), kept by a
 * Scope (current_context(), seen by the Scopes inherited from it) or by a Coroutine
 * (coroutine_context(), its own).
 * @strict-properties
 * @not-serializable
 */
final class Context
{
    /** The value of $key here or in the first parent Scope's Context that has it; null if none has. */
    public function find(string|object $key): mixed {}

    /** Like find(), but a missing key throws ContextException. */
    public function get(string|object $key): mixed {}

    /** Whether find() would find $key. */
    public function has(string|object $key): bool {}

    /** The value of $key in this Context only; null if missing. */
    public function findLocal(string|object $key): mixed {}

    /** The value of $key in this Context only; a missing key throws ContextException. */
    public function getLocal(string|object $key): mixed {}

    /** Whether this Context itself has $key. */
    public function hasLocal(string|object $key): bool {}

    /** Stores $value under $key; a key already here throws ContextException unless $replace. */
    public function set(string|object $key, mixed $value, bool $replace = false): Context {}

    /** Removes $key from this Context (nothing if it is not here). */
    public function unset(string|object $key): Context {}
}
