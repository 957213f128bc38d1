<?php

/** @generate-class-entries */

/**
 * Runs one timer scenario through ZEND_ASYNC_NEW_TIMER_EVENT* and the loop; returns its log.
 * Scenarios: "oneshot", "periodic", "stop_before_fire", "dispose_while_running",
 * "dispose_in_callback", "restart", "nanoseconds", "huge", "zero", "hidden", "order",
 * "queue_head_stopped", "queue_hidden_mix", "queue_lengths".
 */
function async_test_timer_scenario(string $scenario): array {}
/** Starts $count timers of 1..$spread ms at once; returns how many fired, how many closed. */
function async_test_timer_many(int $count, int $spread): array {}
/** Creates, starts, stops and releases $count timers without waiting: the cost of the cycle. */
function async_test_timer_churn(int $count): int {}
/**
 * Creates $count timers and never releases them (an owner that forgets); starts every other one.
 * The reactor must close and free them all at request end (valgrind tells).
 */
function async_test_timer_abandon(int $count): int {}
