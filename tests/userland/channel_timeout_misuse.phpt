--TEST--
Channel timeouts: bad arguments, timers disarmed when the waiters leave (served, token, cancel), reasons of other closes
--FILE--
<?php
use Async\{Channel, ChannelException, ChannelCloseReason};
use function Async\{spawn, await, delay, timeout, suspend};

echo "-- bad arguments\n";
foreach ([[0, -1], [0, 0, -1], [-1, 10], [0, PHP_INT_MIN, 0]] as $args) {
    try { new Channel(...$args); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
}
try { new Channel(0, "soon"); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
try { new Channel(noConsumerTimeout: 5, hardTimeouts: true, noProducerTimeout: 7, capacity: 1, extra: 1); } catch (Error $e) { echo $e->getMessage(), "\n"; }
$named = new Channel(noConsumerTimeout: 5, hardTimeouts: true);
var_dump($named->capacity());

echo "-- constructing again while coroutines wait is refused\n";
$ch = new Channel(0, 1000, 0, true);
$waiting = spawn(function () use ($ch) { try { $ch->recv(); } catch (ChannelException $e) { return $e->getMessage(); } });
suspend();
try { $ch->__construct(0, 1); } catch (Error $e) { echo $e->getMessage(), "\n"; }
$ch->close();
echo await($waiting), "\n";

echo "-- a receiver served before the timeout: the timer stops\n";
$ch = new Channel(0, 400, 0, true);
spawn(function () use ($ch) { delay(10); $ch->send("in time"); });
echo $ch->recv(), "\n";
delay(500);
var_dump($ch->isClosed());

echo "-- a receiver leaving by its token: the timer stops\n";
$ch = new Channel(0, 400, 0, true);
try { $ch->recv(timeout(10)); } catch (Async\OperationCanceledException $e) { echo "token fired\n"; }
delay(500);
var_dump($ch->isClosed());

echo "-- a sender cancelled while waiting: the timer stops\n";
$ch = new Channel(0, 0, 400, true);
$sender = spawn(function () use ($ch) { $ch->send("never"); });
suspend();
$sender->cancel();
try { await($sender); } catch (Async\AsyncCancellation $e) { echo "sender cancelled\n"; }
delay(500);
var_dump($ch->isClosed());

echo "-- soft timers of a cancelled waiter are gone too: a later deadlock closes only the channel still waited on\n";
$ch = new Channel(0, 60000, 0);
$r = spawn(fn() => $ch->recv());
suspend();
$r->cancel();
try { await($r); } catch (Async\AsyncCancellation $e) { echo "receiver cancelled\n"; }
$other = new Channel(0, 60000, 0);
try { $other->recv(); } catch (ChannelException $e) { echo "other: ", $e->reason->name, "\n"; }
var_dump($ch->isClosed());

echo "-- reasons\n";
$ch = new Channel();
$ch->close();
try { $ch->recv(); } catch (ChannelException $e) { var_dump($e->reason); }
var_dump((new ChannelException("made by hand"))->reason);
echo implode(", ", array_map(fn($c) => "$c->name=$c->value", ChannelCloseReason::cases())), "\n";
var_dump(ChannelCloseReason::from("deadlock") === ChannelCloseReason::DEADLOCK);
?>
--EXPECT--
-- bad arguments
Async\Channel::__construct(): Argument #2 ($noProducerTimeout) must be greater than or equal to 0
Async\Channel::__construct(): Argument #3 ($noConsumerTimeout) must be greater than or equal to 0
Async\Channel::__construct(): Argument #1 ($capacity) must be between 0 and 2147483647
Async\Channel::__construct(): Argument #2 ($noProducerTimeout) must be greater than or equal to 0
Async\Channel::__construct(): Argument #2 ($noProducerTimeout) must be of type int, string given
Unknown named parameter $extra
int(0)
-- constructing again while coroutines wait is refused
Cannot construct a Channel again while coroutines wait on it
Channel is closed
-- a receiver served before the timeout: the timer stops
in time
bool(false)
-- a receiver leaving by its token: the timer stops
token fired
bool(false)
-- a sender cancelled while waiting: the timer stops
sender cancelled
bool(false)
-- soft timers of a cancelled waiter are gone too: a later deadlock closes only the channel still waited on
receiver cancelled
other: DEADLOCK
bool(false)
-- reasons
enum(Async\ChannelCloseReason::EXPLICIT)
NULL
EXPLICIT=explicit, DISPOSED=disposed, NO_PRODUCERS=no_producers, NO_CONSUMERS=no_consumers, DEADLOCK=deadlock, SCOPE_DISPOSED=scope_disposed
bool(true)
