--TEST--
Channel: rendezvous and buffered, close, iteration, tokens, FIFO fairness, nothing lost on cancellation, bad input
--FILE--
<?php
use Async\Channel;
use function Async\{spawn, await, delay, timeout, suspend};

echo "-- rendezvous: send waits until a receiver is matched with its value\n";
$ch = new Channel();
$producer = spawn(function () use ($ch) {
    for ($i = 1; $i <= 3; $i++) { $ch->send($i); echo "sent $i\n"; }
    $ch->close();
});
foreach ($ch as $key => $value) echo "got $key => $value\n";
await($producer);

echo "-- buffered\n";
$b = new Channel(2);
var_dump($b->capacity(), $b->sendAsync('a'), $b->sendAsync('b'), $b->sendAsync('c'), count($b), $b->isFull());
var_dump($b->recv(), $b->recv(), $b->isEmpty());

echo "-- a sender waits while full, in order\n";
$f = new Channel(1);
$senders = [];
foreach (['x', 'y', 'z'] as $v) $senders[] = spawn(fn() => $f->send($v));
suspend();
var_dump(count($f), $f->recv(), $f->recv(), $f->recv());
foreach ($senders as $s) await($s);

echo "-- tokens\n";
try { $b->recv(timeout(10)); } catch (Async\OperationCanceledException $e) { echo "recv: ", get_class($e->getPrevious()), "\n"; }
$full = new Channel(0);
try { $full->send(1, timeout(10)); } catch (Async\OperationCanceledException $e) { echo "send: cancelled\n"; }
var_dump(count($full));

echo "-- close: buffered values drain, then ChannelException\n";
$b->send('last');
$b->close();
var_dump($b->isClosed(), $b->recv());
try { $b->recv(); } catch (Async\ChannelException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { $b->send(1); } catch (Async\ChannelException $e) { echo "send: ", $e->getMessage(), "\n"; }
var_dump($b->sendAsync(1));
$w = new Channel();
$waiting = spawn(function () use ($w) { try { $w->recv(); } catch (Async\ChannelException $e) { return "waiting receiver woken: " . $e->getMessage(); } });
suspend();
$w->close();
var_dump(await($waiting));

echo "-- receivers are served in arrival order\n";
$c = new Channel();
$order = [];
$rs = [];
for ($i = 0; $i < 3; $i++) $rs[] = spawn(function () use ($c, $i, &$order) { $order[] = "r$i:" . $c->recv(); });
suspend();
foreach (['A', 'B', 'C'] as $v) $c->send($v);
foreach ($rs as $r) await($r);
echo implode(' ', $order), "\n";

echo "-- a receiver cancelled as its value arrives: the value goes back\n";
$r = new Channel();
$receiver = spawn(fn() => $r->recv());
suspend();
$r->send('precious');     // handed to the receiver, which has not run yet
$receiver->cancel();      // ...and is cancelled before it does
try { await($receiver); } catch (Async\AsyncCancellation $e) { echo "receiver cancelled\n"; }
var_dump(count($r), $r->recv());

echo "-- bad input\n";
try { new Channel(-1); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
try { foreach ($c as &$ref) {} } catch (Error $e) { echo $e->getMessage(), "\n"; }
var_dump($c instanceof Async\Awaitable, $c instanceof IteratorAggregate, $c instanceof Countable);
?>
--EXPECT--
-- rendezvous: send waits until a receiver is matched with its value
sent 1
got 0 => 1
sent 2
got 1 => 2
sent 3
got 2 => 3
-- buffered
int(2)
bool(true)
bool(true)
bool(false)
int(2)
bool(true)
string(1) "a"
string(1) "b"
bool(true)
-- a sender waits while full, in order
int(1)
string(1) "x"
string(1) "y"
string(1) "z"
-- tokens
recv: Async\TimeoutException
send: cancelled
int(0)
-- close: buffered values drain, then ChannelException
bool(true)
string(4) "last"
Async\ChannelException: Channel is closed
send: Channel is closed
bool(false)
string(41) "waiting receiver woken: Channel is closed"
-- receivers are served in arrival order
r0:A r1:B r2:C
-- a receiver cancelled as its value arrives: the value goes back
receiver cancelled
int(1)
string(8) "precious"
-- bad input
Async\Channel::__construct(): Argument #1 ($capacity) must be between 0 and 2147483647
Cannot iterate channel by reference
bool(true)
bool(true)
bool(true)
