--TEST--
async.fiber_stack_size sets the C stack of coroutine contexts; a recursion through internal calls runs on it
--SKIPIF--
<?php
// valgrind takes a switch between two nearby 256K stacks for one huge frame (it assumes a stack
// switch only beyond 2 MB) and reports false uninitialised reads; the default size is checked there.
if (getenv('USE_ZEND_ALLOC') === '0') die('skip small stacks confuse valgrind');
?>
--INI--
async.fiber_stack_size=256K
--FILE--
<?php
var_dump(ini_get('async.fiber_stack_size'));
$deep = Async\spawn(function () {
    $f = function ($n) use (&$f) { return $n ? array_map($f, [$n - 1])[0] + 1 : 0; };
    $r = $f(200);
    unset($f); // it held itself
    return $r;
});
var_dump(Async\await($deep));
?>
--EXPECT--
string(4) "256K"
int(200)
