--TEST--
Hooks: phpredis (over PHP's tcp stream) inside coroutines: BLPOP with a timeout in N coroutines and commands through a slow server (a delaying proxy) overlap, a BLPOP wakes when another coroutine pushes, with the same results as outside coroutines
--EXTENSIONS--
igbinary
msgpack
redis
--SKIPIF--
<?php require __DIR__ . '/redis_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis_config.inc';
use function Async\{spawn, await, delay};

[$slow] = delay_proxy(redis_target(), 300);

// What one client does: four round trips.
function session(Redis $r, string $tag): array {
    return [$r->set("key-$tag", "value-$tag"), $r->get("key-$tag"), $r->mGet(["key-$tag", "missing-$tag"]), $r->del("key-$tag")];
}
$stock = [];
for ($i = 0; $i < 3; $i++) $stock[] = session(redis_client($slow), "s$i");
$n = redis_coroutines();
var_dump(redis_overlapped($n, 4 * 0.3, fn ($i) => session(redis_client($slow), "s$i"), $results));
var_dump(array_slice($results, 0, 3) === $stock);
echo json_encode($results[0]), "\n";

// BLPOP on empty lists: each waits its 1 s timeout, all at once; the same answer as stock.
$stock = redis_client()->blPop(['empty-list'], 1);
var_dump(redis_overlapped($n, 1, fn ($i) => redis_client()->blPop(["empty-$i"], 1), $results));
var_dump(array_unique(array_map('json_encode', $results)) === [json_encode($stock)]);

// A BLPOP wakes when another coroutine pushes.
$popper = spawn(fn () => redis_client()->blPop(['jobs'], 5));
delay(100);
$t = hrtime(true);
var_dump(redis_client()->rPush('jobs', 'job-1'));
var_dump(await($popper), (hrtime(true) - $t) / 1e9 < 1.0);
?>
--EXPECT--
bool(true)
bool(true)
[true,"value-s0",["value-s0",false],1]
bool(true)
bool(true)
int(1)
array(2) {
  [0]=>
  string(4) "jobs"
  [1]=>
  string(5) "job-1"
}
bool(true)
