--TEST--
Engine API from C: the class getter by kind, creating and throwing exceptions
--EXTENSIONS--
async_test
--FILE--
<?php
$kinds = [0 => 'NO', 30 => 'DEFAULT', 31 => 'CANCELLATION', 32 => 'TIMEOUT', 33 => 'INPUT_OUTPUT',
          34 => 'POLL', 35 => 'DNS', 36 => 'DEADLOCK', 38 => 'OPERATION_CANCELLED', 41 => 'COMPOSITE', 99 => 'unknown'];
foreach ($kinds as $type => $name) {
    echo str_pad($name, 20), var_export(async_test_exception_class($type), true), "\n";
}

$e = async_test_new_exception(33, 'read failed: broken pipe');
echo get_class($e), ': ', $e->getMessage(), "\n";
$e = async_test_new_exception(0, 'kind NO means the default');
echo get_class($e), ': ', $e->getMessage(), "\n";

try {
    async_test_throw(35, 'no such host: example.invalid');
} catch (Async\DnsException $e) {
    echo 'caught ', get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    async_test_throw_cancellation(null);
} catch (Async\AsyncCancellation $e) {
    echo 'caught ', get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    async_test_throw_cancellation('stopped by the user');
} catch (Async\AsyncCancellation $e) {
    echo 'caught ', get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    async_test_throw_timeout(250);
} catch (Async\TimeoutException $e) {
    echo 'caught ', get_class($e), ': ', $e->getMessage(), "\n";
}
// Format characters in a message are data, not directives.
try {
    async_test_throw(30, 'literal %s %d %n');
} catch (Async\AsyncException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
NO                  'Async\\AsyncException'
DEFAULT             'Async\\AsyncException'
CANCELLATION        'Async\\AsyncCancellation'
TIMEOUT             'Async\\TimeoutException'
INPUT_OUTPUT        'Async\\InputOutputException'
POLL                'Async\\PollException'
DNS                 'Async\\DnsException'
DEADLOCK            'Async\\DeadlockError'
OPERATION_CANCELLED 'Async\\OperationCanceledException'
COMPOSITE           'Async\\CompositeException'
unknown             NULL
Async\InputOutputException: read failed: broken pipe
Async\AsyncException: kind NO means the default
caught Async\DnsException: no such host: example.invalid
caught Async\AsyncCancellation: The operation was canceled
caught Async\AsyncCancellation: stopped by the user
caught Async\TimeoutException: Operation has been cancelled by timeout (250 ms)
literal %s %d %n
