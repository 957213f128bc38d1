<?php

/** @generate-class-entries */

/**
 * Runs $cmd through ZEND_ASYNC_EXEC in $mode ("exec", "exec_array", "system", "passthru", "shell_exec").
 * $env is the whole environment (null: inherit). Returns ["exit_code" => int, "return_value" => what the
 * mode left there (null if untouched), "lines" => the array (exec_array; it starts as ["before"]),
 * "stderr" => string (only with $stderr)]. Exceptions from the call are thrown.
 */
function async_test_exec(string $mode, string $cmd, ?string $cwd = null, ?array $env = null, int $timeout = 0,
    bool $stderr = false): array {}

/**
 * Runs one exec scenario from C; returns its log. Scenarios: "event", "term_signal", "not_started",
 * "dispose_running", "dispose_before_start", "dispose_in_callback", "timeout", "array", "errors", "many",
 * "mixed", "orphan" (leaves a command running for the end of the request).
 */
function async_test_exec_scenario(string $scenario): array {}

/** Whether this process has a child left, running or zombie (nothing is reaped). */
function async_test_has_children(): bool {}
