--TEST--
protect(): a cancellation during the closure is deferred until it returns, then delivered; the result comes back otherwise
--FILE--
<?php
use function Async\{spawn, await, delay, protect, suspend};
$c = spawn(function () {
    $r = protect(function () {
        delay(30);
        echo "protected part finished, cancellation requested: ",
            var_export(Async\current_coroutine()->isCancellationRequested(), true), "\n";
        return 1;
    });
    echo "not reached: $r\n";
});
suspend();
$c->cancel();
try { await($c); } catch (Async\AsyncCancellation $e) { echo "delivered after protect: ", $e->getMessage(), "\n"; }

var_dump(await(spawn(fn() => protect(fn() => "plain result"))));
// nested protect: delivered only when the outermost returns
$n = spawn(function () {
    protect(function () { protect(fn() => delay(20)); echo "inner returned, still protected\n"; delay(10); });
    echo "not reached\n";
});
suspend();
$n->cancel();
try { await($n); } catch (Async\AsyncCancellation $e) { echo "nested: delivered at the end\n"; }
// exceptions go through
try { protect(function () { throw new LogicException("inside protect"); }); } catch (LogicException $e) { echo $e->getMessage(), "\n"; }
try { protect('strlen'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
protected part finished, cancellation requested: true
delivered after protect: The coroutine was cancelled
string(12) "plain result"
inner returned, still protected
nested: delivered at the end
inside protect
Async\protect(): Argument #1 ($closure) must be of type Closure, string given
