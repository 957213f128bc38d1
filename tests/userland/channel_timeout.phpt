--TEST--
Channel timeouts (hard): no producer / no consumer closes the channel with a reason; values handed over start the count again
--FILE--
<?php
use Async\{Channel, ChannelException, ChannelCloseReason};
use function Async\{spawn, await, delay};

function elapsed_ms(float $since): float { return (microtime(true) - $since) * 1000; }

echo "-- no producer: a lone receiver is woken after the timeout (a hard timer keeps the application alive)\n";
$ch = new Channel(0, 50, 0, true);
$t = microtime(true);
try { $ch->recv(); } catch (ChannelException $e) {
    echo $e->getMessage(), "\n";
    var_dump($e->reason === ChannelCloseReason::NO_PRODUCERS, elapsed_ms($t) >= 45);
}
var_dump($ch->isClosed());
try { $ch->send(1); } catch (ChannelException $e) { echo "send after: ", $e->reason->name, ": ", $e->getMessage(), "\n"; }

echo "-- no consumer: waiting senders get the exception, all of them\n";
$ch = new Channel(1, 0, 50, true);
$ch->send("buffered");
$senders = [];
foreach (["a", "b"] as $v) {
    $senders[] = spawn(function () use ($ch, $v) {
        try { $ch->send($v); return "sent $v"; } catch (ChannelException $e) { return "$v: " . $e->reason->name; }
    });
}
foreach ($senders as $s) echo await($s), "\n";
echo "what was buffered still drains: ", $ch->recv(), "\n";
try { $ch->recv(); } catch (ChannelException $e) { echo "then: ", $e->reason->name, "\n"; }

echo "-- several receivers all woken by the no-producer timeout\n";
$ch = new Channel(0, 40, 0, true);
$receivers = [];
for ($i = 0; $i < 3; $i++) {
    $receivers[] = spawn(function () use ($ch, $i) {
        try { return $ch->recv(); } catch (ChannelException $e) { return "receiver $i: " . $e->reason->value; }
    });
}
foreach ($receivers as $r) echo await($r), "\n";

echo "-- each value handed over starts the count again\n";
$ch = new Channel(0, 300, 0, true);
$producer = spawn(function () use ($ch) { for ($i = 1; $i <= 4; $i++) { delay(100); $ch->send($i); } });
$t = microtime(true);
$got = [];
try { while (true) $got[] = $ch->recv(); } catch (ChannelException $e) { echo "ended by ", $e->reason->name, "\n"; }
echo implode(",", $got), "\n";
var_dump(elapsed_ms($t) >= 680); // 4 x 100 ms of sending, then 300 ms without
await($producer);

echo "-- a sender relieved by a receiver starts the no-consumer count again\n";
$ch = new Channel(0, 0, 300, true);
$consumer = spawn(function () use ($ch) { for ($i = 0; $i < 3; $i++) { delay(100); echo "took ", $ch->recv(), "\n"; } });
try { for ($i = 1; ; $i++) $ch->send($i); } catch (ChannelException $e) { echo "sender stopped by ", $e->reason->name, " at $i\n"; }
await($consumer);

echo "-- foreach over a channel: the no-producer timeout that closes it while the loop waits propagates\n";
$ch = new Channel(2, 50, 0, true);
$ch->send("x");
$ch->send("y");
try {
    foreach ($ch as $v) echo "foreach got $v\n";
} catch (ChannelException $e) { echo "foreach: ", $e->reason->name, "\n"; }
var_dump($ch->isClosed());
echo "-- foreach over a channel closed already just ends\n";
foreach ($ch as $v) echo "never\n";
echo "ended\n";
?>
--EXPECT--
-- no producer: a lone receiver is woken after the timeout (a hard timer keeps the application alive)
Channel is closed: receivers waited 50 ms and no value was sent
bool(true)
bool(true)
bool(true)
send after: NO_PRODUCERS: Channel is closed: receivers waited 50 ms and no value was sent
-- no consumer: waiting senders get the exception, all of them
a: NO_CONSUMERS
b: NO_CONSUMERS
what was buffered still drains: buffered
then: NO_CONSUMERS
-- several receivers all woken by the no-producer timeout
receiver 0: no_producers
receiver 1: no_producers
receiver 2: no_producers
-- each value handed over starts the count again
ended by NO_PRODUCERS
1,2,3,4
bool(true)
-- a sender relieved by a receiver starts the no-consumer count again
took 1
took 2
took 3
sender stopped by NO_CONSUMERS at 4
-- foreach over a channel: the no-producer timeout that closes it while the loop waits propagates
foreach got x
foreach got y
foreach: NO_PRODUCERS
bool(true)
-- foreach over a channel closed already just ends
ended
