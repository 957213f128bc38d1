--TEST--
Coroutine::getAwaitingInfo(): what a suspended coroutine waits for, one description per event (a coroutine, a channel, a timer, several at once); [] when queued, running, ended or after a plain suspend()
--INI--
pcre.jit=0
--FILE--
<?php
use Async\Channel;
use function Async\{spawn, await, await_any_or_fail, suspend, delay, current_coroutine};

$ch = new Channel();
$target = spawn(fn() => $ch->recv());
$waiter = spawn(fn() => await($target));
$sleeper = spawn(fn() => delay(50));
$yielder = spawn(function () { suspend(); suspend(); });
$both = spawn(fn() => await_any_or_fail([$target, $sleeper]));

echo "queued: ", json_encode($waiter->getAwaitingInfo()), "\n";
spawn(fn() => print("running: " . json_encode(current_coroutine()->getAwaitingInfo()) . "\n"));
suspend();

foreach (["target" => $target, "waiter" => $waiter, "yielder" => $yielder, "both" => $both] as $name => $c) {
    echo $name, ": ";
    foreach ($c->getAwaitingInfo() as $info) {
        echo "[", preg_replace('~ \(spawned at .*?:\d+\)~', ' (spawned at FILE:LINE)', $info), "]";
    }
    echo "\n";
}
echo "sleeper: ", count($sleeper->getAwaitingInfo()), " event(s)\n";
$ch->send("x");
await($waiter);
await($both);
echo "ended: ", json_encode($target->getAwaitingInfo()), "\n";
?>
--EXPECTF--
queued: []
running: []
target: [a Channel recv]
waiter: [coroutine #2 (spawned at FILE:LINE)]
yielder: 
both: [coroutine #2 (spawned at FILE:LINE)][coroutine #4 (spawned at FILE:LINE)]
sleeper: 1 event(s)
ended: []
