--TEST--
Library hooks: two coroutines drive one curl multi handle, each looping curl_multi_exec/curl_multi_select until no transfer is left (as Guzzle's CurlMultiHandler does when its promises are waited on in two coroutines); the one whose transfers the other's curl_multi_exec finished gets back to its loop at once instead of sleeping out its select timeout (5 s here, 1 s in Guzzle)
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await_all_or_fail};

$url = curl_test_server();
$multi = curl_multi_init();

// Guzzle's wait loop: run until the multi handle has nothing left, whoever's transfers they are
// (a long select timeout: 0.3 s with the fix, at least 5 s without, whatever valgrind costs).
function drive_until_idle($multi, string $url): array {
    $mine = [];
    for ($i = 0; $i < 3; $i++) {
        $mine[$i] = curl_init("$url/sleep/300");
        curl_setopt($mine[$i], CURLOPT_RETURNTRANSFER, true);
        curl_multi_add_handle($multi, $mine[$i]);
    }
    do {
        curl_multi_exec($multi, $active);
        while (curl_multi_info_read($multi));
        if ($active) {
            curl_multi_select($multi, 5.0);
        }
    } while ($active);
    return array_map(fn ($h) => curl_multi_getcontent($h), $mine);
}

for ($round = 0; $round < 3; $round++) {
    $t = hrtime(true);
    $results = await_all_or_fail([spawn(drive_until_idle(...), $multi, $url), spawn(drive_until_idle(...), $multi, $url)]);
    $elapsed = (hrtime(true) - $t) / 1e9;
    echo "round $round: ", json_encode(array_unique(array_merge(...$results))), ', ',
        $elapsed < 4.0 ? 'both done with the transfers' : "took $elapsed s (a select timeout slept out)", "\n";
}
?>
--EXPECT--
round 0: ["slept 300"], both done with the transfers
round 1: ["slept 300"], both done with the transfers
round 2: ["slept 300"], both done with the transfers
