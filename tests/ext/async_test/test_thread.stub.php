<?php

/** @generate-class-entries */

/**
 * Runs one thread-event scenario through ZEND_ASYNC_NEW_THREAD_EVENT* and the loop; returns its
 * log. Scenarios: "one", "entry_null", "dispose_before_start", "dispose_while_running",
 * "dispose_in_callback", "twice_owned", "stop_and_restart", "cancel_queued" (run with
 * UV_THREADPOOL_SIZE=1), "abandoned" (leaves entries on the pool to the end of the request).
 */
function async_test_thread_scenario(string $scenario): array {}
/** Runs $count entries at once, each summing into its own memory; returns what the loop thread found. */
function async_test_thread_many(int $count): array {}
