--TEST--
Channel: a value or slot given to a woken waiter is kept for it; if it is cancelled before it runs, the next waiter gets it (nothing lost, order kept)
--FILE--
<?php
use Async\Channel;
use function Async\{spawn, await, suspend};

function receiver(Channel $ch, string $name) {
    return spawn(function () use ($ch, $name) {
        try { $v = $ch->recv(); echo "$name got $v\n"; }
        catch (Async\AsyncCancellation) { echo "$name cancelled\n"; }
    });
}
function sender(Channel $ch, string $name, $value) {
    return spawn(function () use ($ch, $name, $value) {
        try { $ch->send($value); echo "$name sent $value\n"; }
        catch (Async\AsyncCancellation) { echo "$name cancelled\n"; }
    });
}

foreach ([1, 0] as $capacity) {
    echo "-- capacity $capacity: the woken receiver is cancelled, the value goes to the oldest one left\n";
    $ch = new Channel($capacity);
    $r1 = receiver($ch, "r1"); suspend();
    $r2 = receiver($ch, "r2"); suspend();
    $r3 = receiver($ch, "r3"); suspend();
    $s = sender($ch, "s", "first"); suspend();   // r1 is woken for it; s is told it went
    $r1->cancel();
    await($r2);
    $ch->send("second");
    await($r3);
    await($s);
    var_dump(count($ch));

    echo "-- capacity $capacity: the only woken receiver is cancelled: the value is free again\n";
    $ch = new Channel($capacity);
    $r1 = receiver($ch, "r1"); suspend();
    $s = sender($ch, "s", "kept"); suspend();
    $r1->cancel();
    await($r1);
    await($s);
    var_dump(count($ch), $ch->recv(), count($ch));
}

echo "-- a value kept for a woken receiver is not free for recv(), sendAsync() or foreach\n";
$ch = new Channel(1);
$r1 = receiver($ch, "r1"); suspend();
$ch->send("for r1");
var_dump(count($ch), $ch->isFull(), $ch->sendAsync("no room"));
$feeder = spawn(fn() => $ch->send("for main"));
foreach ($ch as $v) { echo "main got $v\n"; break; }
await($r1); await($feeder);

echo "-- a woken sender is cancelled: its slot goes to the next sender, in arrival order\n";
$ch = new Channel(1);
$ch->send("fill");
$s1 = sender($ch, "s1", "a"); suspend();
$s2 = sender($ch, "s2", "b"); suspend();
$s3 = sender($ch, "s3", "c"); suspend();
echo "took ", $ch->recv(), "\n";          // frees the slot for s1, which has not run
var_dump($ch->isFull(), $ch->sendAsync("barge"));
$s1->cancel();
await($s2);
echo "took ", $ch->recv(), "\n";
await($s3);
echo "took ", $ch->recv(), "\n";
var_dump(count($ch));

echo "-- capacity 0: a sender still waiting for a receiver is cancelled: its value goes with it\n";
$ch = new Channel(0);
$s = sender($ch, "s", "X"); suspend();
var_dump(count($ch), $ch->isFull());
$s->cancel();
await($s);
var_dump(count($ch), $ch->isEmpty());
$later = sender($ch, "later", "Y"); suspend();
echo "main got ", $ch->recv(), "\n";
await($later);

echo "-- capacity 0: close() takes back an undelivered value, keeps a delivered one\n";
$ch = new Channel(0);
$s = spawn(function () use ($ch) {
    try { $ch->send("undelivered"); } catch (Async\ChannelException $e) { echo "sender: ", $e->getMessage(), "\n"; }
});
suspend();
$ch->close();
await($s);
var_dump(count($ch));
$ch = new Channel(0);
$r1 = receiver($ch, "r1"); suspend();
$s = sender($ch, "s", "delivered"); suspend();
$r1->cancel(); await($r1); await($s);
$ch->close();
echo "after close: ", $ch->recv(), "\n";

echo "-- close() leaves a woken receiver its value and fails the one still waiting\n";
$ch = new Channel(2);
$r1 = spawn(fn() => $ch->recv()); suspend();
$r2 = spawn(function () use ($ch) { try { return $ch->recv(); } catch (Async\ChannelException $e) { return $e->getMessage(); } });
suspend();
$ch->send("promised");
$ch->close();
var_dump(await($r1), await($r2));

echo "-- capacity 0: the slot a delivery frees is kept for the sender already waiting\n";
$ch = new Channel(0);
$s1 = sender($ch, "s1", "first"); suspend();
$s2 = sender($ch, "s2", "second"); suspend();
echo "main got ", $ch->recv(), "\n";
var_dump($ch->sendAsync("barge"));
$r = receiver($ch, "r");
await($s1); await($s2); await($r);

echo "-- many receivers, half cancelled at random after their wake-up: every value arrives once, in order\n";
mt_srand(14);
$ch = new Channel(3);
$received = [];
$receivers = [];
for ($i = 0; $i < 40; $i++) {
    $receivers[] = spawn(function () use ($ch, &$received) {
        try { while (true) $received[] = $ch->recv(); }
        catch (Async\AsyncCancellation) {}
        catch (Async\ChannelException) {}
    });
}
suspend();
$victims = $receivers;
shuffle($victims);
$victims = array_slice($victims, 0, 30);   // 10 stay to the end
for ($n = 0; $n < 200; $n++) {
    while (!$ch->sendAsync($n)) suspend();
    // Values were just given to waiting receivers, which have not run: cancel one of them now and then.
    if ($victims && mt_rand(0, 2) == 0) array_pop($victims)->cancel();
    if (mt_rand(0, 3) == 0) suspend();
}
while (count($ch) > 0) suspend();
$ch->close();
foreach ($receivers as $r) await($r);
var_dump(count($received), $received === range(0, 199));
?>
--EXPECT--
-- capacity 1: the woken receiver is cancelled, the value goes to the oldest one left
s sent first
r1 cancelled
r2 got first
r3 got second
int(0)
-- capacity 1: the only woken receiver is cancelled: the value is free again
s sent kept
r1 cancelled
int(1)
string(4) "kept"
int(0)
-- capacity 0: the woken receiver is cancelled, the value goes to the oldest one left
s sent first
r1 cancelled
r2 got first
r3 got second
int(0)
-- capacity 0: the only woken receiver is cancelled: the value is free again
s sent kept
r1 cancelled
int(1)
string(4) "kept"
int(0)
-- a value kept for a woken receiver is not free for recv(), sendAsync() or foreach
int(1)
bool(true)
bool(false)
r1 got for r1
main got for main
-- a woken sender is cancelled: its slot goes to the next sender, in arrival order
took fill
bool(false)
bool(false)
s1 cancelled
s2 sent b
took b
s3 sent c
took c
int(0)
-- capacity 0: a sender still waiting for a receiver is cancelled: its value goes with it
int(1)
bool(true)
s cancelled
int(0)
bool(true)
main got Y
later sent Y
-- capacity 0: close() takes back an undelivered value, keeps a delivered one
sender: Channel is closed
int(0)
s sent delivered
r1 cancelled
after close: delivered
-- close() leaves a woken receiver its value and fails the one still waiting
string(8) "promised"
string(17) "Channel is closed"
-- capacity 0: the slot a delivery frees is kept for the sender already waiting
main got first
bool(false)
s1 sent first
r got second
s2 sent second
-- many receivers, half cancelled at random after their wake-up: every value arrives once, in order
int(200)
bool(true)
