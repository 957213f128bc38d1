--TEST--
Hooks: reads and writes on stream_socket_pair() streams wait only the calling coroutine (stream and datagram pairs); results as stock outside coroutines; a cancelled read ends with the cancellation and the stream stays usable; non-blocking pairs keep stock behaviour
--FILE--
<?php
use function Async\{spawn, await, delay};

// Outside coroutines: PHP's own.
[$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
fwrite($a, "outside\n");
var_dump(fgets($b));

// A reader waits while the others run; the writer writes 100 ms later.
$ticks = 0;
$ticker = spawn(function () use (&$ticks) { for ($i = 0; $i < 10; $i++) { delay(5); $ticks++; } });
$reader = spawn(fn () => fgets($b));
$writer = spawn(function () use ($a) { delay(100); return fwrite($a, "inside\n"); });
var_dump(await($reader), await($writer));
await($ticker);
echo "ticks while reading: $ticks\n";

// A write larger than the socket buffer, read by another coroutine.
$big = str_repeat('x', 1 << 20);
$writer = spawn(fn () => fwrite($a, $big));
$reader = spawn(function () use ($b, $big) {
    $got = '';
    while (strlen($got) < strlen($big)) $got .= fread($b, 65536);
    return $got === $big;
});
var_dump(await($writer) === strlen($big), await($reader));

// Cancelled while reading: the stream still works afterwards.
$reader = spawn(fn () => fread($b, 10));
delay(20);
$reader->cancel();
try { await($reader); } catch (Async\AsyncCancellation $e) { echo get_class($e), "\n"; }
fwrite($a, "after\n");
var_dump(await(spawn(fn () => fgets($b))));

// Datagram pairs: one message per read.
[$c, $d] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_DGRAM, STREAM_IPPROTO_IP);
$reader = spawn(fn () => [fread($d, 100), fread($d, 100)]);
spawn(function () use ($c) { delay(20); fwrite($c, "one"); fwrite($c, "two"); });
var_dump(await($reader));

// Non-blocking: nothing to read is an empty string at once, as in stock PHP.
stream_set_blocking($b, false);
var_dump(await(spawn(fn () => fread($b, 10))));
?>
--EXPECT--
string(8) "outside
"
string(7) "inside
"
int(7)
ticks while reading: 10
bool(true)
bool(true)
Async\AsyncCancellation
string(6) "after
"
array(2) {
  [0]=>
  string(3) "one"
  [1]=>
  string(3) "two"
}
string(0) ""
