--TEST--
Future and FutureState: completed later by a producer, awaited by consumers; errors, cancel, ignore, bad use
--FILE--
<?php
use Async\{Future, FutureState};
use function Async\{spawn, await, delay, timeout, await_all};

$state = new FutureState();
$future = new Future($state);
$consumers = [];
for ($i = 0; $i < 3; $i++) $consumers[] = spawn(fn() => "consumer got " . await($future));
spawn(function () use ($state) { delay(10); $state->complete(42); });
foreach ($consumers as $c) echo await($c), "\n";
var_dump($future->isCompleted(), $state->isCompleted(), $future->await(), await($future));

echo "-- errors\n";
$s2 = new FutureState();
$f2 = new Future($s2);
spawn(fn() => $s2->error(new RuntimeException("producer failed")));
try { $f2->await(); } catch (RuntimeException $e) { echo "await: ", $e->getMessage(), "\n"; }
try { $s2->complete(1); } catch (Async\AsyncException $e) { echo $e->getMessage(), "\n"; }

echo "-- ready-made\n";
var_dump(Future::completed("done")->await());
try { Future::failed(new LogicException("made failed"))->await(); } catch (LogicException $e) { echo $e->getMessage(), "\n"; }
[$results, $errors] = await_all(['ok' => Future::completed(1), 'bad' => Future::failed(new Exception("x"))]);
var_dump($results, count($errors));

echo "-- cancel and tokens\n";
$s3 = new FutureState();
$f3 = new Future($s3);
try { $f3->await(timeout(10)); } catch (Async\OperationCanceledException $e) { echo "token fired\n"; }
$f3->cancel();
var_dump($f3->isCancelled(), $f3->isCompleted());
try { await($f3); } catch (Async\AsyncCancellation $e) { echo "await: ", $e->getMessage(), "\n"; }
$f3->cancel(); // nothing left to cancel

echo "-- an error nobody awaits is reported, unless ignored\n";
(function () { $s = new FutureState(); $f = new Future($s); $s->error(new DomainException("lost")); })();
(function () { $s = new FutureState(); $f = (new Future($s))->ignore(); $s->error(new DomainException("ignored")); })();

echo "-- bad use\n";
try { new Future(new stdClass); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
$f = (new Future(new FutureState()))->ignore();
$other = new FutureState();
$other->ignore();
try { $f->__construct($other); } catch (Error $e) { echo $e->getMessage(), "\n"; }
$s4 = new FutureState();
$s4->ignore();
$s4->complete();
try { $s4->error(new Exception("late")); } catch (Async\AsyncException $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECTF--
consumer got 42
consumer got 42
consumer got 42
bool(true)
bool(true)
int(42)
int(42)
-- errors
await: producer failed
FutureState is already completed at %s:16
-- ready-made
string(4) "done"
made failed
array(1) {
  ["ok"]=>
  int(1)
}
int(1)
-- cancel and tokens
token fired
bool(true)
bool(true)
await: Future has been cancelled
-- an error nobody awaits is reported, unless ignored

Warning: Future was never used; call await(), map(), catch(), finally() or ignore() to suppress this warning. Created at %sfuture.php:36 in %s on line 36

Warning: Unhandled exception in Future: lost; use catch() or ignore() to handle. Created at %sfuture.php:36, completed at %sfuture.php:36 in %s on line 36
-- bad use
Async\Future::__construct(): Argument #1 ($state) must be of type Async\FutureState, stdClass given
The Future is already constructed
FutureState is already completed at %s:47
