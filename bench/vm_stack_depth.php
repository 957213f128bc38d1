<?php
// The price of a small first VM stack page: a coroutine's first VM page is 1.5 KB on its C stack
// (a suspended coroutine then touches one page of memory instead of two); a call that crosses its
// end makes the VM allocate a page and free it on return. This runs the same loop of calls at each
// nesting depth on the main script, in a Fiber and in a coroutine, and prints ns per call.
// Run: php -n -d extension_dir=out/ext -d extension=async bench/vm_stack_depth.php
use function Async\{spawn, await};

function leaf($a, $b) { $x = $a + $b; $y = $x * 2; return $y - $a; }
function loop($n) { $s = 0; for ($i = 0; $i < $n; $i++) $s += leaf($i, 1); return $s; }
function nest($d, $n) { $pad1 = $pad2 = $pad3 = $pad4 = $pad5 = 0; return $d == 0 ? loop($n) : nest($d - 1, $n); }
function best(callable $run, int $n): float {
    $best = INF;
    for ($r = 0; $r < 3; $r++) { $t = hrtime(true); $run(); $best = min($best, (hrtime(true) - $t) / $n); }
    return $best;
}

$n = 300000;
printf("%-6s %12s %12s %12s %16s\n", "depth", "main ns", "Fiber ns", "coroutine ns", "coroutine/Fiber");
for ($d = 0; $d <= 8; $d++) {
    $main = best(fn() => nest($d, $n), $n);
    $fiber = best(function () use ($d, $n) { $f = new Fiber(fn() => nest($d, $n)); $f->start(); }, $n);
    $co = best(fn() => await(spawn(fn() => nest($d, $n))), $n);
    printf("%-6d %12.1f %12.1f %12.1f %15.2fx\n", $d, $main, $fiber, $co, $co / $fiber);
}
