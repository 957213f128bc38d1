--TEST--
Scheduler: a userland Fiber inside a coroutine works, and a coroutine may suspend inside it
--FILE--
<?php
use function Async\{spawn, await, delay};
$c = spawn(function () {
    $fiber = new Fiber(function () {
        $v = Fiber::suspend('first');
        delay(5); // the coroutine suspends while inside the Fiber
        return $v * 10;
    });
    $a = $fiber->start();
    $fiber->resume(7);
    return [$a, $fiber->getReturn()];
});
$other = spawn(fn() => "other ran meanwhile");
var_dump(await($c), await($other));
?>
--EXPECT--
array(2) {
  [0]=>
  string(5) "first"
  [1]=>
  int(70)
}
string(19) "other ran meanwhile"
