--TEST--
Integration: a Symfony app (FrameworkBundle) served by this extension's coroutine server, a coroutine per connection and a pooled kernel per request, 2 worker processes: N concurrent requests that store and read request-scoped state (a service, the Request's attributes, the RequestStack, headers, cookies) each see only their own, before and after a wait, and a reused kernel's service starts reset; the superglobals stay unfilled; the endpoint with 10 sequential PostgreSQL queries (Doctrine DBAL) overlaps across requests; one kernel shared by all requests leaks state, and the test sees it
--EXTENSIONS--
curl
pdo
pdo_pgsql
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; require __DIR__ . '/../hooks/pgsql_skipif.inc';
if (!function_exists('pcntl_fork')) die('skip pcntl is not available'); ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
require __DIR__ . '/app/setup.inc.php';
use function Async\{spawn, await_all_or_fail};

$n = 2 * integration_coroutines();
$extensions = ['pdo', 'pdo_pgsql', 'posix', 'ctype', 'mbstring', 'tokenizer', 'iconv'];  // what the app and Symfony need

function get(string $url, string $id): array
{
    $h = curl_init($url);
    curl_setopt_array($h, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HTTPHEADER => ["X-Request-Id: $id"], CURLOPT_COOKIE => "rid=$id"]);
    $body = curl_exec($h);
    return [curl_getinfo($h, CURLINFO_RESPONSE_CODE), json_decode((string) $body, true) ?? $body];
}

/** N requests at once, each waiting 100 to 300 ms; how many saw only their own state. */
function state_requests(string $base, int $n, ?float &$elapsed = null): string
{
    $results = integration_run($n, fn ($i) => get("$base/state?id=r$i&wait=" . (100 + 200 * ($i % 2)), "r$i"), $elapsed);
    $own = 0;
    foreach ($results as $i => [$status, $body]) {
        $expected = ['service' => "r$i", 'attribute' => "r$i", 'current_request' => "r$i", 'header' => "r$i",
            'cookie' => "r$i", 'get' => null, 'server' => null];
        $own += $status === 200 && $body['id'] === "r$i" && $body['left'] === null && $body['before'] === $expected
            && $body['after'] === $expected;
    }
    return $own === $n ? 'every request saw only its own state' : ($n - $own) . " of $n requests saw another's state";
}

[, $port] = integration_child(__DIR__ . '/app/server.inc.php', ['--workers=2'], $extensions);
$base = "http://127.0.0.1:$port";
echo "pooled kernels: ", state_requests($base, $n, $elapsed), ', ', $elapsed < 0.25 * $n * 0.2 ? 'concurrently' : "took $elapsed s", "\n";

// 10 sequential queries of 30 ms each per request: N requests in about 0.3 s, not N x 0.3 s.
$results = integration_run($n, fn ($i) => get("$base/db?id=$i&sleep=0.03", "d$i"), $elapsed);
$right = 0;
foreach ($results as $i => [$status, $body]) {
    $right += $status === 200 && $body['names'] === array_map(fn ($q) => 'item ' . (1 + ($i + $q) % 10), range(0, 9));
}
echo "10 queries per request: $right of $n right, ", integration_overlap($n, 0.3, $elapsed), "\n";

// The mistake the pool avoids: one kernel (one container, one RequestStack) for every request at once.
[, $port] = integration_child(__DIR__ . '/app/server.inc.php', ['--shared-kernel'], $extensions);
echo "one shared kernel: ", state_requests("http://127.0.0.1:$port", $n), "\n";
?>
--EXPECTF--
pooled kernels: every request saw only its own state, concurrently
10 queries per request: %d of %d right, overlap
one shared kernel: %d of %d requests saw another's state
