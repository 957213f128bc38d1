--TEST--
Channel::recvAsync(): a Future completed at once, failed at once, or waiting in line with the receivers; a dropped or cancelled one leaves the line without taking a value; the Channel's destruction fails the waiting ones (DISPOSED)
--FILE--
<?php
use Async\{Channel, ChannelException, Future};
use function Async\{spawn, await, suspend, await_any_or_fail};

echo "-- a free value: completed at once\n";
$ch = new Channel(2);
$ch->send("a");
$ch->send("b");
$f1 = $ch->recvAsync();
$f2 = $ch->recvAsync();
var_dump($f1 instanceof Future, $f1->isCompleted(), await($f1), await($f2), count($ch));

echo "-- closed and drained: failed at once\n";
$ch->close();
$f = $ch->recvAsync();
var_dump($f->isCompleted());
try { await($f); } catch (ChannelException $e) { echo $e->getMessage(), " (", $e->reason->name, ")\n"; }

echo "-- waiting: completed by a later send (capacity 0, sendAsync and send)\n";
$ch = new Channel(0);
$f = $ch->recvAsync();
var_dump($f->isCompleted(), $ch->sendAsync("rendezvous"), count($ch), await($f));
$f = $ch->recvAsync();
$ch->send("sent");       // a Future waits: the send does not wait
var_dump(await($f));

echo "-- waiting: failed by close()\n";
$f = $ch->recvAsync();
$ch->close();
try { await($f); } catch (ChannelException $e) { echo "rejected: ", $e->reason->name, "\n"; }

echo "-- Futures and coroutines are served in arrival order\n";
$ch = new Channel(1);
$fa = $ch->recvAsync();
$co = spawn(fn() => $ch->recv());
suspend();
$fb = $ch->recvAsync();
foreach (["1", "2", "3"] as $v) $ch->send($v);
echo "fa:", await($fa), " coroutine:", await($co), " fb:", await($fb), "\n";

echo "-- a value kept for a woken receiver is not free for recvAsync()\n";
$ch = new Channel(1);
$r = spawn(fn() => $ch->recv());
suspend();
$ch->send("for the coroutine");
$f = $ch->recvAsync();
var_dump($f->isCompleted());
$ch->send("for the future");
var_dump(await($r), await($f));

echo "-- a dropped Future leaves the line: the value goes to the receiver behind it\n";
$ch = new Channel(0);
$f = $ch->recvAsync();
$behind = spawn(fn() => $ch->recv());
suspend();
unset($f);
$ch->send("kept");
var_dump(await($behind));

echo "-- a cancelled Future leaves the line: the value stays in the channel\n";
$ch = new Channel(1);
$f = $ch->recvAsync();
$f->cancel();
var_dump($ch->sendAsync("not lost"), count($ch), $ch->recv());

echo "-- await_any_or_fail(): the loser is dropped, its channel keeps what comes later\n";
$ch1 = new Channel(1);
$ch2 = new Channel(1);
spawn(fn() => $ch1->send("from 1"));
var_dump(await_any_or_fail([$ch1->recvAsync(), $ch2->recvAsync()]));
$ch2->send("later");
var_dump(count($ch2), $ch2->recv());

echo "-- the Channel destroyed while a Future waits: failed with DISPOSED\n";
$ch = new Channel();
$f = $ch->recvAsync();
unset($ch);
try { await($f); } catch (ChannelException $e) { echo $e->getMessage(), " (", $e->reason->name, ")\n"; }

// Without waiting Futures its destruction closes nothing: PHP calls the destructors of every object
// alive at the end of the script (here the channel's first, it was made first), and a destructor
// called after it may still use the channel.
class LateUser { function __destruct() { global $late; echo "late sendAsync: ", json_encode($late->sendAsync("late")), "\n"; } }
class Holder { static $keep; }
Holder::$keep = [$late = new Channel(1), new LateUser()];
echo "end\n";
?>
--EXPECT--
-- a free value: completed at once
bool(true)
bool(true)
string(1) "a"
string(1) "b"
int(0)
-- closed and drained: failed at once
bool(true)
Channel is closed (EXPLICIT)
-- waiting: completed by a later send (capacity 0, sendAsync and send)
bool(false)
bool(true)
int(0)
string(10) "rendezvous"
string(4) "sent"
-- waiting: failed by close()
rejected: EXPLICIT
-- Futures and coroutines are served in arrival order
fa:1 coroutine:2 fb:3
-- a value kept for a woken receiver is not free for recvAsync()
bool(false)
string(17) "for the coroutine"
string(14) "for the future"
-- a dropped Future leaves the line: the value goes to the receiver behind it
string(4) "kept"
-- a cancelled Future leaves the line: the value stays in the channel
bool(true)
int(1)
string(8) "not lost"
-- await_any_or_fail(): the loser is dropped, its channel keeps what comes later
string(6) "from 1"
int(1)
string(5) "later"
-- the Channel destroyed while a Future waits: failed with DISPOSED
Channel is closed: the Channel object was destroyed (DISPOSED)
end
late sendAsync: true
