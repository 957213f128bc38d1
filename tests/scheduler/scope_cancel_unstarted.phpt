--TEST--
Scope: cancelling coroutines that never started and that nobody holds (they are still in the run queue) ends them safely; the queue lets go of them when it reaches them
--INI--
async.debug_uncaught=1
--FILE--
<?php
use Async\Scope;
use function Async\{spawn, suspend, get_coroutines, delay};

$scope = new Scope();
for ($i = 0; $i < 50; $i++) {
	$scope->spawn(function () { echo "must not run\n"; });
}
$scope->spawn(fn() => print("must not run either\n"))->finally(fn() => print("finally of a never-started coroutine\n"));
echo "live before: ", count(get_coroutines()), "\n";
$scope->cancel();
// (the one with a finally handler stays until its turn comes: its handler runs in its own context)
echo "live after cancel: ", count(get_coroutines()), "\n";
suspend();
// The same through the application's graceful shutdown.
spawn(fn() => throw new Exception("ends the application"));
for ($i = 0; $i < 10; $i++) {
	spawn(fn() => print("must not run\n"));
}
delay(1000);
?>
--EXPECTF--
live before: 52
live after cancel: 2
finally of a never-started coroutine

Warning: Uncaught Exception ended coroutine #%d, which was spawned here; it ends the application in %s on line %d

Fatal error: Uncaught Exception: ends the application in %s
%A
