--TEST--
Coroutine::getTrace(): where a suspended coroutine is, in debug_backtrace() format; null when not suspended
--FILE--
<?php
function inner() { Async\delay(50); }
function outer($x) { inner(); }
$c = Async\spawn(function () { outer(1); });
Async\suspend();
foreach ($c->getTrace() as $frame) echo $frame['function'], " at line ", $frame['line'] ?? '-', "\n";
var_dump(count($c->getTrace(0, 2)));
var_dump(Async\current_coroutine()->getTrace());   // running, not suspended
$queued = Async\spawn(fn() => 1);
var_dump($queued->getTrace());                        // not started
Async\await($c);
var_dump($c->getTrace());                             // ended
?>
--EXPECTF--
Async\delay at line 2
inner at line 3
outer at line 4
{closure%S} at line -
int(2)
NULL
NULL
NULL
