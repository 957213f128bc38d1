--TEST--
Scheduler: suspend() goes to the back of the queue (FIFO); alone it just continues
--FILE--
<?php
use function Async\{spawn, await, suspend};
suspend(); // nothing else: continues at once
$log = [];
$x = spawn(function () use (&$log) { $log[] = "x1"; suspend(); $log[] = "x2"; suspend(); $log[] = "x3"; });
$y = spawn(function () use (&$log) { $log[] = "y1"; suspend(); $log[] = "y2"; });
$log[] = "main";
await($x);
await($y);
echo implode(",", $log), "\n";
?>
--EXPECT--
main,x1,y1,x2,y2,x3
