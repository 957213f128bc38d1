--TEST--
Scheduler: `@` and error_reporting stay with the coroutine that suspends inside them: the others (and coroutines it spawns there) run at the request's level, it is still silenced when it resumes
--FILE--
<?php
use function Async\{spawn, await, await_all, suspend};

function level(): string {
    return error_reporting() === E_ALL ? 'E_ALL' : (error_reporting() === (E_ALL & ~E_NOTICE) ? 'E_ALL & ~E_NOTICE' : (string) error_reporting());
}
$step = 0;
function wait_for_step(int $n): void {
    while ($GLOBALS['step'] < $n) {
        suspend();
    }
}

// A suspends inside a call made under `@`, and spawns a coroutine from there.
function waits_silenced(): int {
    $spawned = spawn(function () {
        echo "spawned under @: ", level(), "\n";
        trigger_error("from the coroutine spawned under @", E_USER_WARNING);
    });
    $GLOBALS['step'] = 1;
    wait_for_step(2);
    echo "A resumed: ", level(), "\n";
    trigger_error("A after it resumed (silenced)", E_USER_WARNING);
    await($spawned);
    echo "A after await: ", level(), "\n";
    return 1;
}
$a = spawn(function () {
    $r = @waits_silenced();
    echo "A after @: ", level(), "\n";
    return $r;
});
$b = spawn(function () {
    wait_for_step(1);
    echo "B while A waits under @: ", level(), "\n";
    trigger_error("B's warning", E_USER_WARNING);
    $GLOBALS['step'] = 2;
});
[$results, $errors] = await_all([$a, $b]);
var_dump($results[0], $errors);

// A hooked blocking call right under `@`: the sleeper is silenced, the others are not.
$c_sleeps = $d_done = false;
$c = spawn(function () use (&$c_sleeps, &$d_done) {
    $c_sleeps = true;
    @usleep(300000);
    echo "C after @usleep: ", level(), ", D ran meanwhile: ", var_export($d_done, true), "\n";
});
$d = spawn(function () use (&$c_sleeps, &$d_done) {
    while (!$c_sleeps) {
        suspend();
    }
    echo "D while C sleeps under @: ", level(), "\n";
    echo @$undefined_in_d, "D's own @ still works\n";
    $d_done = true;
});
await_all([$c, $d]);

// The main script suspends under `@`: the coroutines still run at the request's level.
function main_waits(): void {
    $e = spawn(function () { echo "E while main waits under @: ", level(), "\n"; });
    await($e);
    echo "main resumed: ", level(), "\n";
}
@main_waits();
echo "main after @: ", level(), "\n";

// error_reporting() sets the request's level: coroutines started after it see it; one already
// suspended keeps its own, as a Fiber does.
$g_waits = true;
$g = spawn(function () use (&$g_waits) {
    while ($g_waits) {
        suspend();
    }
    echo "G, suspended meanwhile: ", level(), "\n";
});
suspend(); // G starts and waits
error_reporting(E_ALL & ~E_NOTICE);
$g_waits = false;
await(spawn(fn() => print("F after error_reporting(): " . level() . "\n")));
await($g);
error_reporting(E_ALL);
?>
--EXPECTF--
B while A waits under @: E_ALL

Warning: B's warning in %s on line %d
spawned under @: E_ALL

Warning: from the coroutine spawned under @ in %s on line %d
A resumed: 4437
A after await: 4437
A after @: E_ALL
int(1)
array(0) {
}
D while C sleeps under @: E_ALL
D's own @ still works
C after @usleep: E_ALL, D ran meanwhile: true
E while main waits under @: E_ALL
main resumed: 4437
main after @: E_ALL
G, suspended meanwhile: E_ALL
F after error_reporting(): E_ALL & ~E_NOTICE
