--TEST--
Coroutine::finally(): handlers run when it ends (result, exception or cancellation), in order; at once if it has ended; their exceptions are uncaught
--FILE--
<?php
use function Async\{spawn, await, delay, suspend};
$c = spawn(function () { delay(5); return "value"; });
$c->finally(function (Async\Coroutine $co) { echo "first handler: ", $co->getResult(), "\n"; });
$c->finally(function ($co) { echo "second handler, completed: ", json_encode($co->isCompleted()), "\n"; });
$value = await($c);
echo "awaited: $value\n";
$c->finally(fn($co) => print("added after the end: runs at once\n"));

$failing = spawn(fn() => throw new LogicException("boom"));
$failing->finally(fn($co) => print("handler sees: " . $co->getException()->getMessage() . "\n"));
try { await($failing); } catch (LogicException $e) { echo "await: ", $e->getMessage(), "\n"; }

$never = spawn(fn() => print("never runs\n"));
$never->finally(fn($co) => print("cancelled before start, handler still runs\n"));
$never->cancel();

$suspending = spawn(fn() => 1);
$suspending->finally(function () { delay(5); echo "a handler may suspend\n"; });
await($suspending);
try { $c->finally('strlen'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }

$bad = spawn(fn() => 1);
$bad->finally(function () { throw new RuntimeException("from handler one"); });
$bad->finally(function () { throw new RuntimeException("from handler two"); });
await($bad); // the handlers' exceptions end the application: main is cancelled here
echo "not reached\n";
?>
--EXPECTF--
first handler: value
second handler, completed: true
awaited: value
added after the end: runs at once
handler sees: boom
await: boom
cancelled before start, handler still runs
a handler may suspend
Async\Coroutine::finally(): Argument #1 ($callback) must be of type Closure, string given

Fatal error: Uncaught Async\CompositeException: Several finally handlers threw in %s
%A
