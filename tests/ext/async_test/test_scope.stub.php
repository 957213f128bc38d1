<?php

/** @generate-class-entries */

/**
 * Through the engine API, as another extension would: ZEND_ASYNC_NEW_SCOPE(NULL), then
 * ZEND_ASYNC_SPAWN_WITH(scope) with an internal entry that prints a line. Returns the scope's
 * object (the caller's reference) and whether the coroutine's scope is that scope.
 */
function async_test_scope_spawn(): array {}
