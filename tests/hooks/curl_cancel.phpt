--TEST--
Library hooks: cancelling a coroutine in the middle of curl_exec() or of a curl_multi_select() loop ends the transfer at once with the cancellation itself (not a curl error), and the handles stay reusable
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await, delay};

function cancel_after(int $ms, Closure $operation): string {
    $coroutine = spawn($operation);
    delay($ms);
    $t = hrtime(true);
    $coroutine->cancel();
    try {
        await($coroutine);
        $what = 'not cancelled';
    } catch (Async\AsyncCancellation $e) {
        $what = get_class($e);
    }
    return $what . (((hrtime(true) - $t) / 1e9) < 0.5 ? ', at once' : ', late');
}

$url = curl_test_server();
$h = curl_init("$url/sleep/3000");
curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
echo 'curl_exec: ', cancel_after(100, fn () => curl_exec($h)), "\n";
curl_setopt($h, CURLOPT_URL, "$url/sleep/10");
var_dump(await(spawn(fn () => curl_exec($h))), curl_errno($h));

$multi = curl_multi_init();
$m = curl_init("$url/sleep/3000");
curl_setopt($m, CURLOPT_RETURNTRANSFER, true);
curl_multi_add_handle($multi, $m);
echo 'curl_multi_select: ', cancel_after(100, function () use ($multi) {
    do {
        curl_multi_exec($multi, $active);
        if ($active) curl_multi_select($multi, 5.0);
    } while ($active);
}), "\n";
curl_multi_remove_handle($multi, $m);
curl_setopt($m, CURLOPT_URL, "$url/sleep/10");
curl_multi_add_handle($multi, $m);
await(spawn(function () use ($multi) {
    do {
        curl_multi_exec($multi, $active);
        if ($active) curl_multi_select($multi, 5.0);
    } while ($active);
}));
var_dump(curl_multi_getcontent($m));
?>
--EXPECT--
curl_exec: Async\AsyncCancellation, at once
string(8) "slept 10"
int(0)
curl_multi_select: Async\AsyncCancellation, at once
string(8) "slept 10"
