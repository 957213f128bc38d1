--TEST--
Output buffers left open when a coroutine ends are flushed (handlers called), whether it returns, throws or is cancelled
--FILE--
<?php
use function Async\{spawn, await, delay, suspend};

echo "-- returns with buffers open: flushed through their handlers, innermost first\n";
await(spawn(function () {
    ob_start(fn($s) => "<outer>" . $s . "</outer>\n");
    echo "outer text ";
    ob_start(fn($s) => strtoupper($s));
    echo "inner text";
    delay(1);
}));

echo "-- throws with a buffer open: flushed, then the exception goes on\n";
try {
    await(spawn(function () { ob_start(); echo "written before the throw\n"; suspend(); throw new RuntimeException("boom"); }));
} catch (RuntimeException $e) { echo "caught: ", $e->getMessage(), "\n"; }

echo "-- cancelled while suspended with a buffer open\n";
$c = spawn(function () { ob_start(); echo "written before the cancel\n"; delay(10000); });
suspend();
$c->cancel();
try { await($c); } catch (Async\AsyncCancellation $e) { echo "cancelled\n"; }

echo "-- a handler that throws while flushed at the end is reported as a warning (its input passes, as in PHP)\n";
await(spawn(function () { ob_start(function ($s) { throw new LogicException("handler failed"); }); echo "passed"; }));

echo "-- a coroutine ending with ob_get_clean() leaves nothing to flush\n";
var_dump(await(spawn(function () { ob_start(); echo "taken"; return ob_get_clean(); })));

echo "-- a buffer left open by a coroutine still running when the script ends\n";
spawn(function () { ob_start(); echo "flushed after the main script\n"; delay(5); });
echo "main script ends\n";
?>
--EXPECTF--
-- returns with buffers open: flushed through their handlers, innermost first
<outer>outer text INNER TEXT</outer>
-- throws with a buffer open: flushed, then the exception goes on
written before the throw
caught: boom
-- cancelled while suspended with a buffer open
written before the cancel
cancelled
-- a handler that throws while flushed at the end is reported as a warning (its input passes, as in PHP)
passed
Warning: Uncaught LogicException: handler failed in %s:%d
Stack trace:
#0 [internal function]: {closure%S}('passed', %d)
#1 {main}
  thrown in %s on line %d
-- a coroutine ending with ob_get_clean() leaves nothing to flush
string(5) "taken"
-- a buffer left open by a coroutine still running when the script ends
main script ends
flushed after the main script
