--TEST--
Stream hooks: the examples (echo_server.php, http_server.php with keep-alive, crawler.php) run as real processes and serve concurrently
--INI--
default_socket_timeout=20
--FILE--
<?php
$examples = __DIR__ . '/../../examples';
$php = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async',
    '-d', 'allow_url_fopen=1'];

function start(array $command): array {
    $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $firstLine = fgets($pipes[1]);
    return [$process, $pipes, $firstLine];
}
function stop(array $server): string {
    [$process, $pipes] = $server;
    $errors = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    proc_close($process);
    return $errors;
}

// echo server: two clients at once, the first one held open while the second is served
$echo = start([...$php, "$examples/echo_server.php", '127.0.0.1', '0', '2']);
preg_match('/listening on (\S+)/', $echo[2], $m);
$first = stream_socket_client("tcp://$m[1]");
$second = stream_socket_client("tcp://$m[1]");
fwrite($second, "second\n");
echo 'second: ', fgets($second);
fwrite($first, "first\n");
echo 'first: ', fgets($first);
fclose($first);
fclose($second);
echo 'echo server errors: ', var_export(stop($echo), true), "\n";

// http server: a keep-alive connection gets two answers; the crawler fetches concurrently
$http = start([...$php, "$examples/http_server.php", '127.0.0.1', '0', '300', '7']);
preg_match('~listening on http://(\S+)/~', $http[2], $m);
$connection = stream_socket_client("tcp://$m[1]");
fwrite($connection, "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /again HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
$answers = stream_get_contents($connection);
echo 'keep-alive answers: ', substr_count($answers, "Hello, world!\n"), ', last says ',
    str_contains($answers, 'Connection: close') ? 'close' : 'keep-alive', "\n";

$crawler = proc_open([...$php, "$examples/crawler.php", '--repeat', '6', "http://$m[1]/"], [1 => ['pipe', 'w']], $pipes);
$report = stream_get_contents($pipes[1]);
fclose($pipes[1]);
proc_close($crawler);
echo 'pages fetched: ', substr_count($report, '200 OK'), "\n";
preg_match('/(\d+) fetches: ([\d.]+) ms in all, ([\d.]+) ms if one after another/', $report, $m);
echo "fetches: $m[1], overlapped: ", $m[2] < 0.7 * $m[3] ? 'yes' : "no ($report)", "\n";
echo 'http server errors: ', var_export(stop($http), true), "\n";
?>
--EXPECT--
second: second
first: first
echo server errors: ''
keep-alive answers: 2, last says close
pages fetched: 6
fetches: 6, overlapped: yes
http server errors: ''
