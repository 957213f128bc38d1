--TEST--
Integration: Symfony HttpClient, its curl client (CurlHttpClient) and its PHP-stream client (NativeHttpClient), in coroutines: N requests overlap with a client each and with one shared client; every coroutine gets its own response; stream() over many responses in one coroutine; chunks of a dripped body arrive as they come; the timeout option; RetryableHttpClient on a server that fails twice
--EXTENSIONS--
curl
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
use Symfony\Component\HttpClient\{CurlHttpClient, NativeHttpClient, RetryableHttpClient};
use Symfony\Component\HttpClient\Retry\GenericRetryStrategy;
use Symfony\Contracts\HttpClient\Exception\TransportExceptionInterface;

$url = integration_http_server();
$n = integration_coroutines();
$dripped = implode('', array_map(fn ($i) => "chunk $i\n", range(0, 4)));

foreach ([CurlHttpClient::class, NativeHttpClient::class] as $class) {
    $name = substr(strrchr($class, '\\'), 1);
    $make = fn () => new $class(['base_uri' => $url]);

    $results = integration_run($n, fn ($i) => $make()->request('GET', '/sleep/300')->getContent(), $elapsed);
    echo "$name, a client each: ", implode(',', array_unique($results)), ', ', integration_overlap($n, 0.3, $elapsed), "\n";

    $shared = $make();
    $results = integration_run($n, function ($i) use ($shared) {
        $r = $shared->request('POST', '/echo', ['body' => "body $i", 'headers' => ['X-Request-Id' => "r$i"]]);
        $content = $r->getContent();
        return $content === "POST body $i" && $r->getHeaders()['x-request-id'][0] === "r$i";
    }, $elapsed1);
    $sleeps = integration_run($n, fn ($i) => $shared->request('GET', '/sleep/300')->getContent(), $elapsed);
    echo "$name, one shared client: ", count(array_filter($results)), " of $n own responses, ",
        implode(',', array_unique($sleeps)), ', ', integration_overlap($n, 0.3, $elapsed), "\n";

    // stream(): many responses driven by one coroutine, while another keeps ticking.
    $ticks = 0;
    $ticker = Async\spawn(function () use (&$ticks) { while (true) { Async\delay(20); $ticks++; } });
    $t = hrtime(true);
    $done = Async\await(Async\spawn(function () use ($shared, $n) {
        $responses = [];
        for ($i = 0; $i < $n; $i++) {
            $responses[] = $shared->request('GET', '/sleep/300');
        }
        $done = 0;
        foreach ($shared->stream($responses) as $response => $chunk) {
            $done += $chunk->isLast();
        }
        return $done;
    }));
    $ticker->cancel();
    // NativeHttpClient opens each response with fopen() on the http:// wrapper, which waits for its
    // headers: one coroutine's responses come one after another, as in stock PHP (its stream()
    // overlaps only the bodies). Concurrency with it is a coroutine per request (above).
    $elapsed = (hrtime(true) - $t) / 1e9;
    echo "$name, stream(): $done done, ", $class === NativeHttpClient::class
        ? ($elapsed >= 0.9 * $n * 0.3 ? 'one after another, as in stock PHP' : "took $elapsed s")
        : integration_overlap($n, 0.3, $elapsed),
        ", ticker ", $ticks >= 10 ? 'ran meanwhile' : "ran only $ticks times", "\n";

    // A dripped body, chunk by chunk, in every coroutine.
    $results = integration_run($n, function ($i) use ($make) {
        $client = $make();
        $response = $client->request('GET', '/drip/5/60');
        $body = '';
        $pieces = 0;
        foreach ($client->stream($response) as $chunk) {
            $body .= $chunk->getContent();
            $pieces += $chunk->getContent() !== '';
        }
        return [$body, $pieces];
    }, $elapsed);
    echo "$name, dripped: ", count(array_filter($results, fn ($r) => $r[0] === $dripped)), " of $n whole, ",
        min(array_column($results, 1)) >= 2 ? 'in pieces' : 'at once', ', ', integration_overlap($n, 0.3, $elapsed), "\n";

    $results = integration_run($n, function ($i) use ($make) {
        try {
            $make()->request('GET', '/sleep/2000', ['timeout' => 0.2])->getContent();
            return 'no timeout';
        } catch (TransportExceptionInterface $e) {
            // The curl client says so; the native one reports fopen()'s failure, as in stock PHP.
            $known = array_filter(['Idle timeout reached', 'Failed to open stream: HTTP request failed!'], fn ($m) => str_contains($e->getMessage(), $m));
            return get_class($e) . ': ' . (reset($known) ?: $e->getMessage());
        }
    }, $elapsed);
    echo "$name, timeout: ", implode(',', array_unique($results)), ', ', integration_overlap($n, 0.2, $elapsed), "\n";

    $run = uniqid();
    $results = integration_run($n, function ($i) use ($make, $run) {
        $client = new RetryableHttpClient($make(), new GenericRetryStrategy([503], delayMs: 150, multiplier: 1.0, jitter: 0.0), 3);
        return $client->request('GET', "/flaky/$run-$i/2")->getContent();
    }, $elapsed);
    echo "$name, retries: ", implode(',', array_unique($results)), ', ', integration_overlap($n, 0.3, $elapsed), "\n";
}
?>
--EXPECTF--
CurlHttpClient, a client each: slept 300, overlap
CurlHttpClient, one shared client: %d of %d own responses, slept 300, overlap
CurlHttpClient, stream(): %d done, overlap, ticker ran meanwhile
CurlHttpClient, dripped: %d of %d whole, in pieces, overlap
CurlHttpClient, timeout: Symfony\Component\HttpClient\Exception\TimeoutException: Idle timeout reached, overlap
CurlHttpClient, retries: ok after 2, overlap
NativeHttpClient, a client each: slept 300, overlap
NativeHttpClient, one shared client: %d of %d own responses, slept 300, overlap
NativeHttpClient, stream(): %d done, one after another, as in stock PHP, ticker ran meanwhile
NativeHttpClient, dripped: %d of %d whole, in pieces, overlap
NativeHttpClient, timeout: Symfony\Component\HttpClient\Exception\TransportException: Failed to open stream: HTTP request failed!, overlap
NativeHttpClient, retries: ok after 2, overlap
