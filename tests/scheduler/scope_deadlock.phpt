--TEST--
Scope: waiting for a scope whose coroutines can never end is a deadlock; the report names the scope the main script waits for
--FILE--
<?php
use Async\{Scope, Channel, Future, FutureState};

$scope = new Scope();
$channel = new Channel();
$scope->spawn(function () use ($channel) {
	try { $channel->recv(); } finally { echo "scope's coroutine: finally ran\n"; }
});
$never = new Future(new FutureState()); // a token that never completes
$scope->awaitCompletion($never);
echo "not reached\n";
?>
--EXPECTF--
scope's coroutine: finally ran

Fatal error: Uncaught Async\DeadlockError: Deadlock detected: no active coroutines, %d coroutines in waiting
  coroutine #%d (spawned at %s:%d) suspended at %s:%d, waiting for a Channel recv
  the main script suspended at %s:%d, waiting for a Scope (1 coroutine, 0 child scopes), %s
%A
