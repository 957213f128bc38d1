--TEST--
Channel: cancel() of a safe scope (Scope::inherit() of the main scope, or allowZombies()) closes the scope's channels with SCOPE_DISPOSED; its blocked coroutines get the ChannelException and go on as zombies (not cancelled); another scope's channel stays open
--EXTENSIONS--
async
--FILE--
<?php
use Async\{Scope, Channel, ChannelException};
use function Async\{delay, await, spawn};

$a = Scope::inherit();
$b = (new Scope())->allowZombies();
$chA = null;
$chB = null;
$made = spawn(function () use ($a, $b, &$chA, &$chB) {
	await($a->spawn(function () use (&$chA) { $chA = new Channel(); }));
	await($b->spawn(function () use (&$chB) { $chB = new Channel(1); }));
});
await($made);

$receivers = [];
foreach ([$a, $b] as $name => $scope) {
	$receivers[] = $scope->spawn(function () use (&$chA, $name) {
		try { $chA->recv(); return "no exception"; }
		catch (ChannelException $e) { delay(5); return "receiver $name: " . $e->reason->name . ", went on after it"; }
	});
}
delay(5);
$a->cancel();
echo await($receivers[0]), "\n";
var_dump($chA->isClosed(), $chB->isClosed());
$b->cancel();
var_dump($chB->isClosed());
try { $chB->send(1); } catch (ChannelException $e) { echo "send on b's channel: ", $e->reason->name, "\n"; }
echo await($receivers[1]), "\n";
?>
--EXPECT--
receiver 0: SCOPE_DISPOSED, went on after it
bool(true)
bool(false)
bool(true)
send on b's channel: SCOPE_DISPOSED
receiver 1: SCOPE_DISPOSED, went on after it
