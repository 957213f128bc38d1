--TEST--
Integration: Guzzle sync requests in coroutines overlap (N x 300 ms in about 0.3 s), with one Client shared by all coroutines and with a Client each; every coroutine gets its own response (its X-Request-Id echoed back), POST bodies arrive whole
--EXTENSIONS--
curl
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
use GuzzleHttp\Client;

$url = integration_http_server();
$n = integration_coroutines();

$shared = new Client(['base_uri' => $url]);
$results = integration_run($n, fn ($i) => (string) $shared->get('/sleep/300')->getBody(), $elapsed);
echo "shared client: ", implode(',', array_unique($results)), ', ', integration_overlap($n, 0.3, $elapsed), "\n";

$results = integration_run($n, fn ($i) => (string) (new Client(['base_uri' => $url]))->get('/sleep/300')->getBody(), $elapsed);
echo "a client each: ", implode(',', array_unique($results)), ', ', integration_overlap($n, 0.3, $elapsed), "\n";

// Responses are never crossed: each coroutine posts its own body and id, and waits in between.
$results = integration_run($n, function ($i) use ($shared) {
    $mine = 0;
    for ($round = 0; $round < 3; $round++) {
        $r = $shared->post('/echo', ['body' => str_repeat("$i.", 1000 * ($i + 1)), 'headers' => ['X-Request-Id' => "c$i-$round"]]);
        $mine += $r->getHeaderLine('X-Request-Id') === "c$i-$round" && (string) $r->getBody() === 'POST ' . str_repeat("$i.", 1000 * ($i + 1));
        Async\delay(10);
    }
    return $mine;
});
echo "own responses: ", array_sum($results) === 3 * $n ? "all" : array_sum($results) . " of " . 3 * $n, "\n";

// Errors are Guzzle's own: a 404 is a ClientException with its response.
try {
    Async\await(Async\spawn(fn () => $shared->get('/missing')));
} catch (GuzzleHttp\Exception\ClientException $e) {
    echo get_class($e), ' ', $e->getResponse()->getStatusCode(), "\n";
}
?>
--EXPECTF--
shared client: slept 300, overlap
a client each: slept 300, overlap
own responses: all
GuzzleHttp\Exception\ClientException 404
