--TEST--
Async\Context: bad keys, misses, duplicates, lifetimes (a Context outliving its Scope, values freed with their owner, cycles)
--FILE--
<?php
use Async\{Context, ContextException, Scope};
use function Async\{spawn, await, current_context, coroutine_context, root_context};

echo "-- bad keys on every method\n";
$ctx = coroutine_context();
foreach (['find', 'get', 'has', 'findLocal', 'getLocal', 'hasLocal', 'unset'] as $method) {
    foreach ([1, 1.5, true, null, []] as $bad) {
        try { $ctx->$method($bad); echo "$method: NOT THROWN\n"; }
        catch (TypeError $e) { if ($bad === 1) echo $e->getMessage(), "\n"; }
    }
}
try { $ctx->set(false, 1); } catch (TypeError $e) { echo $e->getMessage(), "\n"; }

echo "-- misses\n";
var_dump($ctx->find('nope'), $ctx->findLocal(new stdClass), $ctx->has('nope'));
foreach (['get', 'getLocal'] as $method) {
    try { $ctx->$method(new ArrayObject); } catch (ContextException $e) { echo "$method: ", $e->getMessage(), "\n"; }
}
echo "-- a duplicate is a ContextException, replace overwrites, null is a value\n";
$key = new stdClass;
var_dump($ctx->set($key, null) === $ctx);
var_dump($ctx->has($key), $ctx->get($key));
try { $ctx->set($key, 2); } catch (ContextException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
$ctx->set($key, 2, replace: true);
var_dump($ctx->get($key));
echo "-- string keys that look like numbers stay apart from nothing else\n";
$ctx->set('1', 'one');
var_dump($ctx->get('1'), $ctx->has('01'));
echo "-- unset of a missing key is no error and chains\n";
var_dump($ctx->unset('missing')->unset($key)->has($key));

echo "-- a coroutine's Context is its own: not seen by the coroutines it spawns\n";
coroutine_context()->set('mine', 1);
echo json_encode(await(spawn(fn() => coroutine_context()->find('mine')))), "\n";
echo "-- but the Scope's is\n";
current_context()->set('shared', 'S');
echo await(spawn(fn() => current_context()->get('shared'))), "\n";
var_dump(root_context() === current_context());

echo "-- new Context(): standalone\n";
$own = new Context;
var_dump($own->set('a', 1)->get('a'), $own->find('shared'));
try { clone $own; } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { serialize($own); } catch (Exception $e) { echo $e->getMessage(), "\n"; }

echo "-- a Context that outlives its Scope: local values stay, the parents are gone\n";
$scope = Scope::inherit();
$kept = await($scope->spawn(fn() => current_context()->set('local', 'L')));
$scope->dispose();
unset($scope);
var_dump($kept->get('local'), $kept->find('shared'));
unset($kept);

echo "-- values are freed with their owner\n";
class Noisy { function __construct(public string $name) {} function __destruct() { echo "freed {$this->name}\n"; } }
$co = spawn(function () { coroutine_context()->set('v', new Noisy('coroutine value')); });
await($co);
echo "coroutine ended\n";
unset($co);
echo "coroutine object gone\n";
$scope = Scope::inherit();
await($scope->spawn(function () { current_context()->set(new Noisy('scope key'), new Noisy('scope value')); }));
unset($scope);
echo "scope gone\n";

echo "-- a cycle through a Context is collected\n";
$co = spawn(function () {});
$co->getContext()->set('self', $co)->set('fn', fn() => $co);
await($co);
$co->getContext()->set('noisy', new Noisy('in a cycle'));
unset($co);
echo "before gc\n";
gc_collect_cycles();
echo "done\n";
?>
--EXPECT--
-- bad keys on every method
Async\Context::find(): Argument #1 ($key) must be of type string|object, int given
Async\Context::get(): Argument #1 ($key) must be of type string|object, int given
Async\Context::has(): Argument #1 ($key) must be of type string|object, int given
Async\Context::findLocal(): Argument #1 ($key) must be of type string|object, int given
Async\Context::getLocal(): Argument #1 ($key) must be of type string|object, int given
Async\Context::hasLocal(): Argument #1 ($key) must be of type string|object, int given
Async\Context::unset(): Argument #1 ($key) must be of type string|object, int given
Async\Context::set(): Argument #1 ($key) must be of type string|object, bool given
-- misses
NULL
NULL
bool(false)
get: Context key of type ArrayObject not found
getLocal: Context key of type ArrayObject not found
-- a duplicate is a ContextException, replace overwrites, null is a value
bool(true)
bool(true)
NULL
Async\ContextException: Context key already exists and replace is false
int(2)
-- string keys that look like numbers stay apart from nothing else
string(3) "one"
bool(false)
-- unset of a missing key is no error and chains
bool(false)
-- a coroutine's Context is its own: not seen by the coroutines it spawns
null
-- but the Scope's is
S
bool(true)
-- new Context(): standalone
int(1)
NULL
Trying to clone an uncloneable object of class Async\Context
Serialization of 'Async\Context' is not allowed
-- a Context that outlives its Scope: local values stay, the parents are gone
string(1) "L"
NULL
-- values are freed with their owner
coroutine ended
freed coroutine value
coroutine object gone
freed scope value
freed scope key
scope gone
-- a cycle through a Context is collected
before gc
freed in a cycle
done
