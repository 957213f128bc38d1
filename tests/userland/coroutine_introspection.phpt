--TEST--
Coroutine: getSpawnFileAndLine(), getSuspendFileAndLine(), asHiPriority() (moves a queued one to the head), getException() before the start (null) and while it runs (AsyncException), as upstream
--FILE--
<?php
use function Async\{spawn, suspend, await, current_coroutine};
echo "-- file and line\n";
$c = spawn(function () {
    suspend();
    return 1;
});
[$file, $line] = $c->getSpawnFileAndLine();
var_dump($file === __FILE__, $line, $c->getSuspendFileAndLine());
suspend();
var_dump($c->getSuspendFileAndLine() === [__FILE__, 5], $c->getSuspendLocation() === __FILE__ . ':5');
await($c);
var_dump($c->getSuspendFileAndLine());

echo "-- asHiPriority(): the last queued runs first, the others keep their order\n";
$order = [];
$a = spawn(function () use (&$order) { $order[] = 'a'; });
$b = spawn(function () use (&$order) { $order[] = 'b'; });
$d = spawn(function () use (&$order) { $order[] = 'd'; });
var_dump($d->asHiPriority() === $d);
await($a); await($b); await($d);
echo implode(',', $order), "\n";
var_dump($a->asHiPriority() === $a); // ended: nothing to move

echo "-- getException()\n";
$q = spawn(fn() => 1);
var_dump($q->getException());
$r = spawn(function () {
    try { current_coroutine()->getException(); } catch (Async\AsyncException $e) { return get_class($e) . ': ' . $e->getMessage(); }
});
var_dump(await($r));
?>
--EXPECT--
-- file and line
bool(true)
int(4)
array(2) {
  [0]=>
  NULL
  [1]=>
  int(0)
}
bool(true)
bool(true)
array(2) {
  [0]=>
  NULL
  [1]=>
  int(0)
}
-- asHiPriority(): the last queued runs first, the others keep their order
bool(true)
d,a,b
bool(true)
-- getException()
NULL
string(88) "Async\AsyncException: Cannot get the exception of a coroutine that has not completed yet"
