--TEST--
Integration: Guzzle streaming bodies in coroutines: the stream option (PHP's http wrapper, hooked) and a sink file, read chunk by chunk while the server drips a chunked body (5 chunks 60 ms apart) to N coroutines at once
--EXTENSIONS--
curl
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/integration.inc';
use GuzzleHttp\Client;

$url = integration_http_server();
$n = integration_coroutines();
$client = new Client(['base_uri' => $url]);
$expected = implode('', array_map(fn ($i) => "chunk $i\n", range(0, 4)));

// stream => true: Guzzle's StreamHandler over the http:// wrapper; the body is read as it arrives.
$results = integration_run($n, function ($i) use ($client) {
    $body = $client->get('/drip/5/60', ['stream' => true])->getBody();
    $reads = [];
    while (!$body->eof()) {
        $chunk = $body->read(1024);
        if ($chunk !== '') $reads[] = $chunk;
    }
    return [implode('', $reads), count($reads)];
}, $elapsed);
echo "stream: ", count(array_filter($results, fn ($r) => $r[0] === $expected)), " of $n whole, ",
    min(array_column($results, 1)) >= 2 ? 'read in pieces' : 'read at once', ', ', integration_overlap($n, 0.3, $elapsed), "\n";

// sink: curl writes the body to a file of each coroutine's.
$dir = sys_get_temp_dir() . '/async-guzzle-sink-' . getmypid();
@mkdir($dir);
$results = integration_run($n, function ($i) use ($client, $dir) {
    $client->get('/drip/5/60', ['sink' => "$dir/$i"]);
    return file_get_contents("$dir/$i");
}, $elapsed);
echo "sink: ", count(array_filter($results, fn ($r) => $r === $expected)), " of $n whole, ", integration_overlap($n, 0.3, $elapsed), "\n";
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECTF--
stream: %d of %d whole, read in pieces, overlap
sink: %d of %d whole, overlap
