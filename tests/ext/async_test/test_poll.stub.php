<?php

/** @generate-class-entries */

/**
 * Runs one poll scenario through ZEND_ASYNC_NEW_POLL_EVENT* / NEW_SOCKET_EVENT and the loop, on
 * real descriptors made in C; returns its log. Scenarios: "readable", "writable", "disconnect",
 * "pipe_writer_gone", "pipe_reader_gone", "two_on_one_fd", "three_on_one_fd", "orders",
 * "dispose_in_callback", "dispose_other_in_callback", "extra_size", "fields", "errors",
 * "closed_while_watched", "close_fd", "owner_closes", "hidden", "prioritized", "left_at_request_end".
 */
function async_test_poll_scenario(string $scenario): array {}
/** Watches $count socket pairs at once, writes to every peer; returns how many were notified. */
function async_test_poll_many(int $count): array {}
/** Creates, starts, stops and releases $count poll events on one socket: the cost of the cycle. */
function async_test_poll_churn(int $count): int {}
