--TEST--
Scope through the engine API: the scheduler registers new_scope; ZEND_ASYNC_NEW_SCOPE() gives a Scope the caller owns, ZEND_ASYNC_SPAWN_WITH(scope) spawns in it
--FILE--
<?php
use function Async\timeout;

$r = async_test_scope_spawn();
var_dump($r['coroutine_in_scope'], $r['scope'] instanceof Async\Scope);
$scope = $r['scope'];
echo "finished before: ", json_encode($scope->isFinished()), "\n";
$scope->awaitCompletion(timeout(1000));
echo "finished after: ", json_encode($scope->isFinished()), "\n";
var_dump($scope->getChildScopes());
?>
--EXPECT--
bool(true)
bool(true)
finished before: false
internal coroutine runs in the new scope
finished after: true
array(0) {
}
