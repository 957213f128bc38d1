<?php

/** @generate-class-entries */

/**
 * Calls $fn with PHP's error handling replaced as an internal function replaces it around its
 * work (zend_replace_error_handling(EH_THROW, $exception_class), as PDO's constructor does):
 * warnings become $exception_class exceptions until $fn returns. Returns what $fn returned.
 */
function async_test_call_throwing_warnings(string $exception_class, callable $fn): mixed {}
