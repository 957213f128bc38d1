--TEST--
Scheduler: misuse gives clear errors: awaiting itself, bad arguments, new Coroutine, a negative delay
--FILE--
<?php
use function Async\{spawn, await, delay, current_coroutine};
$s = spawn(function () { try { await(current_coroutine()); } catch (Error $e) { return $e->getMessage(); } });
var_dump(await($s));
try { await(current_coroutine()); } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { delay(-1); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
try { spawn('no_such_function'); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
try { await(new stdClass); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
try { new Async\Coroutine(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
$c = spawn(fn() => 1);
try { clone $c; } catch (Error $e) { echo $e->getMessage(), "\n"; }
await($c);
?>
--EXPECT--
string(31) "A coroutine cannot await itself"
A coroutine cannot await itself
Async\delay(): Argument #1 ($ms) must be greater than or equal to 0
Async\spawn(): Argument #1 ($task) must be a valid callback, function "no_such_function" not found or invalid function name
Async\await(): Argument #1 ($awaitable) must be of type Async\Completable, stdClass given
Call to private Async\Coroutine::__construct() from global scope
Trying to clone an uncloneable object of class Async\Coroutine
