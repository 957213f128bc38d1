--TEST--
Userland: ThreadChannel waiters: close() wakes blocked senders and receivers with ThreadChannelException; a receiver cancelled after a value came leaves it for the next; a cancellation token ends a wait; a wait nobody can end is a deadlock
--FILE--
<?php
use Async\ThreadChannel;
use function Async\{spawn, await, delay, timeout};

$ch = new ThreadChannel(1);
$r = spawn(function () use ($ch) { try { $ch->recv(); } catch (Async\ThreadChannelException $e) { echo "receiver: ", $e->getMessage(), "\n"; } });
$ch2 = new ThreadChannel(1);
$ch2->send('fill');
$s = spawn(function () use ($ch2) { try { $ch2->send('more'); } catch (Async\ThreadChannelException $e) { echo "sender: ", $e->getMessage(), "\n"; } });
delay(10);
$ch->close();
$ch2->close();
await($r); await($s);
echo "drained after close: ", $ch2->recv(), "\n";

// Two receivers wait; a value comes and the first is cancelled before it runs: the second gets it.
$ch = new ThreadChannel(4);
$first = spawn(function () use ($ch) { return $ch->recv(); });
$second = spawn(function () use ($ch) { return $ch->recv(); });
delay(10);
$ch->send('value');
$first->cancel();
echo "second got: ", await($second), "\n";
try { await($first); } catch (Async\AsyncCancellation $e) { echo "first cancelled\n"; }
echo "count: ", count($ch), "\n";

// A token ends a wait.
try { $ch->recv(timeout(30)); } catch (Async\OperationCanceledException $e) { echo "recv: ", get_class($e->getPrevious()), "\n"; }
$full = new ThreadChannel(1); $full->send(1);
try { $full->send(2, timeout(30)); } catch (Async\OperationCanceledException $e) { echo "send: ", get_class($e->getPrevious()), ", count ", count($full), "\n"; }

// Nobody will ever send.
try { $ch->recv(); } catch (Throwable $e) { echo get_class($e), "\n"; }
?>
--EXPECTF--
receiver: ThreadChannel is closed
sender: ThreadChannel is closed
drained after close: fill
second got: value
first cancelled
count: 0
recv: Async\TimeoutException
send: Async\TimeoutException, count 1
%ADeadlockError%A
