--TEST--
Scheduler: a coroutine's VM stack starts in a small page on its C stack and grows into heap pages: deep recursion, suspending deep inside it, exceptions from deep frames, and the pages given back after
--FILE--
<?php
use function Async\{spawn, await, suspend, delay};

function down(int $depth, string $tag): int {
    $a = $b = $c = $depth; // locals, so each frame takes room
    if ($depth === 0) {
        suspend();          // suspended with thousands of frames on the VM stack
        delay(1);
        return 0;
    }
    return 1 + down($depth - 1, $tag) + ($a - $b) + ($c - $a);
}

function thrower(int $depth): void {
    if ($depth === 0) throw new RuntimeException("from the bottom");
    thrower($depth - 1);
}

// Warm-up, so the allocator's own bookkeeping does not count below.
await(spawn(fn() => down(3000, "warm")));

$before = memory_get_usage();
// Several coroutines deep at once, each on its own context, taking turns.
$cs = [];
foreach ([10, 500, 3000, 20000] as $depth) {
    $cs[] = spawn(fn() => down($depth, "d$depth"));
}
foreach ($cs as $c) var_dump(await($c));

// An exception thrown thousands of frames down reaches the awaiter with its trace.
try {
    await(spawn(fn() => thrower(2000)));
} catch (RuntimeException $e) {
    echo $e->getMessage(), ", trace frames: ", count($e->getTrace()) > 2000 ? "all" : count($e->getTrace()), "\n";
}
unset($e);

// The trace of a coroutine suspended deep down.
$deep = spawn(fn() => down(50, "trace"));
suspend();
$frames = array_filter($deep->getTrace(), fn($f) => ($f['function'] ?? '') === 'down');
echo "suspended coroutine shows ", count($frames), " frames of down()\n";
await($deep);

// Many short coroutines after them reuse the contexts and their first pages.
$sum = 0;
for ($i = 0; $i < 2000; $i++) $sum += await(spawn(fn() => down(2, "short")));
var_dump($sum);

unset($cs, $c, $deep, $frames);
gc_collect_cycles();
echo "heap given back: ", memory_get_usage() - $before < 64 * 1024 ? "yes" : "no, " . (memory_get_usage() - $before), "\n";
// A suspended coroutine takes no VM page from the heap (a Fiber takes 16 KiB): its closure, its
// object and its timer only. (Not measurable with the system allocator, under valgrind.)
$zend_mm = getenv('USE_ZEND_ALLOC') !== '0';
$m0 = memory_get_usage();
$waiting = [];
for ($i = 0; $i < 1000; $i++) $waiting[] = spawn(fn() => delay(10));
suspend(); // they all start and wait
$per = (memory_get_usage() - $m0) / 1000;
echo "heap per suspended coroutine under 2.5 KB: ", !$zend_mm || $per < 2500 ? "yes" : "no, $per", "\n";
foreach ($waiting as $w) await($w);
?>
--EXPECT--
int(10)
int(500)
int(3000)
int(20000)
from the bottom, trace frames: all
suspended coroutine shows 51 frames of down()
int(4000)
heap given back: yes
heap per suspended coroutine under 2.5 KB: yes
