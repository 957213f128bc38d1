--TEST--
Channel timeouts (soft): they do not keep the application alive; in a deadlock the channel closes (DEADLOCK) instead of a DeadlockError
--FILE--
<?php
use Async\{Channel, ChannelException, ChannelCloseReason};
use function Async\{spawn, await, delay};

echo "-- soft, while other work keeps the application alive: the timer fires\n";
$ch = new Channel(0, 50, 0);
$other = spawn(function () { delay(400); return "other work done"; });
try { $ch->recv(); } catch (ChannelException $e) { echo "recv: ", $e->reason->name, "\n"; }
echo await($other), "\n";

echo "-- soft, nothing else left: closed at once as a deadlock, long before the timeout\n";
$ch = new Channel(0, 60000, 60000);
$t = microtime(true);
$receiver = spawn(function () use ($ch) {
    try { $ch->recv(); } catch (ChannelException $e) { return "receiver: " . $e->getMessage(); }
});
echo await($receiver), "\n";
var_dump($ch->isClosed(), (microtime(true) - $t) < 30);

echo "-- two channels in one deadlock both close; a coroutine waiting on something else then deadlocks\n";
$a = new Channel(0, 60000, 0);
$b = new Channel(0, 0, 60000);
$ra = spawn(function () use ($a) { try { $a->recv(); } catch (ChannelException $e) { return "a: " . $e->reason->name; } });
$sb = spawn(function () use ($b) { try { $b->send(1); } catch (ChannelException $e) { return "b: " . $e->reason->name; } });
echo await($ra), "\n", await($sb), "\n";

echo "-- a channel without timeouts still ends in a DeadlockError\n";
$plain = new Channel();
$plain->recv();
?>
--EXPECTF--
-- soft, while other work keeps the application alive: the timer fires
recv: NO_PRODUCERS
other work done
-- soft, nothing else left: closed at once as a deadlock, long before the timeout
receiver: Channel is closed: its waiters were deadlocked, nothing else could wake them
bool(true)
bool(true)
-- two channels in one deadlock both close; a coroutine waiting on something else then deadlocks
a: DEADLOCK
b: DEADLOCK
-- a channel without timeouts still ends in a DeadlockError

Fatal error: Uncaught Async\DeadlockError: Deadlock detected: no active coroutines, %d coroutines in waiting
  the main script suspended at %s:%d, waiting for a Channel recv in %s
%A
