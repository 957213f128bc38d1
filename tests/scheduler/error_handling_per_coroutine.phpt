--TEST--
Scheduler: an error handling mode an internal function sets around a call (EH_THROW, as PDO's constructor) stays with the coroutine that suspends inside it: others' warnings stay warnings, even under @, and two such calls that end in either order leave the normal mode
--EXTENSIONS--
async_test
--FILE--
<?php
use function Async\{spawn, await_all, suspend};

class AException extends Exception {}
class BException extends Exception {}

$step = 0;
function wait_for_step(int $n): void {
    while ($GLOBALS['step'] < $n) {
        suspend();
    }
}
function warn(string $who): void {
    try {
        $r = file_get_contents('/nonexistent/' . $who);
        echo "$who: a warning, no exception\n";
    } catch (Throwable $e) {
        echo "$who: ", get_class($e), "\n";
    }
}

// A enters first and leaves first: B's call began while A's mode was set, so without the mode
// kept per coroutine B would put A's back when it ends.
$a = spawn(fn() => async_test_call_throwing_warnings(AException::class, function () {
    wait_for_step(1);
    warn('A inside its call');
    $GLOBALS['step'] = 2;
    return 'A done';
}));
$b = spawn(fn() => async_test_call_throwing_warnings(BException::class, function () {
    wait_for_step(3);
    warn('B inside its call');
    return 'B done';
}));
$c = spawn(function () {
    suspend(); // A and B are inside their calls now
    warn('C while A and B wait');
    try {
        $r = @file_get_contents('/nonexistent/c');
        echo "C under @: ", var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo "C under @: ", get_class($e), "\n";
    }
    $GLOBALS['step'] = 1;
    wait_for_step(2);
    warn('C while B waits');
    $GLOBALS['step'] = 3;
});
[$results, $errors] = await_all([$a, $b, $c]);
var_dump($results[0], $results[1], $errors);
warn('main after both');
await_all([spawn(fn() => warn('a new coroutine'))]);
?>
--EXPECTF--
Warning: file_get_contents(/nonexistent/C while A and B wait): Failed to open stream: No such file or directory in %s on line %d
C while A and B wait: a warning, no exception
C under @: false
A inside its call: AException

Warning: file_get_contents(/nonexistent/C while B waits): Failed to open stream: No such file or directory in %s on line %d
C while B waits: a warning, no exception
B inside its call: BException
string(6) "A done"
string(6) "B done"
array(0) {
}

Warning: file_get_contents(/nonexistent/main after both): Failed to open stream: No such file or directory in %s on line %d
main after both: a warning, no exception

Warning: file_get_contents(/nonexistent/a new coroutine): Failed to open stream: No such file or directory in %s on line %d
a new coroutine: a warning, no exception
