<?php
// Fetches URLs concurrently with PHP's own file_get_contents() (the http:// wrapper): one
// coroutine per URL, then prints each fetch's time and the total beside their sum.
//
//   php -d extension=async examples/crawler.php URL [URL...]
//   php -d extension=async examples/crawler.php --repeat N URL    (the same URL N times)
use function Async\{spawn, await_all};

$args = array_slice($argv, 1);
$repeat = 1;
if (($args[0] ?? '') === '--repeat') {
    $repeat = max(1, (int) ($args[1] ?? 1));
    $args = array_slice($args, 2);
}
if ($args === []) {
    fwrite(STDERR, "usage: crawler.php [--repeat N] URL [URL...]\n");
    exit(1);
}
$urls = [];
foreach ($args as $url) {
    array_push($urls, ...array_fill(0, $repeat, $url));
}

$started = hrtime(true);
$fetches = [];
foreach ($urls as $i => $url) {
    $fetches[$i] = spawn(function (string $url): array {
        $begin = hrtime(true);
        $body = @file_get_contents($url, false, stream_context_create(['http' => ['timeout' => 10]]));
        $status = $http_response_header[0] ?? (error_get_last()['message'] ?? 'failed');
        return [$status, $body === false ? 0 : strlen($body), (hrtime(true) - $begin) / 1e6];
    }, $url);
}
[$results] = await_all($fetches);
$total = (hrtime(true) - $started) / 1e6;

ksort($results);
$sum = 0;
foreach ($results as $i => [$status, $bytes, $ms]) {
    $sum += $ms;
    printf("%-40s %-20s %6d bytes %7.1f ms\n", $urls[$i], $status, $bytes, $ms);
}
printf("%d fetches: %.1f ms in all, %.1f ms if one after another\n", count($urls), $total, $sum);
