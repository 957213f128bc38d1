--TEST--
Hooks: exec(), system(), passthru(), shell_exec() and backticks run commands without blocking other coroutines; output, results and errors as stock PHP
--FILE--
<?php
use function Async\{spawn, await, delay};

function probe(): array {
    $r = [];
    ob_start();
    $r[] = exec("echo one; echo 'two  '; printf 'three\t'", $lines, $code); $r[] = $lines; $r[] = $code;
    $lines = ["kept"];
    $r[] = exec("echo more", $lines); $r[] = $lines;
    $r[] = exec("true", $lines, $code); $r[] = $code;
    $r[] = exec("exit 7", $none, $code); $r[] = $none; $r[] = $code;
    $r[] = system("printf 'a\nb  \n'; exit 2", $code); $r[] = $code;
    $r[] = system("printf 'no newline'");
    $r[] = passthru("printf 'raw\\0bytes\n'; exit 4", $code); $r[] = $code;
    $r[] = shell_exec("true");
    $r[] = shell_exec("printf 'x\ny'");
    $r[] = `echo backtick`;
    $r[] = exec('kill -9 $$', $none, $code); $r[] = $code;
    $r[] = exec("no-such-command-xyz 2>/dev/null", $none, $code); $r[] = $code;
    $r[] = ob_get_clean();
    // An empty command: "cannot be empty" on PHP 8.2, "must not be empty" on 8.4, as stock PHP says.
    foreach (['exec', 'system', 'passthru', 'shell_exec'] as $f) {
        foreach (["", "echo a\0b", []] as $bad) {
            try { $r[] = $f($bad); } catch (Throwable $e) { $r[] = get_class($e) . ": " . $e->getMessage(); }
        }
    }
    return $r;
}

$stock = probe();
$hooked = await(spawn('probe'));
var_dump($stock === $hooked);
foreach ($hooked as $value) echo json_encode($value), "\n";

// The command suspends only its coroutine.
$order = [];
$a = spawn(function () use (&$order) { $order[] = "a starts"; $order[] = "a: " . shell_exec("sleep 0.2; echo done"); });
$b = spawn(function () use (&$order) { $order[] = "b runs"; });
await($a); await($b);
echo implode(", ", $order);

// Overlap: 5 commands of 1 s each, at once, take far less than 5 s.
foreach (['exec', 'system', 'passthru', 'shell_exec'] as $f) {
    $t = hrtime(true);
    $cs = [];
    for ($i = 0; $i < 5; $i++) $cs[] = spawn(fn() => $f("sleep 1"));
    foreach ($cs as $c) await($c);
    $elapsed = (hrtime(true) - $t) / 1e9;
    echo $f, ": ", json_encode($elapsed >= 0.9 && $elapsed < 3.5), "\n";
}

// A cancelled coroutine's command is killed.
$t = hrtime(true);
$c = spawn(fn() => exec("sleep 30"));
delay(50);
$c->cancel();
try { await($c); } catch (Async\AsyncCancellation $e) { echo "cancelled\n"; }
var_dump((hrtime(true) - $t) / 1e9 < 10);
?>
--EXPECTF--
bool(true)
"three"
["one","two","three"]
0
"more"
["kept","more"]
""
0
""
[]
7
"b"
2
"no newline"
null
4
null
"x\ny"
"backtick\n"
""
9
""
127
"a\nb  \nno newlineraw\u0000bytes\n"
"ValueError: exec(): Argument #1 ($command) %r(cannot|must not)%r be empty"
"ValueError: exec(): Argument #1 ($command) must not contain any null bytes"
"TypeError: exec(): Argument #1 ($command) must be of type string, array given"
"ValueError: system(): Argument #1 ($command) %r(cannot|must not)%r be empty"
"ValueError: system(): Argument #1 ($command) must not contain any null bytes"
"TypeError: system(): Argument #1 ($command) must be of type string, array given"
"ValueError: passthru(): Argument #1 ($command) %r(cannot|must not)%r be empty"
"ValueError: passthru(): Argument #1 ($command) must not contain any null bytes"
"TypeError: passthru(): Argument #1 ($command) must be of type string, array given"
"ValueError: shell_exec(): Argument #1 ($command) %r(cannot|must not)%r be empty"
"ValueError: shell_exec(): Argument #1 ($command) must not contain any null bytes"
"TypeError: shell_exec(): Argument #1 ($command) must be of type string, array given"
a starts, b runs, a: done
exec: true
system: true
passthru: true
shell_exec: true
cancelled
bool(true)
