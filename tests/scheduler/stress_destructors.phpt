--TEST--
Stress: coroutines whose arguments, results, scopes and finally handlers hold objects whose destructors spawn, wait, cancel, throw and block, in random order (three seeds): no crash, hang, leak or fatal error
--FILE--
<?php
// Random operations (seeded); what is checked is that it ends, and cleanly (valgrind run).
use function Async\{spawn, await, delay, suspend, timeout, await_all, current_coroutine};
$all = [];
class D {
    function __destruct() {
        global $all;
        try {
            switch (mt_rand(0, 6)) {
                case 0: delay(1); break;
                case 1: if (count($all) < 150) $all[] = spawn(fn() => new D()); break;
                case 2: current_coroutine(); break;
                case 3: if ($all) $all[array_rand($all)]->cancel(); break;
                case 4: throw new RuntimeException("from a destructor");
                case 5: suspend(); break;
                case 6: usleep(100); break;
            }
        } catch (Async\AsyncCancellation $e) { } catch (Error $e) { } catch (RuntimeException $e) { }
    }
}
function work() {
    global $all;
    $keep = new D();
    for ($k = 0, $n = mt_rand(1, 4); $k < $n; $k++) {
        switch (mt_rand(0, 6)) {
            case 0: delay(mt_rand(0, 2)); break;
            case 1: if (count($all) < 150) { $c = spawn(fn($o) => new D(), new D()); if (mt_rand(0, 1)) $c->cancel(); $all[] = $c; } break;
            case 2: if (count($all) < 150) { $s = new Async\Scope(); $x = new D(); $s->setExceptionHandler(function () use ($x) {}); $all[] = $s->spawn(fn() => new D()); if (mt_rand(0,1)) $s->disposeAfterTimeout(mt_rand(0, 2)); } break;
            case 3: if ($all) { $c = $all[array_rand($all)]; if ($c !== current_coroutine()) try { await($c, timeout(2)); } catch (Throwable $e) {} } break;
            case 4: suspend(); break;
            case 5: if (count($all) < 150) $all[] = spawn('work'); break;
            case 6: $c = spawn(fn() => new D()); $c->finally(function () { new D(); delay(1); }); if (mt_rand(0,1)) $c->cancel(); break;
        }
    }
    return new D();
}
foreach ([1, 2, 3] as $seed) {
    mt_srand($seed);
    $all = [];
    for ($i = 0; $i < 20; $i++) $all[] = spawn('work');
    try { await_all($all, timeout(3000)); } catch (Throwable $e) { echo get_class($e), "\n"; }
    echo "seed $seed done: ", count($all) >= 20 ? "ok" : "too few", "\n";
}
?>
--EXPECTF--
%Aseed 1 done: ok
%Aseed 2 done: ok
%Aseed 3 done: ok
