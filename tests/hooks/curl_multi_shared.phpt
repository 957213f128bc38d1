--TEST--
Library hooks: one curl multi handle driven by two coroutines at once (each running curl_multi_exec/curl_multi_select until its own transfer is done, as a shared Guzzle handler is) serves both; curl_multi_close() while a coroutine waits in curl_multi_select() on it is an Error, not a use-after-free
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await, delay};

$url = curl_test_server();
$multi = curl_multi_init();

function drive($multi, $handle): string {
    do {
        curl_multi_exec($multi, $active);
        while ($info = curl_multi_info_read($multi)); // whoever reads it, the handle's state tells
        if (curl_getinfo($handle, CURLINFO_RESPONSE_CODE) === 200 && curl_multi_getcontent($handle) !== '') {
            break;
        }
        if ($active) curl_multi_select($multi, 0.5);
    } while ($active);
    return curl_multi_getcontent($handle);
}

$handles = [];
foreach ([200, 300] as $ms) {
    $h = curl_init("$url/sleep/$ms");
    curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
    curl_multi_add_handle($multi, $h);
    $handles[] = $h;
}
$first = spawn(drive(...), $multi, $handles[0]);
$second = spawn(drive(...), $multi, $handles[1]);
$closer = spawn(function () use ($multi) {
    delay(50);
    try {
        curl_multi_close($multi);
        return 'closed';
    } catch (Error $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
});
var_dump(await($closer), await($first), await($second));
foreach ($handles as $h) curl_multi_remove_handle($multi, $h);
curl_multi_close($multi);
echo "closed after\n";
?>
--EXPECT--
string(95) "Error: Cannot close this curl multi handle while a coroutine waits in curl_multi_select() on it"
string(9) "slept 200"
string(9) "slept 300"
closed after
