--TEST--
Reactor timers count from the moment they start, not from when the loop last ran (no early fire after busy code)
--FILE--
<?php
Async\delay(1); // the loop has run: its clock is now
$busy = hrtime(true);
while (hrtime(true) - $busy < 300e6) {
	// 300 ms of PHP code without entering the loop
}
$start = hrtime(true);
Async\delay(200);
$elapsed = (hrtime(true) - $start) / 1e6;
echo $elapsed >= 199 ? "waited the full delay\n" : "fired early after $elapsed ms\n";
?>
--EXPECT--
waited the full delay
