--TEST--
Scheduler: cancel() is delivered at the suspension point (finally runs), before start the coroutine never runs, after completion it does nothing
--FILE--
<?php
use function Async\{spawn, await, delay, suspend};
$c = spawn(function () {
    try { delay(10000); }
    catch (Async\AsyncCancellation $e) { echo "cancelled: ", $e->getMessage(), "\n"; throw $e; }
    finally { echo "finally\n"; }
});
suspend();
var_dump($c->isSuspended(), $c->isCancellationRequested());
$c->cancel();
var_dump($c->isCancellationRequested());
try { await($c); } catch (Async\AsyncCancellation $e) { echo "await: ", get_class($e), "\n"; }
var_dump($c->isCancelled(), $c->isCompleted());

$never = spawn(function () { echo "never printed\n"; });
$never->cancel(new Async\AsyncCancellation("before start"));
var_dump($never->isStarted(), $never->isCompleted(), $never->getException()->getMessage());

$done = spawn(fn() => 1);
await($done);
$done->cancel();
var_dump($done->isCancelled(), $done->getResult());

// catch (Exception) does not swallow a cancellation
$d = spawn(function () {
    try { delay(10000); } catch (Exception $e) { echo "wrong\n"; }
    return "not reached";
});
suspend();
$d->cancel();
try { await($d); } catch (Async\AsyncCancellation $e) { echo "passed through catch (Exception)\n"; }
try {
    $d->cancel(new Exception("not a cancellation"));
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
bool(true)
bool(false)
bool(true)
cancelled: The coroutine was cancelled
finally
await: Async\AsyncCancellation
bool(true)
bool(true)
bool(false)
bool(true)
string(12) "before start"
bool(false)
int(1)
passed through catch (Exception)
Async\Coroutine::cancel(): Argument #1 ($cancellation) must be of type ?Async\AsyncCancellation, Exception given
