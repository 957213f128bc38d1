<?php

/** @generate-class-entries */

namespace Async;

/**
 * What this runtime is: the engine API version and the registered backends.
 * @return array{api_version: string, api_version_number: int, extension_version: string,
 *               reactor: ?string, scheduler: ?string}
 */
function engine_info(): array {}
