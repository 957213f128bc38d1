--TEST--
Scheduler: an exception thrown by a destructor that a coroutine's end or the scheduler ran is reported as a warning and does not surface in the coroutine that runs next; exit() there ends the application as from a coroutine (others' finally blocks run, the status is kept)
--FILE--
<?php
use function Async\{spawn, await, delay};

class Thrower { function __construct(public string $name) {} function __destruct() { throw new RuntimeException("{$this->name} threw"); } }
class Quitter { function __destruct() { echo "exit from a destructor\n"; exit(3); } }

// The result of a coroutine nobody holds: its destructor throws as the coroutine ends.
spawn(fn() => new Thrower("result's destructor"));
// The argument of a coroutine cancelled before it started, released by the scheduler.
$c = spawn(fn($a) => 1, new Thrower("argument's destructor"));
$c->cancel();
unset($c);
// The coroutine that runs next is not disturbed.
$next = spawn(function () { delay(1); return "the next coroutine ran normally"; });
echo await($next), "\n";

// exit() in a destructor as a coroutine ends: the application ends, gracefully.
$sleeper = spawn(function () {
    try { delay(10000); } finally { echo "the sleeper's finally runs\n"; }
});
spawn(fn() => new Quitter());
delay(1000);
echo "not reached\n";
?>
--EXPECTF--
Warning: Uncaught RuntimeException: result's destructor threw in %s:%d
Stack trace:
#0 [internal function]: Thrower->__destruct()
#1 {main}
  thrown in %s on line %d

Warning: Uncaught RuntimeException: argument's destructor threw in %s:%d
Stack trace:
#0 [internal function]: Thrower->__destruct()
#1 {main}
  thrown in %s on line %d
the next coroutine ran normally
exit from a destructor
the sleeper's finally runs
