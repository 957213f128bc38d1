--TEST--
Output buffers per coroutine: many coroutines switching often each capture exactly their own output
--FILE--
<?php
use function Async\{spawn, await_all, suspend, delay};

$workers = [];
for ($i = 0; $i < 50; $i++) {
    $workers[] = spawn(function () use ($i) {
        ob_start();
        for ($j = 0; $j < 20; $j++) {
            echo "$i.$j;";
            if ($j % 3 == 0) suspend(); elseif ($j % 7 == 0) delay(1);
            if ($j == 10) { ob_start(); echo "nested $i"; suspend(); $nested = ob_get_clean(); if ($nested !== "nested $i") return "bad nested: $nested"; }
        }
        return ob_get_clean();
    });
}
[$results, $errors] = await_all($workers);
$bad = 0;
foreach ($results as $i => $out) {
    $expected = implode("", array_map(fn($j) => "$i.$j;", range(0, 19)));
    if ($out !== $expected) { $bad++; echo "coroutine $i got: $out\n"; }
}
echo count($results), " results, ", count($errors), " errors, $bad wrong\n";
var_dump(ob_get_level());
?>
--EXPECT--
50 results, 0 errors, 0 wrong
int(0)
