--TEST--
FutureState and Future: where the state was made and where it was completed (file and line, "unknown" before), and a second completion names the first, as upstream
--FILE--
<?php
use Async\{Future, FutureState};
use function Async\spawn;
$state = new FutureState();
$future = new Future($state); $future->ignore(); // only its locations are looked at
var_dump($state->getCreatedFileAndLine() === [__FILE__, 4], $future->getCreatedLocation() === __FILE__ . ':4');
var_dump($future->getCompletedFileAndLine(), $state->getCompletedLocation());
function finish(FutureState $s) {
    $s->complete('v');
}
finish($state);
var_dump($future->getCompletedFileAndLine() === [__FILE__, 9], $state->getCompletedLocation() === __FILE__ . ':9');
try { $state->complete(2); } catch (Async\AsyncException $e) { var_dump($e->getMessage() === 'FutureState is already completed at ' . __FILE__ . ':9'); }

$done = Future::completed(1)->ignore();
var_dump($done->getCreatedFileAndLine() === [__FILE__, 15], $done->getCompletedFileAndLine() === [__FILE__, 15]);
$failed = Future::failed(new Exception('x'));
var_dump($failed->getCompletedLocation() === __FILE__ . ':17');
$failed->ignore();

echo "-- completed in a coroutine: its line\n";
$s2 = new FutureState();
$c = spawn(function () use ($s2) {
    $s2->error(new RuntimeException('late'));
});
Async\await($c);
var_dump($s2->getCompletedFileAndLine() === [__FILE__, 24]);
$s2->ignore();
?>
--EXPECT--
bool(true)
bool(true)
array(2) {
  [0]=>
  NULL
  [1]=>
  int(0)
}
string(7) "unknown"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
-- completed in a coroutine: its line
bool(true)
