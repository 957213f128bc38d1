--TEST--
Library hooks: curl callbacks (WRITEFUNCTION, HEADERFUNCTION, READFUNCTION, XFERINFOFUNCTION) run PHP code inside coroutines as outside, also when the callback itself suspends (delay); other coroutines run meanwhile; a callback that throws gives curl_exec() its exception as in stock PHP
--EXTENSIONS--
curl
--FILE--
<?php
require __DIR__ . '/curl_server.inc';
use function Async\{spawn, await, delay};

function transfer(string $url, bool $suspend): array {
    $log = ['headers' => 0, 'bytes' => 0, 'progress' => false];
    $upload = str_repeat('u', 100000);
    $offset = 0;
    $h = curl_init("$url/echo");
    curl_setopt_array($h, [
        CURLOPT_UPLOAD => true,
        CURLOPT_CUSTOMREQUEST => 'POST',
        CURLOPT_INFILESIZE => strlen($upload),
        CURLOPT_READFUNCTION => function ($h, $fd, $length) use ($upload, &$offset, $suspend) {
            if ($suspend) delay(1);
            $chunk = substr($upload, $offset, $length);
            $offset += strlen($chunk);
            return $chunk;
        },
        CURLOPT_HEADERFUNCTION => function ($h, $header) use (&$log, $suspend) {
            if ($suspend) delay(1);
            $log['headers']++;
            return strlen($header);
        },
        CURLOPT_WRITEFUNCTION => function ($h, $data) use (&$log, $suspend) {
            if ($suspend) delay(1);
            $log['bytes'] += strlen($data);
            return strlen($data);
        },
        CURLOPT_NOPROGRESS => false,
        CURLOPT_XFERINFOFUNCTION => function ($h, $dlTotal, $dl, $ulTotal, $ul) use (&$log) {
            $log['progress'] = true;
            return 0;
        },
    ]);
    $log['result'] = curl_exec($h);
    $log['errno'] = curl_errno($h);
    return $log;
}

$url = curl_test_server();
$outside = transfer($url, false);
var_dump($outside);
var_dump(await(spawn(transfer(...), $url, false)) === $outside);

// Callbacks that suspend, in two transfers at once, while a third coroutine ticks.
$ticks = 0;
$ticker = spawn(function () use (&$ticks) { for ($i = 0; $i < 20; $i++) { delay(5); $ticks++; } });
$a = spawn(transfer(...), $url, true);
$b = spawn(transfer(...), $url, true);
var_dump(await($a) === $outside, await($b) === $outside);
await($ticker);
var_dump($ticks === 20);

// A callback that throws: as in stock PHP, the exception comes out of curl_exec().
$thrower = function () use ($url) {
    $h = curl_init("$url/body/100000");
    curl_setopt($h, CURLOPT_WRITEFUNCTION, function ($h, $data) { throw new RuntimeException('from the callback'); });
    try {
        curl_exec($h);
    } catch (RuntimeException $e) {
        return $e->getMessage() . ', errno ' . curl_errno($h);
    }
};
var_dump($thrower(), await(spawn($thrower)) === $thrower());
?>
--EXPECT--
array(5) {
  ["headers"]=>
  int(5)
  ["bytes"]=>
  int(100000)
  ["progress"]=>
  bool(true)
  ["result"]=>
  bool(true)
  ["errno"]=>
  int(0)
}
bool(true)
bool(true)
bool(true)
bool(true)
string(26) "from the callback, errno 0"
bool(true)
