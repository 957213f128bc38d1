--TEST--
Future: upstream's warnings for a Future never used and for an unhandled error; what counts as using and handling; finally() chaining the source's error; getAwaitingInfo()
--FILE--
<?php
use Async\{Future, FutureState};
use function Async\{spawn, await, await_all, await_any_or_fail, delay};

echo "-- never used: warned when it goes, with where it was made\n";
(function () { $s = new FutureState(); $f = new Future($s); $s->complete(1); })();
echo "-- used: awaited, chained, waited on by await_*, a cancellation token, or ignored\n";
(function () {
    $a = Future::completed(1); $a->await();
    $b = Future::completed(2); await($b);
    $c = Future::completed(3); $c->map(fn($v) => $v)->ignore();
    $s = new FutureState(); $d = new Future($s);
    spawn(function () use ($s) { delay(5); $s->complete(4); });
    await_all([$d]);
    $t = new FutureState(); $token = new Future($t);
    await(spawn(fn() => 5), $token);
    $t->complete(null);
    (new FutureState())->ignore();
    Future::completed(6)->ignore();
    // A token handed to an operation that completes at once, without waiting on it.
    $ch = new Async\Channel(1);
    $ch->send(7, new Future(new FutureState()));
    $ch->recv(new Future(new FutureState()));
    $done = spawn(fn() => 8);
    await($done);
    await($done, new Future(new FutureState()));
    await_all([$done], new Future(new FutureState()));
})();
echo "nothing reported\n";

echo "-- an error nobody handled: warned with where it was made and completed\n";
(function () {
    $s = new FutureState();
    $f = new Future($s);
    $f->finally(fn() => null)->ignore(); // used, but finally() does not handle the error
    $s->error(new RuntimeException("unhandled"));
    delay(5);
})();
echo "-- handled: awaited, caught, cancelled\n";
(function () {
    $f = Future::failed(new RuntimeException("a"));
    try { $f->await(); } catch (RuntimeException $e) {}
    Future::failed(new RuntimeException("b"))->catch(fn() => null)->ignore();
    $s = new FutureState(); $g = new Future($s);
    spawn(fn() => $s->error(new RuntimeException("c")));
    [$r, $errors] = await_all([$g]);
    $h = new Future(new FutureState()); $h->cancel();
    delay(5);
})();
echo "nothing reported\n";

echo "-- a finally() handler that throws on a failed source chains the source's error\n";
$s = new FutureState();
$d = (new Future($s))->finally(function () { throw new LogicException("in finally"); });
$s->error(new RuntimeException("source"));
try { await($d); } catch (LogicException $e) {
    echo $e->getMessage(), " <- ", get_class($e->getPrevious()), ": ", $e->getPrevious()->getMessage(), "\n";
}

echo "-- getAwaitingInfo()\n";
$s = new FutureState();
$f = new Future($s);
var_dump($f->getAwaitingInfo());
$s->complete(1);
var_dump($f->getAwaitingInfo());
$f->ignore();
echo "end\n";
?>
--EXPECTF--
-- never used: warned when it goes, with where it was made

Warning: Future was never used; call await(), map(), catch(), finally() or ignore() to suppress this warning. Created at %sfuture_warnings.php:6 in %s on line 6
-- used: awaited, chained, waited on by await_*, a cancellation token, or ignored
nothing reported
-- an error nobody handled: warned with where it was made and completed

Warning: Unhandled exception in Future: unhandled; use catch() or ignore() to handle. Created at %sfuture_warnings.php:33, completed at %sfuture_warnings.php:36 in %s on line %d
-- handled: awaited, caught, cancelled
nothing reported
-- a finally() handler that throws on a failed source chains the source's error
in finally <- RuntimeException: source
-- getAwaitingInfo()
array(1) {
  [0]=>
  string(20) "FutureState(pending)"
}
array(1) {
  [0]=>
  string(22) "FutureState(completed)"
}
end
