--TEST--
Scheduler: deep recursion in a coroutine ends in PHP's "Maximum call stack size" Error for the coroutine's own C stack (async.fiber_stack_size less zend.reserved_stack_size), not a crash; each context keeps its limit across switches, and the main script keeps zend.max_allowed_stack_size's
--SKIPIF--
<?php
if (PHP_VERSION_ID < 80300) die('skip PHP 8.2 has no C stack limit (zend.max_allowed_stack_size and its Error came in PHP 8.3)');
?>
--INI--
zend.max_allowed_stack_size=512K
zend.reserved_stack_size=64K
async.fiber_stack_size=1M
fiber.stack_size=256K
--FILE--
<?php
use function Async\{spawn, await, delay};

// Each level goes through array_map(), an internal function that calls back into the VM: that
// recursion is on the C stack (a PHP function calling itself directly is not).
function down(int $n, ?callable $at = null): array {
    global $depth;
    $depth = $n;
    if ($at !== null && $n === 200) {
        $at();
    }
    return array_map(fn($m) => down($m, $at), [$n + 1]);
}

function probe(string $where, ?callable $at = null): int {
    global $depth;
    try {
        down(0, $at);
        echo "$where: no error\n";
    } catch (Error $e) {
        echo "$where: ", $e->getMessage(), "\n";
    }
    return $depth;
}

$main = probe("main");
$coroutine = await(spawn(fn() => probe("coroutine")));
echo "a coroutine's 1M stack goes deeper than main's 512K: ", $coroutine > $main * 1.5 ? "yes" : "no ($coroutine, $main)", "\n";
// The same (pooled) context again.
await(spawn(fn() => probe("coroutine, its context reused")));

// One coroutine suspends 200 levels down while another recurses to its limit, then goes on.
$a = spawn(fn() => probe("coroutine suspended at depth 200", fn() => delay(20)));
$b = spawn(fn() => probe("coroutine meanwhile"));
// (Depths are not compared exactly: with OPcache's JIT a level may take another amount of stack
// once the function is compiled.)
$depths = [await($a), await($b)];
echo "both went deeper than main: ", min($depths) > $main * 1.5 ? "yes" : "no (" . implode(", ", $depths) . "; $main)", "\n";

// A Fiber inside a coroutine has its own limit (fiber.stack_size); back in the coroutine, the
// coroutine's applies again.
await(spawn(function () {
    $fiber = new Fiber(fn() => probe("Fiber in a coroutine"));
    $fiber->start();
    probe("coroutine after its Fiber");
}));

probe("main again");
?>
--EXPECT--
main: Maximum call stack size of 458752 bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
coroutine: Maximum call stack size of 983040 bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
a coroutine's 1M stack goes deeper than main's 512K: yes
coroutine, its context reused: Maximum call stack size of 983040 bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
coroutine meanwhile: Maximum call stack size of 983040 bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
coroutine suspended at depth 200: Maximum call stack size of 983040 bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
both went deeper than main: yes
Fiber in a coroutine: Maximum call stack size of 196608 bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
coroutine after its Fiber: Maximum call stack size of 983040 bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
main again: Maximum call stack size of 458752 bytes (zend.max_allowed_stack_size - zend.reserved_stack_size) reached. Infinite recursion?
