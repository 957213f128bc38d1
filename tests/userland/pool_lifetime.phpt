--TEST--
Pool: the last reference going closes it (idle resources destroyed, a lent one stays valid for its holder), destructor failures in close() are all kept, a waiter nobody can serve is a deadlock naming the Pool
--FILE--
<?php
use Async\Pool;
use function Async\spawn;

echo "-- dropped while a resource is lent out\n";
function make_pool(): Pool {
    return new Pool(
        factory: function () { static $n = 0; $o = new stdClass; $o->id = ++$n; return $o; },
        destructor: function ($r) { echo "destroyed {$r->id}\n"; },
        min: 2,
    );
}
$pool = make_pool();
$lent = $pool->acquire();
unset($pool);
echo "lent {$lent->id} still usable\n";

echo "-- every destructor runs; the first failure is thrown, the others are its previous\n";
$p = new Pool(
    factory: function () { static $n = 0; return ++$n; },
    destructor: function ($r) { echo "destructor $r\n"; throw new RuntimeException("close $r failed"); },
    min: 3,
);
try {
    $p->close();
} catch (RuntimeException $e) {
    for ($x = $e; $x; $x = $x->getPrevious()) echo get_class($x), ": ", $x->getMessage(), "\n";
}
var_dump($p->count());

echo "-- a waiter nobody can serve\n";
$last = new Pool(fn() => 'r', max: 1);
$held = $last->acquire();
spawn(function () use ($last) { $last->acquire(); });
?>
--EXPECTF--
-- dropped while a resource is lent out
destroyed 2
lent 1 still usable
-- every destructor runs; the first failure is thrown, the others are its previous
destructor 1
destructor 2
destructor 3
RuntimeException: close 1 failed
RuntimeException: close 2 failed
RuntimeException: close 3 failed
int(0)
-- a waiter nobody can serve

Fatal error: Uncaught Async\DeadlockError: Deadlock detected: no active coroutines, %d coroutines in waiting
  coroutine #%d (spawned at %s:%d) suspended at %s:%d, waiting for a Pool acquire in %s
%A
