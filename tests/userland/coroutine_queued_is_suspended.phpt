--TEST--
Coroutine::isSuspended() is true for a coroutine queued and not started yet, as upstream; false while it runs and once it ended
--FILE--
<?php
use function Async\{spawn, suspend, current_coroutine};
$c = spawn(function () {
    echo "running, suspended: ", json_encode(current_coroutine()->isSuspended()), "\n";
    suspend();
});
var_dump($c->isStarted(), $c->isSuspended());
suspend();
var_dump($c->isStarted(), $c->isSuspended());
suspend();
var_dump($c->isCompleted(), $c->isSuspended());
?>
--EXPECT--
bool(false)
bool(true)
running, suspended: false
bool(true)
bool(true)
bool(true)
bool(false)
