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
