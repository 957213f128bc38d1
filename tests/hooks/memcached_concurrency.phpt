--TEST--
Library hooks: memcached (php-memcached over libmemcached) gets, sets, multi-gets and deletes of concurrent coroutines overlap through a slow server (a delaying proxy), with the same results as outside coroutines; persistent handles and name resolution too
--EXTENSIONS--
igbinary
msgpack
memcached
--SKIPIF--
<?php require __DIR__ . '/memcached_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/memcached_config.inc';
use function Async\{spawn, await};

[$slow] = delay_proxy(memcached_target(), (int) (MEMCACHED_DELAY * 1000));
$direct = (int) getenv('ASYNC_TEST_MEMCACHED_PORT');

// What one client does: four round trips through the slow proxy.
function session(Memcached $m, string $tag): array {
    $r = [];
    $r[] = $m->set("key-$tag", ['tag' => $tag, 'n' => strlen($tag)]);
    $r[] = $m->get("key-$tag");
    $r[] = $m->getMulti(["key-$tag", "missing-$tag"]);
    $r[] = $m->delete("key-$tag");
    $r[] = $m->getResultCode();
    return $r;
}

// Outside coroutines (stock PHP): the reference, one after another.
$stock = [];
for ($i = 0; $i < 3; $i++) $stock[] = session(memcached_client($slow), "s$i");

$n = memcached_coroutines();
var_dump(memcached_overlapped($n, 4, fn ($i) => session(memcached_client($slow), "s$i"), $results));
var_dump(array_slice($results, 0, 3) === $stock);
echo json_encode($results[0]), "\n";

// Increments of one counter from many coroutines all count (each its own connection).
memcached_client($direct)->set('counter', 0);
var_dump(memcached_overlapped($n, 1, fn () => memcached_client($slow)->increment('counter')));
var_dump(memcached_client($direct)->get('counter') === $n);

// Persistent handles: one per coroutine (each its own id) overlap as well.
var_dump(memcached_overlapped($n, 4, fn ($i) => session(memcached_client($slow, "pool-$i"), "p$i"), $results));
var_dump(count(array_filter($results, fn ($r) => $r[0] === true && $r[3] === true)) === $n);

// A host name: libmemcached resolves it on the thread pool inside a coroutine.
var_dump(await(spawn(fn () => session(memcached_client($direct, null, 'localhost'), 'h'))) === session(memcached_client($direct, null, 'localhost'), 'h'));
?>
--EXPECT--
bool(true)
bool(true)
[true,{"tag":"s0","n":2},{"key-s0":{"tag":"s0","n":2}},true,0]
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
