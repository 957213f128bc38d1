--TEST--
Scope safe mode (upstream's): new Scope() is not safe, Scope::inherit() of the main scope is, allowZombies()/asNotSafely() switch it and return the scope; cancel() of a safe scope cancels only what has not started (the rest goes on as zombies); a cancelled scope closes once empty (at once when it is empty already)
--EXTENSIONS--
async
--FILE--
<?php
use Async\{Scope, AsyncCancellation};
use function Async\{delay, suspend, await, timeout};

$s = new Scope();
var_dump($s->allowZombies() === $s, $s->asNotSafely() === $s);

// Empty: cancel() closes it at once.
$empty = new Scope();
$empty->cancel();
echo "empty after cancel: closed=", json_encode($empty->isClosed()), "\n";

// Safe: the started coroutine is not cancelled, the queued one is.
$safe = Scope::inherit();
$started = $safe->spawn(function () {
	try { suspend(); suspend(); delay(20); return "started one finished"; }
	catch (AsyncCancellation) { return "started one cancelled"; }
});
suspend();
$queued = $safe->spawn(fn() => "queued one ran");
$safe->cancel();
echo "safe: cancelled=", json_encode($safe->isCancelled()), " finished=", json_encode($safe->isFinished()),
	" closed=", json_encode($safe->isClosed()), "\n";
$safe->awaitAfterCancellation(null, timeout(2000));
echo await($started), "\n";
try { await($queued); } catch (AsyncCancellation $e) { echo "queued one: cancelled\n"; }
echo "safe, after its zombie: closed=", json_encode($safe->isClosed()), "\n";

// The same scope made not safe again: cancel() reaches the started coroutine.
$strict = Scope::inherit()->asNotSafely();
$victim = $strict->spawn(function () { try { delay(5000); } catch (AsyncCancellation $e) { return "strict: " . $e->getMessage(); } });
suspend();
$strict->cancel();
echo await($victim), "\n";

// And a new Scope() made safe by allowZombies().
$zombies = (new Scope())->allowZombies();
$z = $zombies->spawn(function () { delay(10); return "zombie went on"; });
suspend();
$zombies->cancel();
echo await($z), "\n";
?>
--EXPECT--
bool(true)
bool(true)
empty after cancel: closed=true
safe: cancelled=true finished=true closed=false
started one finished
queued one: cancelled
safe, after its zombie: closed=true
strict: The Scope was cancelled
zombie went on
