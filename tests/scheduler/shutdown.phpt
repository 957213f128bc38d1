--TEST--
get_coroutines() lists the live coroutines (none before the scheduler starts, as upstream); graceful_shutdown() cancels all but the caller so their finally blocks run
--FILE--
<?php
use function Async\{spawn, await, delay, suspend, get_coroutines, graceful_shutdown, current_coroutine};
var_dump(get_coroutines());
suspend(); // starts the scheduler: the script becomes the main coroutine
$me = current_coroutine();
$list = get_coroutines();
var_dump(count($list), $list[0] === $me);
$a = spawn(function () { try { delay(10000); } finally { echo "a finally\n"; } });
$b = spawn(function () { try { delay(10000); } catch (Async\AsyncCancellation $e) { echo "b got: ", $e->getMessage(), "\n"; throw $e; } });
suspend();
var_dump(count(get_coroutines()));
$stopper = spawn(function () { graceful_shutdown(new Async\AsyncCancellation("stopping now")); return "the caller goes on"; });
try {
    delay(10000);
} catch (Async\AsyncCancellation $e) {
    echo "main got: ", $e->getMessage(), "\n";
}
var_dump(await($stopper), $a->isCancelled(), $b->isCancelled());
try { graceful_shutdown(new Exception("no")); } catch (TypeError $e) { echo "TypeError\n"; }
?>
--EXPECT--
array(0) {
}
int(1)
bool(true)
int(3)
a finally
b got: stopping now
main got: stopping now
string(18) "the caller goes on"
bool(true)
bool(true)
TypeError
