<?php

/** @generate-class-entries */

/**
 * Runs one signal scenario from C (signals sent with kill(getpid(), ...)); returns its log.
 * Scenarios: "two_events", "stop_one", "restart", "nested_start", "fanout_stop_other",
 * "fanout_start_other", "dispose_in_callback", "dispose_other_in_callback",
 * "dispose_while_started", "hidden", "many", "signals", "restore", "chain_raw", "invalid".
 */
function async_test_signal_scenario(string $scenario): array {}

/** Creates and starts a signal event that counts its deliveries; returns its id. */
function async_test_signal_watch(int $signum, bool $hidden = false): int {}

/** Runs the loop until event $id has been notified $count times in all; false after $max_ms. */
function async_test_signal_run(int $id, int $count, int $max_ms = 5000): bool {}

/** How many times event $id was notified. */
function async_test_signal_count(int $id): int {}

function async_test_signal_start(int $id): void {}

function async_test_signal_stop(int $id): void {}

/** Releases event $id (its only reference): disposes it. */
function async_test_signal_release(int $id): void {}

/** Sends $signum to this process with kill(2) from C. */
function async_test_signal_raise(int $signum): void {}

/** The process's action for $signum as sigaction(2) reports it, to compare before and after. */
function async_test_signal_action(int $signum): string {}
