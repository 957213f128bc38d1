<?php

/** @generate-class-entries */

namespace Async;

/**
 * The CPU time of this process and of the machine at one moment (nanoseconds); two of them give
 * the usage in between. Made by now() only.
 * @strict-properties
 * @not-serializable
 */
final class CpuSnapshot
{
    public readonly int $wallNs;
    public readonly int $processUserNs;
    public readonly int $processSystemNs;
    public readonly int $systemIdleNs;
    public readonly int $systemBusyNs;
    public readonly int $cpuCount;

    private function __construct() {}

    public static function now(): CpuSnapshot {}
}
