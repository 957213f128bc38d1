<?php

/** @generate-class-entries */

/**
 * Runs one filesystem-event scenario in $directory (which must exist and be empty) through
 * ZEND_ASYNC_NEW_FILESYSTEM_EVENT* and the loop; returns its log. Scenarios: "directory",
 * "single_file", "bad_path", "stop_and_dispose", "abandoned" (leaves a watch started to the end
 * of the request).
 */
function async_test_fs_scenario(string $scenario, string $directory): array {}
