--TEST--
Library hooks: a coroutine waiting in curl_multi_select() on a multi handle returns (0, as an early timeout) when another coroutine's curl_multi_exec() on the same handle changes the number of running transfers (one added or finished), even when none of the sockets it waits on becomes ready; exec calls that change nothing wake nobody, whatever the caller's $still_running variable held (two loops on one handle do not spin)
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await, delay};

$url = curl_test_server();
$multi = curl_multi_init();
// HTTP/1.1 only: otherwise curl holds a second transfer to the same host back until the first
// connection has said whether it can multiplex, which the long transfer says only at its end.
curl_multi_setopt($multi, CURLMOPT_PIPELINING, CURLPIPE_NOTHING);

function add_transfer($multi, string $url) {
    $h = curl_init($url);
    curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
    curl_multi_add_handle($multi, $h);
    return $h;
}

// The long transfer is the only one when the waiter's select starts, its request sent (curl waits
// for the answer only): its socket is all the waiter waits on, and it stays quiet for 4 s.
$long = add_transfer($multi, "$url/sleep/4000");
for ($t = hrtime(true); hrtime(true) - $t < 200e6;) {
    curl_multi_exec($multi, $active);
    curl_multi_select($multi, 0.05);
}
curl_multi_exec($multi, $active);

$waiter = spawn(function () use ($multi) {
    $t = hrtime(true);
    $ready = curl_multi_select($multi, 10.0);
    return [$ready, (hrtime(true) - $t) / 1e9];
});
delay(20); // the waiter is in curl_multi_select now

// This coroutine adds a short transfer and drives the handle until that one is done: its first
// curl_multi_exec() changes the number of running transfers (1 to 2), which wakes the waiter.
$short = add_transfer($multi, "$url/sleep/300");
do {
    curl_multi_exec($multi, $active);
    $done = false;
    while ($info = curl_multi_info_read($multi)) {
        $done = $done || $info['handle'] === $short;
    }
    if (!$done) {
        curl_multi_select($multi, 10.0);
    }
} while (!$done);
[$ready, $elapsed] = await($waiter);
echo "short transfer: ", curl_multi_getcontent($short), "\n";
echo "waiter's select returned $ready ", $elapsed < 3.0 ? "before the long transfer answered" : "after $elapsed s", "\n";

// Two coroutines loop exec/select on the handle while the long transfer runs: as long as nothing
// changes they only wake for the sockets, not for each other.
// Each exec gets a fresh $still_running variable, as Symfony's CurlHttpClient passes one: the
// count compared is the handle's own, not the caller's variable.
function exec_with_fresh_variable($multi): int {
    curl_multi_exec($multi, $running);
    return $running;
}
$loops = 0;
$drive = function () use ($multi, $long, &$loops) {
    do {
        $active = exec_with_fresh_variable($multi);
        while (curl_multi_info_read($multi));
        $loops++;
        if ($active) {
            curl_multi_select($multi, 10.0);
        }
    } while ($active);
};
$a = spawn($drive);
$b = spawn($drive);
await($a);
await($b);
echo "long transfer: ", curl_multi_getcontent($long), "\n";
echo $loops < 40 ? "the two loops did not wake each other in vain\n" : "the loops spun: $loops rounds\n";
?>
--EXPECT--
short transfer: slept 300
waiter's select returned 0 before the long transfer answered
long transfer: slept 4000
the two loops did not wake each other in vain
