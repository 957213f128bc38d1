--TEST--
Coroutine::getTrace(): where a suspended coroutine is, in debug_backtrace() format; null when not suspended. async.fiber_stack_size sets the coroutine C stack
--INI--
async.fiber_stack_size=256K
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
var_dump(ini_get('async.fiber_stack_size'));
// a recursion that needs a deeper C stack than most, on the configured stack
$deep = Async\spawn(function () { $f = function ($n) use (&$f) { return $n ? array_map($f, [$n - 1])[0] + 1 : 0; }; return $f(200); });
var_dump(Async\await($deep));
gc_collect_cycles(); // $f holds itself: a cycle for the GC
?>
--EXPECT--
Async\delay at line 2
inner at line 3
outer at line 4
{closure} at line -
int(2)
NULL
NULL
NULL
string(4) "256K"
int(200)
