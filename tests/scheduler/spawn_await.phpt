--TEST--
Scheduler: spawn() runs after the spawner suspends; await() returns results in any order; arguments are passed
--FILE--
<?php
use function Async\{spawn, await, delay};
$a = spawn(function ($x) { echo "a starts with $x\n"; delay(30); echo "a ends\n"; return $x * 2; }, 21);
$b = spawn(function () { echo "b starts\n"; delay(10); echo "b ends\n"; return "b"; });
echo "main runs first\n";
var_dump(await($b), await($a));
// awaiting a completed coroutine again gives the same result without switching
var_dump(await($a));
$named = spawn(fn(int $x, int $y) => $x - $y, y: 1, x: 10);
var_dump(await($named));
var_dump(Async\engine_info()['scheduler']);
?>
--EXPECT--
main runs first
a starts with 21
b starts
b ends
a ends
string(1) "b"
int(42)
int(42)
int(9)
string(5) "async"
