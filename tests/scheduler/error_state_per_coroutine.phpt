--TEST--
Scheduler: `@` and error_reporting stay with the coroutine that suspends inside them: the others (and coroutines it spawns there) run at the request's level, it is still silenced when it resumes
--FILE--
<?php
use function Async\{spawn, await, await_all, delay};

function level(): string {
    return error_reporting() === E_ALL ? 'E_ALL' : (error_reporting() === (E_ALL & ~E_NOTICE) ? 'E_ALL & ~E_NOTICE' : (string) error_reporting());
}

// Suspends inside a call made under `@`; spawns a coroutine from there.
function waits_silenced(): int {
    $spawned = spawn(function () {
        echo "spawned under @: ", level(), "\n";
        trigger_error("from the coroutine spawned under @", E_USER_WARNING);
    });
    delay(30);
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
    delay(10);
    echo "B while A waits under @: ", level(), "\n";
    trigger_error("B's warning", E_USER_WARNING);
});
// A hooked blocking call right under `@`: the sleeper is silenced, the others are not.
$c = spawn(function () {
    @usleep(20000);
    echo "C after @usleep: ", level(), "\n";
});
$d = spawn(function () {
    usleep(5000);
    echo "D while C sleeps under @: ", level(), "\n";
    echo @$undefined_in_d, "D's silenced notice stays silenced\n";
});
[$results, $errors] = await_all([$a, $b, $c, $d]);
var_dump($results[0], $errors);

// The main script suspends under `@`: the coroutines still run at the request's level.
function main_waits(): void {
    $e = spawn(function () { echo "E while main waits under @: ", level(), "\n"; });
    await($e);
    echo "main resumed: ", level(), "\n";
}
@main_waits();
echo "main after @: ", level(), "\n";

// error_reporting() sets the request's level: coroutines started after it see it.
error_reporting(E_ALL & ~E_NOTICE);
await(spawn(fn() => print("F after error_reporting(): " . level() . "\n")));
error_reporting(E_ALL);
?>
--EXPECTF--
spawned under @: E_ALL

Warning: from the coroutine spawned under @ in %s on line %d
D while C sleeps under @: E_ALL
D's silenced notice stays silenced
B while A waits under @: E_ALL

Warning: B's warning in %s on line %d
C after @usleep: E_ALL
A resumed: 4437
A after await: 4437
A after @: E_ALL
int(1)
array(0) {
}
E while main waits under @: E_ALL
main resumed: 4437
main after @: E_ALL
F after error_reporting(): E_ALL & ~E_NOTICE
