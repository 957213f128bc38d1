<?php

/** @generate-class-entries */

/**
 * Runs one process scenario from C, with children made by fork(); returns its log.
 * Scenarios: "exit_codes", "signaled", "zombie", "echild", "esrch", "not_child", "not_child_ends",
 * "dispose_while_running", "dispose_in_callback", "stop_start", "hidden", "info", "orphan" (left started
 * for the end of the request).
 */
function async_test_process_scenario(string $scenario): array {}

/** fork()s a child that exits with $exit_code after $delay_ms (-1: waits to be killed); returns its pid. */
function async_test_process_fork(int $exit_code, int $delay_ms = 0): int {}

/** Watches $pid with a process event until it is reported; returns its exit_code, or null after $max_ms. */
function async_test_process_wait(int $pid, int $max_ms = 5000): ?int {}
