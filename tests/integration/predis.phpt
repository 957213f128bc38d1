--TEST--
Integration: Predis (over PHP's tcp streams) in coroutines against a redis-server of the test's own: N blocking BLPOPs overlap; values pushed by another coroutine reach the coroutine that waits for them; pipelines; MULTI/EXEC with WATCH from N coroutines adds up; pub/sub while other coroutines run; a Client shared by two coroutines at once: the second read is refused with an Error and the connection is out of step until disconnect()
--SKIPIF--
<?php require __DIR__ . '/skipif.inc';
if (!is_executable('/usr/bin/redis-server')) die('skip redis-server is not installed (scripts/integration.sh installs it)'); ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
use Predis\Client;
use function Async\{spawn, await, delay};

$port = integration_redis();
$n = integration_coroutines();
$make = fn () => new Client("tcp://127.0.0.1:$port");

// A client each: N x BLPOP with a 0.3 s timeout on empty lists.
$results = integration_run($n, fn ($i) => $make()->blpop(["empty:$i"], 0.3), $elapsed);
echo "blpop timeouts: ", json_encode(array_unique($results)), ', ', integration_overlap($n, 0.3, $elapsed), "\n";

// Consumers wait; a producer coroutine pushes to each after 300 ms.
$producer = spawn(function () use ($make, $n) {
    delay(300);
    $client = $make();
    for ($i = $n - 1; $i >= 0; $i--) {
        $client->rpush("queue:$i", ["job for $i"]);
    }
});
$results = integration_run($n, fn ($i) => $make()->blpop(["queue:$i"], 5)[1] === "job for $i", $elapsed);
await($producer);
echo "consumers: ", count(array_filter($results)), " of $n got their own job, ", integration_overlap($n, 0.3, $elapsed), "\n";

// Pipelines: 100 SETs and a 0.3 s BLPOP in one round trip, per coroutine.
$results = integration_run($n, function ($i) use ($make) {
    $replies = $make()->pipeline(function ($pipe) use ($i) {
        for ($k = 0; $k < 100; $k++) {
            $pipe->set("p:$i:$k", "$i-$k");
        }
        $pipe->blpop(["empty:p$i"], 0.3);
        $pipe->get("p:$i:99");
    });
    return count($replies) === 102 && end($replies) === "$i-99";
}, $elapsed);
echo "pipelines: ", count(array_filter($results)), " of $n right, ", integration_overlap($n, 0.3, $elapsed), "\n";

// Optimistic transactions on one counter: WATCH, read, a wait, MULTI/INCRBY/EXEC, retried when
// another coroutine's EXEC came first. Every increment lands exactly once.
$make()->set('counter', 0);
$results = integration_run($n, function ($i) use ($make) {
    $client = $make();
    for ($round = 0; $round < 3; $round++) {
        $client->transaction(['cas' => true, 'watch' => 'counter', 'retry' => 1000], function ($tx) use ($i) {
            $value = (int) $tx->get('counter');
            delay(5);
            $tx->multi();
            $tx->set('counter', $value + 1);
        });
    }
    return true;
});
echo "transactions: counter ", $make()->get('counter'), ' after ', 3 * $n, " increments\n";

// Pub/sub: a subscriber loop in one coroutine, publishers in others.
$subscriber = spawn(function () use ($make, $n) {
    $got = [];
    $loop = $make()->pubSubLoop();
    $loop->subscribe('news');
    foreach ($loop as $message) {
        if ($message->kind === 'message') {
            $got[] = $message->payload;
            if (count($got) === $n) {
                $loop->unsubscribe();
            }
        }
    }
    sort($got);
    return $got;
});
delay(100);
integration_run($n, function ($i) use ($make) {
    delay(10 * $i);
    return $make()->publish('news', "m$i");
});
echo "pub/sub: ", await($subscriber) == array_map(fn ($i) => "m$i", range(0, $n - 1)) ? "every message" : 'messages lost', "\n";

// One Client used by two coroutines at once: the second read on its connection is refused, but the
// second command was already written: its reply comes next, so the connection is out of step
// until it is closed (no runtime can tell a request/response protocol from a full-duplex one,
// where one coroutine writing while another reads is right). The guide: a Client per coroutine.
$shared = $make();
$shared->ping();
$first = spawn(fn () => $shared->blpop(['empty:shared'], 0.3));
$second = spawn(function () use ($shared) {
    delay(50);
    try {
        return $shared->get('counter');
    } catch (Throwable $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
});
echo "shared: ", json_encode(await($first)), ' / ', await($second), "\n";
echo "next reply: ", json_encode($shared->echo('after')), ' (the refused GET\'s)', "\n";
$shared->disconnect();
echo "after disconnect(): ", json_encode($shared->echo('after')), "\n";
?>
--EXPECTF--
blpop timeouts: [null], overlap
consumers: %d of %d got their own job, overlap
pipelines: %d of %d right, overlap
transactions: counter %d after %d increments
pub/sub: every message
shared: null / Error: Another coroutine is already reading from this stream
next reply: "30" (the refused GET's)
after disconnect(): "after"
