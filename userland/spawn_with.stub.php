<?php

/** @generate-class-entries */

namespace Async;

/**
 * A ScopeProvider that also sees each coroutine spawn_with() makes in its scope. The hooks run
 * inside spawn_with() and cannot suspend.
 */
interface SpawnStrategy extends ScopeProvider
{
    /**
     * Called once the coroutine is in $scope, before it is queued; what it returns is not read.
     * An exception thrown here cancels the coroutine (it never runs) and spawn_with() throws it.
     */
    public function beforeCoroutineEnqueue(Coroutine $coroutine, Scope $scope): array;

    /**
     * Called once the coroutine is queued. An exception thrown here cancels the coroutine and
     * spawn_with() throws it.
     */
    public function afterCoroutineEnqueue(Coroutine $coroutine, Scope $scope): void;
}
