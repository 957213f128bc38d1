--TEST--
Engine API: the Async\ exception classes and where they sit in the Throwable tree
--FILE--
<?php
$classes = [
    'Async\AsyncException', 'Async\AsyncCancellation', 'Async\OperationCanceledException',
    'Async\TimeoutException', 'Async\InputOutputException', 'Async\PollException',
    'Async\DnsException', 'Async\DeadlockError', 'Async\CompositeException',
];
foreach ($classes as $class) {
    $parents = array_values(class_parents($class));
    echo $class, ' < ', implode(' < ', $parents), "\n";
}

// A cancellation is not swallowed by catch (Exception).
try {
    try {
        throw new Async\AsyncCancellation('cancelled');
    } catch (Exception $e) {
        echo "wrongly caught as Exception\n";
    }
} catch (Async\AsyncCancellation $e) {
    echo "cancellation passed through catch (Exception): ", $e->getMessage(), "\n";
}

// The ordinary ones are caught by AsyncException and by Exception.
try {
    throw new Async\DnsException('no such host');
} catch (Async\AsyncException $e) {
    echo get_class($e), " caught as AsyncException\n";
}
var_dump((new ReflectionClass('Async\CompositeException'))->isFinal());
?>
--EXPECT--
Async\AsyncException < Exception
Async\AsyncCancellation < Error
Async\OperationCanceledException < Async\AsyncCancellation < Error
Async\TimeoutException < Async\AsyncException < Exception
Async\InputOutputException < Async\AsyncException < Exception
Async\PollException < Async\AsyncException < Exception
Async\DnsException < Async\AsyncException < Exception
Async\DeadlockError < Error
Async\CompositeException < Async\AsyncException < Exception
cancellation passed through catch (Exception): cancelled
Async\DnsException caught as AsyncException
bool(true)
