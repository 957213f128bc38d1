--TEST--
Userland: ThreadChannel (no threads on NTS) is a buffered FIFO between coroutines whose values are copied when sent: the receiver's arrays and objects are its own, an object shared within one value stays shared in the copy (cycles too), references become values
--FILE--
<?php
use Async\ThreadChannel;
use function Async\{spawn, await, delay};

class Node { public ?Node $next = null; public array $tags = []; public readonly int $id; public string $unset = 'x';
    public function __construct(int $id) { $this->id = $id; } }

$ch = new ThreadChannel(4);
var_dump($ch->capacity(), $ch instanceof Countable, count($ch));

// A copy: changing what was sent does not change what is received, and the other way round.
$a = new Node(1);
$a->tags = ['x'];
$ch->send($a);
$a->tags[] = 'changed after send';
$got = $ch->recv();
var_dump($got !== $a, $got->tags, $got->id);

// One object twice in a value, and a cycle: copied once, the shape kept.
$b = new Node(2);
$b->next = $b;
unset($b->unset);
$ch->send([$b, $b, 'n' => 5]);
[$x, $y] = $r = $ch->recv();
var_dump($x === $y, $x->next === $x, $x !== $b, $r['n'], isset($x->unset));
$b->next = $x->next = null; // no cycle left at the end (valgrind would see it as lost)

// A reference in an array arrives as a plain value.
$v = 1;
$ch->send(['r' => &$v]);
$got = $ch->recv();
$v = 2;
var_dump($got['r']);

// Enum cases stay the same object.
enum Suit { case Hearts; }
$ch->send(Suit::Hearts);
var_dump($ch->recv() === Suit::Hearts);

// A cycle left in the buffer when the channel goes is collected.
$c = new Node(3); $c->next = $c;
$ch->send($c);
unset($ch);
echo "collected: ", gc_collect_cycles() >= 1 ? "yes" : "no", "\n";
$c->next = null;

// Between coroutines: the sender waits while the channel is full, FIFO order.
$ch = new ThreadChannel(2);
$producer = spawn(function () use ($ch) {
    for ($i = 1; $i <= 5; $i++) { $ch->send($i); echo "sent $i\n"; }
    $ch->close();
});
delay(20);
echo "full: ", var_export($ch->isFull(), true), "\n";
$got = [];
while (true) {
    try { $got[] = $ch->recv(); } catch (Async\ThreadChannelException $e) { echo $e->getMessage(), "\n"; break; }
}
echo implode(',', $got), "\n";
await($producer);
echo "done\n";
?>
--EXPECT--
int(4)
bool(true)
int(0)
bool(true)
array(1) {
  [0]=>
  string(1) "x"
}
int(1)
bool(true)
bool(true)
bool(true)
int(5)
bool(false)
int(1)
bool(true)
collected: yes
sent 1
sent 2
full: true
sent 3
sent 4
sent 5
ThreadChannel is closed
1,2,3,4,5
done
