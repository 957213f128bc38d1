--TEST--
Userland: ThreadChannel refuses what cannot be copied for another thread (a resource, dynamic properties, objects of C classes such as Closure, a reference cycle) before anything is buffered, a capacity out of range, a second construction; send/recv after close throw ThreadChannelException, recv drains first
--FILE--
<?php
use Async\{ThreadChannel, ThreadTransferException, ThreadChannelException};

function attempt(callable $f) {
    try { $r = $f(); echo "ok: ", var_export($r, true), "\n"; } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
attempt(fn() => new ThreadChannel(0));
attempt(fn() => new ThreadChannel(PHP_INT_MAX));
$ch = new ThreadChannel(2);
attempt(fn() => $ch->__construct(3));
attempt(fn() => $ch->send(STDIN));
attempt(fn() => $ch->send(['deep' => [fopen('php://memory', 'r')]]));
$o = new stdClass; $o->a = 1;
attempt(fn() => $ch->send($o));
attempt(fn() => $ch->send(new stdClass));
attempt(fn() => get_class($ch->recv()));
attempt(fn() => $ch->send(fn() => 1));
attempt(fn() => $ch->send(new ArrayObject([])));
class Holder { public $first = 1; public $inner; public $last = 2; }
$holder = new Holder(); $holder->inner = new Holder(); $holder->inner->inner = STDERR;
attempt(fn() => $ch->send([$holder, 'x']));
$cycle = []; $cycle['self'] = &$cycle;
attempt(fn() => $ch->send($cycle));
unset($cycle['self']);
attempt(fn() => count($ch));

$ch->send('left');
$ch->close();
$ch->close();
attempt(fn() => $ch->isClosed());
attempt(fn() => $ch->send(1));
attempt(fn() => $ch->recv());
attempt(fn() => $ch->recv());
attempt(fn() => clone $ch);
attempt(fn() => serialize($ch));
?>
--EXPECTF--
ValueError: Async\ThreadChannel::__construct(): Argument #1 ($capacity) must be between 1 and 2147483647
ValueError: Async\ThreadChannel::__construct(): Argument #1 ($capacity) must be between 1 and 2147483647
Error: Cannot construct a ThreadChannel twice
Error: Cannot transfer a resource between threads
Error: Cannot transfer a resource between threads
Async\ThreadTransferException: Cannot transfer object with dynamic properties between threads
ok: NULL
ok: 'stdClass'
Async\ThreadTransferException: Cannot transfer an object of class Closure between threads
Async\ThreadTransferException: Cannot transfer an object of class ArrayObject between threads
Error: Cannot transfer a resource between threads
Async\ThreadTransferException: Cannot transfer a value nested deeper than 512 levels between threads
ok: 0
ok: true
Async\ThreadChannelException: ThreadChannel is closed
ok: 'left'
Async\ThreadChannelException: ThreadChannel is closed
Error: Trying to clone an uncloneable object of class Async\ThreadChannel
Exception: Serialization of 'Async\ThreadChannel' is not allowed
