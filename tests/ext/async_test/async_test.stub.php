<?php

/** @generate-class-entries */

/* Registration, as a third-party backend does it. $module is "async_test" or "async_test_other". */
function async_test_register_reactor(string $module, bool $allow_override): bool {}
function async_test_register_scheduler(string $module, bool $allow_override): bool {}
/** The result of the registration that INI async_test.register_at_startup asked for, or null. */
function async_test_startup_result(): ?bool {}
function async_test_reactor_module(): ?string {}
function async_test_is_enabled(): array {}
/** Calls one reactor entry with harmless arguments; returns what it returned, as a string. */
function async_test_call_entry(string $entry): string {}

/* The base event, driven through the header's macros and functions. */
function async_test_refcount(): array {}
function async_test_extra(int $extra_size): array {}
/**
 * $count callbacks; when callback i is called it removes the callbacks listed in $removals[i].
 * Notifies $rounds times; returns, per round, the sorted ids called, then the ids left.
 */
function async_test_notify(int $count, array $removals, int $rounds = 2): array {}
function async_test_nested_notify(): array {}
function async_test_notify_throws(): array {}
function async_test_notify_handler(): array {}
function async_test_start_stop(): array {}
function async_test_flags(): array {}
function async_test_callback_shared(): array {}

/* Through the registered reactor (ZEND_ASYNC_* macros): one-shot timers of the test backend. */
function async_test_timers(int $count, bool $dispose_in_callback = false): array {}

/* Exceptions by kind. */
function async_test_exception_class(int $type): ?string {}
function async_test_new_exception(int $type, string $message): object {}
function async_test_throw(int $type, string $message): void {}
function async_test_throw_cancellation(?string $message): void {}
function async_test_throw_timeout(int $ms): void {}
function async_test_api_version(): array {}
