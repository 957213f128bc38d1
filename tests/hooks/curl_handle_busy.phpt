--TEST--
Library hooks: while curl_exec() runs on a handle in one coroutine, curl_exec(), curl_setopt(), curl_setopt_array(), curl_reset() and curl_multi_add_handle() of that handle from another coroutine throw an Error and the running transfer is untouched; once it is done the handle serves anyone; the coroutine's own callbacks may still call curl_setopt()
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await, delay};

$url = curl_test_server();
$h = curl_init("$url/body/200000");
$chunks = 0;
curl_setopt($h, CURLOPT_WRITEFUNCTION, function ($h, $data) use (&$chunks) {
    if ($chunks++ === 0) {
        curl_setopt($h, CURLOPT_USERAGENT, 'from the callback'); // its own coroutine: allowed, as in stock PHP
        delay(50); // the others try while the transfer is under way
    }
    return strlen($data);
});
$transfer = spawn(fn () => [curl_exec($h), curl_errno($h), curl_getinfo($h, CURLINFO_SIZE_DOWNLOAD)]);
$attempts = [
    'curl_exec' => fn () => curl_exec($h),
    'curl_setopt' => fn () => curl_setopt($h, CURLOPT_URL, 'http://127.0.0.1:1/'),
    'curl_setopt_array' => fn () => curl_setopt_array($h, [CURLOPT_URL => 'http://127.0.0.1:1/']),
    'curl_reset' => fn () => curl_reset($h),
    'curl_multi_add_handle' => fn () => curl_multi_add_handle(curl_multi_init(), $h),
];
$others = [];
foreach ($attempts as $name => $attempt) {
    $others[$name] = spawn(function () use ($name, $attempt) {
        delay(10);
        try {
            $attempt();
            return "$name: allowed";
        } catch (Error $e) {
            return "$name: " . get_class($e) . ': ' . $e->getMessage();
        }
    });
}
foreach ($others as $other) echo await($other), "\n";
var_dump(await($transfer));
// Done: another coroutine may use it.
curl_reset($h);
curl_setopt($h, CURLOPT_URL, "$url/sleep/1");
curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
var_dump(await(spawn(fn () => curl_exec($h))));
?>
--EXPECT--
curl_exec: Error: Another coroutine is running a transfer on this curl handle (curl_exec())
curl_setopt: Error: Another coroutine is running a transfer on this curl handle (curl_exec())
curl_setopt_array: Error: Another coroutine is running a transfer on this curl handle (curl_exec())
curl_reset: Error: Another coroutine is running a transfer on this curl handle (curl_exec())
curl_multi_add_handle: Error: Another coroutine is running a transfer on this curl handle (curl_exec())
array(3) {
  [0]=>
  bool(true)
  [1]=>
  int(0)
  [2]=>
  float(200000)
}
string(7) "slept 1"
