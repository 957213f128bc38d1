--TEST--
Library hooks: one curl multi handle driven by two coroutines at once (each running curl_multi_exec/curl_multi_select until its own transfer is done, as a shared Guzzle handler is) serves both; curl_multi_close() from another coroutine while one waits in curl_multi_select() removes the transfers as in stock PHP and the waiter's loop ends, without a crash
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await, delay};

$url = curl_test_server();

function drive($multi, $handle): string {
    do {
        curl_multi_exec($multi, $active);
        while (curl_multi_info_read($multi)); // whoever reads it, the handle's state tells
        if (curl_getinfo($handle, CURLINFO_RESPONSE_CODE) === 200 && curl_multi_getcontent($handle) !== '') {
            break;
        }
        if ($active) curl_multi_select($multi, 0.5);
    } while ($active);
    return (string) curl_multi_getcontent($handle);
}

function add($multi, string $url) {
    $h = curl_init($url);
    curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
    curl_multi_add_handle($multi, $h);
    return $h;
}

$multi = curl_multi_init();
$handles = [add($multi, "$url/sleep/200"), add($multi, "$url/sleep/300")];
$first = spawn(drive(...), $multi, $handles[0]);
$second = spawn(drive(...), $multi, $handles[1]);
var_dump(await($first), await($second));

// Closed by another coroutine in the middle of a wait: PHP removes the transfers.
$multi = curl_multi_init();
$slow = add($multi, "$url/sleep/3000");
$waiter = spawn(drive(...), $multi, $slow);
delay(100);
curl_multi_close($multi);
echo "closed\n";
var_dump(await($waiter));
?>
--EXPECT--
string(9) "slept 200"
string(9) "slept 300"
closed
string(0) ""
