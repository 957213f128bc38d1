--TEST--
Scheduler: Coroutine state methods, ids, locations, current_coroutine()
--FILE--
<?php
use function Async\{spawn, await, suspend, current_coroutine};
// at the root before the scheduler started there is no coroutine, as upstream; suspend() starts it
try { current_coroutine(); } catch (Async\AsyncException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
suspend();
$main = current_coroutine();
var_dump($main->getId(), $main->isRunning(), $main->isStarted());
$c = spawn(function () { $me = current_coroutine(); return [$me->isRunning(), $me->getId()]; });
var_dump($c->isQueued(), $c->isStarted(), $c->isRunning(), $c->isCompleted());
var_dump(preg_match('/states\.php:8$/', $c->getSpawnLocation()));
[$running, $id] = await($c);
var_dump($running, $id === $c->getId(), $c->isQueued(), $c->isCompleted(), $c->getSuspendLocation());
$s = spawn(function () { suspend(); suspend(); });
suspend();
// it yielded: suspended at its suspend(), and queued to run again
var_dump($s->isSuspended(), $s->isQueued(), preg_match('/states\.php:13$/', $s->getSuspendLocation()));
await($s);
try {
    $t = spawn(fn() => 1);
    suspend();
    $u = spawn(function () use (&$u) { return $u->getException(); });
    var_dump(await($u));
} catch (Async\AsyncException $e) {
    echo $e->getMessage(), "\n";
}
unset($u); // it holds itself through its closure: a cycle for the GC
gc_collect_cycles();
?>
--EXPECT--
Async\AsyncException: The current coroutine is not defined
int(1)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
int(1)
bool(true)
bool(true)
bool(false)
bool(true)
string(0) ""
bool(true)
bool(true)
int(1)
Cannot get the exception of a coroutine that has not completed yet
