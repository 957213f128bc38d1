--TEST--
Library hooks: a curl multi handle that reuses the object number of a freed one does not start from the freed handle's running-transfer count (whose equal count would then look like no change and wake no coroutine waiting in curl_multi_select())
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await, delay};

$url = curl_test_server();

function add_transfer($multi, string $url) {
    $h = curl_init($url);
    curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
    curl_multi_add_handle($multi, $h);
    return $h;
}

// A first multi handle whose last curl_multi_exec() (in a coroutine: the main script is one once the
// scheduler runs) counted 2 running transfers, then freed: its easy handles first, so that the
// multi handle's object number is the next one PHP gives out.
delay(1);
$first = curl_multi_init();
$a = add_transfer($first, "$url/sleep/100");
$b = add_transfer($first, "$url/sleep/100");
curl_multi_exec($first, $active);
echo "first handle's exec: $active running\n";
curl_multi_remove_handle($first, $a);
curl_multi_remove_handle($first, $b);
$a = $b = null;
$firstId = spl_object_id($first);
$first = null;

$multi = curl_multi_init();
echo spl_object_id($multi) === $firstId ? "the new multi handle has the freed one's object number\n" : "object number not reused: the test proves nothing\n";
curl_multi_setopt($multi, CURLMOPT_PIPELINING, CURLPIPE_NOTHING); // HTTP/1.1 only (see curl_multi_select_woken_by_exec)

// The new handle's long transfer is started by curl_multi_exec() calls the hook does not count:
// made outside any coroutine (a destructor run as its coroutine ends), as a handle driven before
// coroutines came into play would be.
$long = add_transfer($multi, "$url/sleep/5000");
spawn(function () use ($multi) {
    return new class($multi) {
        public function __construct(private $multi) {}
        public function __destruct() {
            for ($t = hrtime(true); hrtime(true) - $t < 200e6;) {
                curl_multi_exec($this->multi, $active);
                curl_multi_select($this->multi, 0.05);
            }
            curl_multi_exec($this->multi, $active);
        }
    };
});
delay(300);

$waiter = spawn(function () use ($multi) {
    $t = hrtime(true);
    $ready = curl_multi_select($multi, 10.0);
    return [$ready, (hrtime(true) - $t) / 1e9];
});
delay(20); // the waiter waits on the long transfer's socket, quiet for 5 s

// The first counted exec of this handle: 2 running (the long one and a new one). It is the first
// count the handle has, so it wakes the waiter; with the freed handle's 2 still kept it looked
// like no change and the waiter slept until the long transfer answered.
$short = add_transfer($multi, "$url/sleep/2000");
curl_multi_exec($multi, $active);
echo "new handle's exec: $active running\n";
[$ready, $elapsed] = await($waiter);
echo "waiter's select returned $ready ", $elapsed < 2.5 ? "before the long transfer answered" : "after $elapsed s", "\n";
curl_multi_remove_handle($multi, $long);
curl_multi_remove_handle($multi, $short);
?>
--EXPECT--
first handle's exec: 2 running
the new multi handle has the freed one's object number
new handle's exec: 2 running
waiter's select returned 0 before the long transfer answered
