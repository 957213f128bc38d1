--TEST--
Scope::inherit(): a child of the given scope or of the current one; getChildScopes(); a closed parent refuses children; bad arguments
--FILE--
<?php
use Async\Scope;
use function Async\{delay, await, timeout};

$parent = new Scope();
$a = Scope::inherit($parent);
$b = Scope::inherit($parent);
var_dump($parent->getChildScopes() === [$a, $b]);
var_dump($a->getChildScopes());

// Inside a coroutine of $a, inherit() without argument makes a child of $a.
$c = $a->spawn(function () use ($a) {
	$inner = Scope::inherit();
	echo "inner is a child of a: ", json_encode($a->getChildScopes() === [$inner]), "\n";
	return $inner;
});
$inner = await($c);

// A child scope that nobody holds any more leaves its parent's list.
unset($b);
echo "children of parent after unset(b): ", count($parent->getChildScopes()), "\n";

// The parent waits for its children's coroutines.
$inner->spawn(function () { delay(30); echo "coroutine of the grandchild scope done\n"; });
echo "parent finished: ", json_encode($parent->isFinished()), "\n";
$parent->awaitCompletion(timeout(2000));
echo "parent finished: ", json_encode($parent->isFinished()), "\n";

$parent->dispose();
try { Scope::inherit($parent); } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
echo "children disposed with it: ", json_encode($a->isClosed() && $inner->isClosed()), "\n";
try { Scope::inherit(new stdClass); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }
try { new Scope(1); } catch (ArgumentCountError $e) { echo $e->getMessage(), "\n"; }
try { clone $a; } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { serialize($a); } catch (Exception $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
array(0) {
}
inner is a child of a: true
children of parent after unset(b): 1
parent finished: false
coroutine of the grandchild scope done
parent finished: true
Error: Cannot create a child of a closed Scope: it was disposed
children disposed with it: true
Async\Scope::inherit(): Argument #1 ($parentScope) must be of type ?Async\Scope, stdClass given
Async\Scope::__construct() expects exactly 0 arguments, 1 given
Trying to clone an uncloneable object of class Async\Scope
Serialization of 'Async\Scope' is not allowed
