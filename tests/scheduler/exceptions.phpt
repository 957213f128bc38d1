--TEST--
Scheduler: an exception of an awaited coroutine is rethrown by await(); getException() takes it too
--FILE--
<?php
use function Async\{spawn, await, suspend};
$c = spawn(fn() => throw new RuntimeException("boom"));
try {
    await($c);
} catch (RuntimeException $e) {
    echo "caught: ", $e->getMessage(), "\n";
}
// again, from the completed coroutine
try {
    await($c);
} catch (RuntimeException $e) {
    echo "caught again: ", $e->getMessage(), "\n";
}
$d = spawn(fn() => throw new LogicException("kept"));
suspend();
var_dump($d->isCompleted(), get_class($d->getException()), $d->getResult());
echo "end\n";
?>
--EXPECT--
caught: boom
caught again: boom
bool(true)
string(14) "LogicException"
NULL
end
