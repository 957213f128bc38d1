--TEST--
Library hooks: a coroutine cancelled in the middle of a memcached get, multi-get or set ends with the cancellation itself and the Memcached object stays usable; one coroutine at a time per libmemcached handle (also objects sharing a persistent id)
--EXTENSIONS--
igbinary
msgpack
memcached
--SKIPIF--
<?php require __DIR__ . '/memcached_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/memcached_config.inc';
use function Async\{spawn, await, delay};

[$stuck] = delay_proxy(memcached_target(), 2000);
$direct = (int) getenv('ASYNC_TEST_MEMCACHED_PORT');
memcached_client($direct)->set('k', 'value');

function cancel_after(int $ms, Closure $operation): string {
    $coroutine = spawn(function () use ($operation) {
        try {
            return 'not cancelled: ' . json_encode($operation());
        } catch (Exception $e) {
            return 'caught ' . get_class($e);
        }
    });
    delay($ms);
    $t = hrtime(true);
    $coroutine->cancel();
    try {
        $what = await($coroutine);
    } catch (Async\AsyncCancellation $e) {
        $what = get_class($e);
    }
    return $what . (((hrtime(true) - $t) / 1e9) < 1.0 ? ', at once' : ', late');
}

$m = memcached_client($stuck);
// A call cancelled while libmemcached still connects (under valgrind the name look-up on the
// thread pool can take that long) counts for libmemcached as a failed connect, after which it
// skips the server for OPT_RETRY_TIMEOUT (2 s), as after any failed connect: not waited for here.
$m->setOption(Memcached::OPT_RETRY_TIMEOUT, 0);
echo 'get: ', cancel_after(200, fn () => $m->get('k')), "\n";
echo 'getMulti: ', cancel_after(200, fn () => $m->getMulti(['k', 'other'])), "\n";
echo 'set: ', cancel_after(200, fn () => $m->set('k2', 'v')), "\n";
// The same object still works (through the slow proxy: one round trip).
var_dump(await(spawn(fn () => $m->get('k'))), $m->getResultMessage());
var_dump($m->get('k'));

// Another coroutine's call on an object in use is an Error; its own callbacks may use it.
$first = spawn(fn () => $m->get('k'));
$second = spawn(function () use ($m) {
    delay(100);
    try { return $m->set('k', 'x'); } catch (Error $e) { return $e->getMessage(); }
});
var_dump(await($first), await($second));
// Objects with one persistent id share one handle: the same rule.
$a = memcached_client($stuck, 'shared');
$b = memcached_client($stuck, 'shared');
$first = spawn(fn () => $a->get('k'));
$second = spawn(function () use ($b) {
    delay(100);
    try { return $b->get('k'); } catch (Error $e) { return $e->getMessage(); }
});
var_dump(await($first), await($second));
// A fetch() callback runs in the coroutine that holds the handle: it may use it.
$c = memcached_client($direct);
var_dump(await(spawn(function () use ($c) {
    $c->getDelayed(['k'], false, function ($memc, $item) use (&$seen) { $seen = [$item['value'], $memc->get('k')]; });
    return $seen;
})));
?>
--EXPECT--
get: Async\AsyncCancellation, at once
getMulti: Async\AsyncCancellation, at once
set: Async\AsyncCancellation, at once
string(5) "value"
string(7) "SUCCESS"
string(5) "value"
string(5) "value"
string(112) "Another coroutine is using this Memcached connection; use one Memcached object (and persistent id) per coroutine"
string(5) "value"
string(112) "Another coroutine is using this Memcached connection; use one Memcached object (and persistent id) per coroutine"
array(2) {
  [0]=>
  string(5) "value"
  [1]=>
  string(5) "value"
}
