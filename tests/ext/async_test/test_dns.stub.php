<?php

/** @generate-class-entries */

/**
 * Runs one DNS scenario through ZEND_ASYNC_GETADDRINFO*, ZEND_ASYNC_GETNAMEINFO* and the loop;
 * returns its log. Scenarios: "localhost", "numeric", "unknown", "nameinfo", "create_errors",
 * "copies", "result_left", "dispose_before_start", "dispose_pending", "dispose_in_callback",
 * "twice_owned", "stop_and_restart", "cancel_queued" (run with UV_THREADPOOL_SIZE=1),
 * "abandoned" (leaves requests pending to the end of the request).
 */
function async_test_dns_scenario(string $scenario): array {}
/** Resolves $host $count times at once; returns how many were notified, failed, closed, and what addresses came back. */
function async_test_dns_many(int $count, string $host): array {}
