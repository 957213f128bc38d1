--TEST--
Integration: Guzzle Pool and promises (curl_multi under Guzzle's own loop) inside coroutines: a Pool of N requests at concurrency N/2 takes 2 rounds while other coroutines keep running; getAsync() promises with Utils::all(); two coroutines each waiting on their own Pool over one shared Client get their own responses; promises waited on in two coroutines overlap, with a Client each and with one shared Client
--EXTENSIONS--
curl
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
use GuzzleHttp\{Client, Pool};
use GuzzleHttp\Promise\Utils;
use GuzzleHttp\Psr7\Request;
use function Async\{spawn, await, delay};

$url = integration_http_server();
$n = integration_coroutines();
$client = new Client(['base_uri' => $url]);

// A Pool at concurrency n/2: two rounds of 300 ms. A ticking coroutine shows the process is free.
$ticks = 0;
$ticker = spawn(function () use (&$ticks) { while (true) { delay(20); $ticks++; } });
$t = hrtime(true);
$bodies = [];
$requests = function () use ($n) { for ($i = 0; $i < $n; $i++) yield $i => new Request('GET', '/sleep/300'); };
$pool = new Pool($client, $requests(), [
    'concurrency' => $n / 2,
    'fulfilled' => function ($response, $i) use (&$bodies) { $bodies[$i] = (string) $response->getBody(); },
]);
await(spawn(fn () => $pool->promise()->wait()));
$elapsed = (hrtime(true) - $t) / 1e9;
$ticker->cancel();
echo "pool: ", count($bodies), " bodies, ", $elapsed > 0.55 && $elapsed < 1.8 ? 'two rounds' : "took $elapsed s",
    ", ticker ", $ticks >= 10 ? 'ran meanwhile' : "ran only $ticks times", "\n";

// Promises in a coroutine: all at once.
$t = hrtime(true);
$responses = await(spawn(function () use ($client, $n) {
    $promises = [];
    for ($i = 0; $i < $n; $i++) {
        $promises[$i] = $client->getAsync("/sleep/300");
    }
    return Utils::all($promises)->wait();
}));
echo "promises: ", count($responses), ' x ', $responses[0]->getBody(), ', ', integration_overlap($n, 0.3, (hrtime(true) - $t) / 1e9), "\n";

// Two coroutines, each with its own Pool, on one Client (one CurlMultiHandler): both finish in about one round.
$results = integration_run(2, function ($c) use ($client, $n) {
    $got = [];
    $requests = function () use ($n, $c) { for ($i = 0; $i < $n; $i++) yield new Request('POST', '/echo', [], "c$c-$i"); };
    (new Pool($client, $requests(), ['concurrency' => $n,
        'fulfilled' => function ($response, $i) use (&$got) { $got[$i] = (string) $response->getBody(); }]))->promise()->wait();
    ksort($got);
    return $got;
}, $elapsed);
$expected = fn ($c) => array_map(fn ($i) => "POST c$c-$i", range(0, $n - 1));
echo "two pools: ", $results[0] === $expected(0) && $results[1] === $expected(1) ? 'each got its own responses' : 'responses crossed',
    ', ', $elapsed < 2.0 ? 'in time' : "took $elapsed s", "\n";
// Promises waited on in two coroutines, with a Client each and with one shared Client: then both
// coroutines drive its one curl_multi (Guzzle waits until all of that handler's transfers end),
// and the one whose transfers the other's curl_multi_exec finished is woken for it
// (tests/hooks/curl_multi_shared_wakes.phpt), rather than sleeping out curl_multi_select's 1 s.
foreach (['a client each' => null, 'one shared client' => $client] as $name => $shared) {
    $results = integration_run(2, function ($c) use ($shared, $url, $n) {
        $mine = $shared ?? new Client(['base_uri' => $url]);
        $promises = [];
        for ($i = 0; $i < $n; $i++) {
            $promises[] = $mine->getAsync('/sleep/300');
        }
        return count(Utils::all($promises)->wait());
    }, $elapsed);
    echo "promises in two coroutines, $name: ", array_sum($results), ' responses, ',
        integration_overlap(2, 0.3, $elapsed), "\n";
}
?>
--EXPECTF--
pool: %d bodies, two rounds, ticker ran meanwhile
promises: %d x slept 300, overlap
two pools: each got its own responses, in time
promises in two coroutines, a client each: %d responses, overlap
promises in two coroutines, one shared client: %d responses, overlap
