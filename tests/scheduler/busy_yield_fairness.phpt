--TEST--
Scheduler: coroutines looping on bare suspend() do not starve timers (the reactor polls between runs)
--FILE--
<?php
use function Async\{spawn, suspend, delay, await};

$done = false;
$timer = spawn(function () use (&$done) {
	delay(50);
	$done = true;
});
$spin = function () use (&$done) {
	$start = hrtime(true);
	while (!$done && hrtime(true) - $start < 20e9) {
		suspend();
	}
	return $done ? "timer fired while spinning" : "starved";
};
$spinners = [spawn($spin), spawn($spin), spawn($spin)];
foreach ($spinners as $spinner) {
	echo await($spinner), "\n";
}
await($timer);
?>
--EXPECT--
timer fired while spinning
timer fired while spinning
timer fired while spinning
