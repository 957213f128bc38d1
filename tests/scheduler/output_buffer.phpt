--TEST--
Output buffers per coroutine: interleaved ob_start/ob_get_clean never see each other's output; levels, status and nesting are per coroutine
--FILE--
<?php
use function Async\{spawn, await, delay, suspend};

echo "-- interleaved coroutines, each with its own buffer\n";
$capture = function (string $name, int $ms) {
    ob_start();
    echo "$name:1 ";
    suspend();
    echo "$name:2 ";
    delay($ms);
    echo "$name:3";
    return ob_get_clean();
};
$a = spawn($capture, "a", 20);
$b = spawn($capture, "b", 5);
$c = spawn(function () { echo "c writes without a buffer\n"; suspend(); echo "c again\n"; });
var_dump(await($a), await($b));
await($c);

echo "-- the main script's buffer does not take a coroutine's output\n";
ob_start();
echo "main ";
await(spawn(function () { echo "(coroutine output, straight out)\n"; }));
echo "main again";
$main = ob_get_clean();
var_dump($main);

echo "-- levels and status are per coroutine\n";
ob_start();
ob_start();
$levels = await(spawn(function () {
    $before = ob_get_level();
    ob_start();
    suspend();
    $inside = ob_get_level();
    $status = array_column(ob_get_status(true), 'level');
    ob_end_clean();
    return [$before, $inside, $status];
}));
$mainLevel = ob_get_level();
ob_end_clean();
ob_end_clean();
var_dump($levels, $mainLevel);

echo "-- nested buffers in a coroutine, suspended in the middle\n";
$nested = spawn(function () {
    ob_start();
    echo "outer-";
    ob_start();
    echo "inner";
    delay(5);
    $inner = ob_get_clean();
    echo "after-inner";
    delay(5);
    return [$inner, ob_get_clean()];
});
$noise = spawn(function () { for ($i = 0; $i < 3; $i++) { echo "[noise $i]\n"; delay(2); } });
$result = await($nested);
await($noise); // its lines are out before the result, whatever the timing
var_dump($result);

echo "-- ob_get_contents, ob_clean, ob_get_length, ob_flush into the coroutine's next buffer\n";
var_dump(await(spawn(function () {
    ob_start();
    ob_start();
    echo "dropped";
    suspend();
    ob_clean();
    echo "kept";
    $length = ob_get_length();
    ob_end_flush();
    suspend();
    return [$length, ob_get_clean()];
})));

echo "-- a handler that suspends: other coroutines use their own buffers meanwhile\n";
$a = spawn(function () {
    ob_start(function ($s) { delay(5); return "<" . $s . ">"; });
    echo "a-data";
    ob_end_flush();
    echo "\n";
});
$b = spawn(function () { ob_start(); echo "b runs while the handler of a waits"; $x = ob_get_clean(); echo "[$x]\n"; });
await($a);
await($b);

echo "-- functions without a buffer fail as in PHP\n";
await(spawn(function () { var_dump(ob_get_level(), ob_get_clean(), ob_end_flush()); }));
?>
--EXPECTF--
-- interleaved coroutines, each with its own buffer
c writes without a buffer
c again
string(11) "a:1 a:2 a:3"
string(11) "b:1 b:2 b:3"
-- the main script's buffer does not take a coroutine's output
(coroutine output, straight out)
string(15) "main main again"
-- levels and status are per coroutine
array(3) {
  [0]=>
  int(0)
  [1]=>
  int(1)
  [2]=>
  array(1) {
    [0]=>
    int(0)
  }
}
int(2)
-- nested buffers in a coroutine, suspended in the middle
[noise 0]
[noise 1]
[noise 2]
array(2) {
  [0]=>
  string(5) "inner"
  [1]=>
  string(17) "outer-after-inner"
}
-- ob_get_contents, ob_clean, ob_get_length, ob_flush into the coroutine's next buffer
array(2) {
  [0]=>
  int(4)
  [1]=>
  string(4) "kept"
}
-- a handler that suspends: other coroutines use their own buffers meanwhile
[b runs while the handler of a waits]
<a-data>
-- functions without a buffer fail as in PHP

Notice: ob_end_flush(): Failed to delete and flush buffer. No buffer to delete or flush in %s on line %d
int(0)
bool(false)
bool(false)
