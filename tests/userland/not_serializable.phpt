--TEST--
Userland: Coroutine, Timeout, Future, FutureState, Channel and Scope cannot be serialized or unserialized (an unserialized one would be an object nobody made: a coroutine never scheduled, a Future with no state)
--FILE--
<?php
use function Async\{spawn, await, timeout};
$state = new Async\FutureState();
$state->ignore();
$objects = [spawn(fn() => 1), timeout(1000), $state, new Async\Future($state), new Async\Channel(1), new Async\Scope()];
foreach ($objects as $object) {
    $class = get_class($object);
    try { serialize($object); echo "$class serialized\n"; } catch (Exception $e) { echo $e->getMessage(), "\n"; }
    try { unserialize('O:' . strlen($class) . ':"' . $class . '":0:{}'); echo "$class unserialized\n"; } catch (Exception $e) { echo $e->getMessage(), "\n"; }
}
await($objects[0]);
$objects[1]->cancel();
?>
--EXPECT--
Serialization of 'Async\Coroutine' is not allowed
Unserialization of 'Async\Coroutine' is not allowed
Serialization of 'Async\Timeout' is not allowed
Unserialization of 'Async\Timeout' is not allowed
Serialization of 'Async\FutureState' is not allowed
Unserialization of 'Async\FutureState' is not allowed
Serialization of 'Async\Future' is not allowed
Unserialization of 'Async\Future' is not allowed
Serialization of 'Async\Channel' is not allowed
Unserialization of 'Async\Channel' is not allowed
Serialization of 'Async\Scope' is not allowed
Unserialization of 'Async\Scope' is not allowed
