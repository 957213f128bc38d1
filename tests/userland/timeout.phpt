--TEST--
timeout(): a cancellation token for await() (a positive time: 0 is a ValueError as upstream; a cancelled one is completed and never fires); when it completes first await() throws OperationCanceledException with a TimeoutException as previous
--FILE--
<?php
use function Async\{spawn, await, delay, timeout};
$slow = spawn(function () { delay(300); return "slow"; });
try {
    await($slow, timeout(20));
} catch (Async\OperationCanceledException $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
    echo get_class($e->getPrevious()), ": ", $e->getPrevious()->getMessage(), "\n";
}
// the awaited coroutine itself goes on
var_dump($slow->isCompleted(), await($slow, timeout(5000)));

$t = timeout(10);
var_dump($t instanceof Async\Completable, $t->isCompleted());
var_dump(await($t), $t->isCompleted(), $t->isCancelled());
// a completed token throws at once
try { await(spawn(fn() => 1), $t); } catch (Async\OperationCanceledException $e) { echo "completed token: thrown at once\n"; }

$cancelled = timeout(10);
$cancelled->cancel();
var_dump($cancelled->isCancelled(), $cancelled->isCompleted());
var_dump(await(spawn(function () { delay(30); return "not cancelled"; }), $cancelled));
try { await($cancelled); } catch (Error $e) { echo $e->getMessage(), "\n"; }
foreach ([-1, 0] as $ms) { try { timeout($ms); } catch (ValueError $e) { echo $e->getMessage(), "\n"; } }
try { new Async\Timeout(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
// a coroutine as the token: its end cancels the wait
$token = spawn(function () { delay(10); });
try { await(spawn(fn() => delay(1000)), $token); } catch (Async\OperationCanceledException $e) { echo "cancelled by a coroutine token\n"; }
?>
--EXPECT--
Async\OperationCanceledException: Operation has been cancelled
Async\TimeoutException: Operation has been cancelled by timeout
bool(false)
string(4) "slow"
bool(true)
bool(false)
NULL
bool(true)
bool(false)
completed token: thrown at once
bool(true)
bool(true)
string(13) "not cancelled"
Cannot await a Timeout that was cancelled: it never completes
Timeout value must be greater than 0
Timeout value must be greater than 0
Call to private Async\Timeout::__construct() from global scope
cancelled by a coroutine token
