--TEST--
Integration: Guzzle retries (Middleware::retry with a backoff, a server that fails twice) and timeouts (the timeout and connect_timeout options) in N coroutines overlap; the errors are Guzzle's own
--EXTENSIONS--
curl
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
use GuzzleHttp\{Client, HandlerStack, Middleware};
use GuzzleHttp\Exception\TransferException;

$url = integration_http_server();
$n = integration_coroutines();

// Two failures, each followed by a 150 ms backoff (Guzzle sleeps in its curl handler: usleep, hooked).
$stack = HandlerStack::create();
$stack->push(Middleware::retry(
    fn ($retries, $request, $response = null, $error = null) => $retries < 3 && $response?->getStatusCode() === 503,
    fn ($retries) => 150,
));
$client = new Client(['base_uri' => $url, 'handler' => $stack]);
$run = uniqid();
$results = integration_run($n, fn ($i) => (string) $client->get("/flaky/$run-$i/2")->getBody(), $elapsed);
echo "retries: ", implode(',', array_unique($results)), ', ', integration_overlap($n, 0.3, $elapsed), "\n";

// Without retries left, the 503 is Guzzle's ServerException.
try {
    Async\await(Async\spawn(fn () => $client->get("/flaky/$run-x/9")));
} catch (GuzzleHttp\Exception\ServerException $e) {
    echo get_class($e), ' ', $e->getResponse()->getStatusCode(), "\n";
}

// A 200 ms timeout on a 2 s answer, in every coroutine at once.
$plain = new Client(['base_uri' => $url]);
$results = integration_run($n, function ($i) use ($plain) {
    try {
        $plain->get('/sleep/2000', ['timeout' => 0.2]);
        return 'no timeout';
    } catch (TransferException $e) {
        return get_class($e) . ': ' . (str_contains($e->getMessage(), 'cURL error 28') ? 'cURL error 28' : $e->getMessage());
    }
}, $elapsed);
echo "timeouts: ", implode(',', array_unique($results)), ', ', integration_overlap($n, 0.2, $elapsed), "\n";

// connect_timeout against a listener whose backlog is full (the SYN is dropped).
$full = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 0]]));
$fullAddress = stream_socket_get_name($full, false);
$held = [];
for ($i = 0; $i < 3; $i++) {
    $held[] = @stream_socket_client("tcp://$fullAddress", $errno, $errstr, 0.2);
}
$results = integration_run($n, function ($i) use ($plain, $fullAddress) {
    try {
        $plain->get("http://$fullAddress/", ['connect_timeout' => 0.3]);
        return 'connected';
    } catch (TransferException $e) {
        return get_class($e) . ': ' . (str_contains($e->getMessage(), 'cURL error 28') ? 'cURL error 28' : $e->getMessage());
    }
}, $elapsed);
echo "connect timeouts: ", implode(',', array_unique($results)), ', ', integration_overlap($n, 0.3, $elapsed), "\n";
?>
--EXPECT--
retries: ok after 2, overlap
GuzzleHttp\Exception\ServerException 503
timeouts: GuzzleHttp\Exception\NetworkTimeoutException: cURL error 28, overlap
connect timeouts: GuzzleHttp\Exception\NetworkTimeoutException: cURL error 28, overlap
