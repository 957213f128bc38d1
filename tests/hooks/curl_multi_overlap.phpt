--TEST--
Library hooks: curl_multi_exec() + curl_multi_select() loops (as Guzzle and Symfony HttpClient drive them) in several coroutines overlap; results equal the same loop outside coroutines; curl_share handles keep working
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await, await_all_or_fail};

function multi_fetch(array $urls, $share = null): array {
    $multi = curl_multi_init();
    $handles = [];
    foreach ($urls as $u) {
        $h = curl_init($u);
        curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
        if ($share !== null) curl_setopt($h, CURLOPT_SHARE, $share);
        curl_multi_add_handle($multi, $h);
        $handles[] = $h;
    }
    do {
        $status = curl_multi_exec($multi, $active);
        if ($active) {
            curl_multi_select($multi, 1.0);
        }
    } while ($active && $status === CURLM_OK);
    $bodies = [];
    foreach ($handles as $h) {
        $bodies[] = [curl_multi_getcontent($h), curl_getinfo($h, CURLINFO_RESPONSE_CODE)];
        curl_multi_remove_handle($multi, $h);
    }
    curl_multi_close($multi);
    return $bodies;
}

$url = curl_test_server();
$urls = ["$url/sleep/300", "$url/sleep/200", "$url/nothing", curl_refused_url()];
$outside = multi_fetch($urls);
var_dump($outside === await(spawn(multi_fetch(...), $urls)));
var_dump(array_column($outside, 1));

$n = curl_coroutines();
$t = hrtime(true);
$coroutines = [];
for ($i = 0; $i < $n; $i++) {
    $coroutines[] = spawn(multi_fetch(...), ["$url/sleep/300", "$url/sleep/300"]);
}
$results = await_all_or_fail($coroutines);
$elapsed = (hrtime(true) - $t) / 1e9;
var_dump($results === array_fill(0, $n, [['slept 300', 200], ['slept 300', 200]]));
echo $elapsed < 0.8 * $n * 0.3 ? "overlapped\n" : "serial: $elapsed s\n";

// A share handle (DNS cache and connections) used by coroutines at the same time.
$share = curl_share_init();
curl_share_setopt($share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
curl_share_setopt($share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
$coroutines = [];
for ($i = 0; $i < 3; $i++) {
    $coroutines[] = spawn(multi_fetch(...), ["$url/sleep/100"], $share);
    $coroutines[] = spawn(function () use ($url, $share) {
        return curl_get("$url/sleep/100", [CURLOPT_SHARE => $share])[0];
    });
}
var_dump(await_all_or_fail($coroutines) === array_merge(...array_fill(0, 3, [[['slept 100', 200]], 'slept 100'])));
curl_share_close($share);
?>
--EXPECT--
bool(true)
array(4) {
  [0]=>
  int(200)
  [1]=>
  int(200)
  [2]=>
  int(404)
  [3]=>
  int(0)
}
bool(true)
overlapped
bool(true)
