--TEST--
examples/http_server.php: bodies by Content-Length and chunked (a body that looks like a request gets one answer), pipelining, keep-alive, and malformed, oversized and slow requests answered 400/408/413/414/417/431/501/505
--FILE--
<?php
$php = [PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async'];
$server = proc_open([...$php, __DIR__ . '/../../examples/http_server.php', '127.0.0.1', '0', '0', '1000',
    '--idle-timeout=1', '--head-timeout=1', '--body-timeout=1', '--max-head=1024', '--max-body=1000'],
    [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
preg_match('~listening on http://(\S+)/~', fgets($pipes[1]), $m) or die("the server did not start\n");
$address = $m[1];

/** Sends $parts (a string, or pieces with a pause between them; with $untilAnswered, only until
 * the server answers), then
 * (with $shutdown) closes its side, and reads until the server closes or 4 s pass; prints each
 * answer's status and body, whether the server closed, and returns how long it all took. */
function exchange(string $what, string|array $parts, float $pause = 0.3, bool $shutdown = false, bool $untilAnswered = true): float
{
    global $address;
    $start = microtime(true);
    $c = stream_socket_client("tcp://$address", $errno, $error, 5);
    stream_set_timeout($c, 4);
    foreach ((array) $parts as $i => $part) {
        if ($i > 0) {
            usleep((int) ($pause * 1e6));
            $read = [$c];
            if ($untilAnswered && stream_select($read, $w, $e, 0)) {
                break;                                // answered already: stop sending
            }
        }
        @fwrite($c, $part);
    }
    if ($shutdown) {
        stream_socket_shutdown($c, STREAM_SHUT_WR);
    }
    $answer = '';
    while (($data = fread($c, 65536)) !== false && $data !== '') {
        $answer .= $data;
    }
    $closed = !stream_get_meta_data($c)['timed_out'];
    fclose($c);
    $elapsed = microtime(true) - $start;
    $summary = [];
    while (preg_match('~\AHTTP/1\.1 (\d{3}) [^\r]*\r\n((?:[^\r]+\r\n)*)\r\n~', $answer, $r)) {
        $length = preg_match('~^Content-Length: (\d+)\r$~mi', $r[2], $l) ? (int) $l[1] : 0;
        $body = substr($answer, strlen($r[0]), $length);
        $summary[] = $r[1] . ($body !== '' ? ' ' . trim($body) : '');
        $answer = substr($answer, strlen($r[0]) + $length);
    }
    echo str_pad($what, 48), implode(' | ', $summary) ?: '(no answer)', $answer !== '' ? " + junk" : '',
        $closed ? ', closed' : ', open', "\n";
    return $elapsed;
}
$get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
$close = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
$smuggled = "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n";

echo "-- bodies\n";
exchange('Content-Length body that looks like a request', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " . strlen($smuggled) . "\r\nConnection: close\r\n\r\n$smuggled");
exchange('chunked body that looks like a request', "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    . dechex(strlen($smuggled)) . "\r\n$smuggled\r\n0\r\n\r\n");
exchange('chunks, extensions, trailer, then keep-alive', ["POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;name=value\r\n world\r\n",
    "0\r\nTrailer-Field: x\r\n\r\n$close"]);
exchange('body split across writes, then a request', ["POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n01234", "56789$close"]);
exchange('Expect: 100-continue', ["POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n", 'abc'], untilAnswered: false);
exchange('Expect: something else', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: gold\r\n\r\nabc");
echo "-- framing that cannot be trusted\n";
exchange('Content-Length and Transfer-Encoding', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n$get");
exchange('two Content-Length', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde");
exchange('Content-Length: +5', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\nabcde");
exchange('Content-Length: 5, 5', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\nabcde");
exchange('Transfer-Encoding: gzip, chunked', "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
exchange('chunked in HTTP/1.0', "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
exchange('a chunk size that is not hex', "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
exchange('a chunk longer than its size', "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n");
echo "-- limits\n";
exchange('Content-Length over the limit', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n");
exchange('Content-Length over the limit, body sent', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n" . str_repeat('x', 200000));
exchange('chunks over the limit', "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" . str_repeat("100\r\n" . str_repeat('y', 256) . "\r\n", 4) . "0\r\n\r\n");
exchange('a request line over the head limit', 'GET /' . str_repeat('a', 2000) . " HTTP/1.1\r\nHost: x\r\n\r\n");
exchange('headers over the head limit', "GET / HTTP/1.1\r\nHost: x\r\n" . str_repeat("X-Filler: " . str_repeat('f', 100) . "\r\n", 12) . "\r\n");
exchange('101 headers', "GET / HTTP/1.1\r\nHost: x\r\n" . str_repeat("A: b\r\n", 100) . "\r\n");
echo "-- malformed heads\n";
exchange('no version', "GET /\r\nHost: x\r\n\r\n");
exchange('two spaces', "GET  / HTTP/1.1\r\nHost: x\r\n\r\n");
exchange('HTTP/2.0', "GET / HTTP/2.0\r\nHost: x\r\n\r\n");
exchange('HTTP/1.1 without Host', "GET / HTTP/1.1\r\n\r\n");
exchange('two Host headers', "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n");
exchange('space before the colon', "GET / HTTP/1.1\r\nHost : x\r\n\r\n");
exchange('a folded header line', "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n");
exchange('a NUL in a header', "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\0c\r\n\r\n");
exchange('a bare CR in a header', "GET / HTTP/1.1\r\nHost: x\r\nX-A: b\rc\r\n\r\n");
exchange('closed in the middle of a head', "GET / HTTP/1.1\r\nHost:", shutdown: true);
exchange('closed in the middle of a body', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n01", shutdown: true);
echo "-- keep-alive and pipelining\n";
exchange('three pipelined requests', "$get$get$close");
exchange('empty lines before a request', "\r\n\r\n$close");
exchange('HTTP/1.0 closes', "GET / HTTP/1.0\r\n\r\n");
exchange('HTTP/1.0 keep-alive', "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n");
exchange('HEAD', "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
echo "-- slow and idle clients (timeouts of 1 s)\n";
$t = exchange('idle after a request: closed', $get);
echo $t > 0.8 && $t < 3 ? "  after about 1 s\n" : "  after $t s\n";
$t = exchange('a head sent a byte at a time', str_split("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " . str_repeat('s', 20) . "\r\n\r\n"), 0.2);
echo $t > 0.8 && $t < 3 ? "  after about 1 s\n" : "  after $t s\n";
$t = exchange('a body that stops coming', "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n01234");
echo $t > 0.8 && $t < 3 ? "  after about 1 s\n" : "  after $t s\n";
exchange('bare LF line ends (never a head)', "GET / HTTP/1.1\nHost: x\n\n");
echo "-- the server still serves\n";
exchange('GET', $close);
proc_terminate($server);
echo 'server errors: ', var_export(stream_get_contents($pipes[2]), true), "\n";
proc_close($server);
?>
--EXPECT--
-- bodies
Content-Length body that looks like a request   200 received 32 bytes, closed
chunked body that looks like a request          200 received 32 bytes, closed
chunks, extensions, trailer, then keep-alive    200 received 11 bytes | 200 Hello, world!, closed
body split across writes, then a request        200 received 10 bytes | 200 Hello, world!, closed
Expect: 100-continue                            100 | 200 received 3 bytes, closed
Expect: something else                          417 Expectation Failed, closed
-- framing that cannot be trusted
Content-Length and Transfer-Encoding            400 Bad Request, closed
two Content-Length                              400 Bad Request, closed
Content-Length: +5                              400 Bad Request, closed
Content-Length: 5, 5                            400 Bad Request, closed
Transfer-Encoding: gzip, chunked                501 Not Implemented, closed
chunked in HTTP/1.0                             400 Bad Request, closed
a chunk size that is not hex                    400 Bad Request, closed
a chunk longer than its size                    400 Bad Request, closed
-- limits
Content-Length over the limit                   413 Content Too Large, closed
Content-Length over the limit, body sent        413 Content Too Large, closed
chunks over the limit                           413 Content Too Large, closed
a request line over the head limit              414 URI Too Long, closed
headers over the head limit                     431 Request Header Fields Too Large, closed
101 headers                                     431 Request Header Fields Too Large, closed
-- malformed heads
no version                                      400 Bad Request, closed
two spaces                                      400 Bad Request, closed
HTTP/2.0                                        505 HTTP Version Not Supported, closed
HTTP/1.1 without Host                           400 Bad Request, closed
two Host headers                                400 Bad Request, closed
space before the colon                          400 Bad Request, closed
a folded header line                            400 Bad Request, closed
a NUL in a header                               400 Bad Request, closed
a bare CR in a header                           400 Bad Request, closed
closed in the middle of a head                  400 Bad Request, closed
closed in the middle of a body                  400 Bad Request, closed
-- keep-alive and pipelining
three pipelined requests                        200 Hello, world! | 200 Hello, world! | 200 Hello, world!, closed
empty lines before a request                    200 Hello, world!, closed
HTTP/1.0 closes                                 200 Hello, world!, closed
HTTP/1.0 keep-alive                             200 Hello, world! | 200 Hello, world!, closed
HEAD                                            200, closed
-- slow and idle clients (timeouts of 1 s)
idle after a request: closed                    200 Hello, world!, closed
  after about 1 s
a head sent a byte at a time                    408 Request Timeout, closed
  after about 1 s
a body that stops coming                        408 Request Timeout, closed
  after about 1 s
bare LF line ends (never a head)                408 Request Timeout, closed
-- the server still serves
GET                                             200 Hello, world!, closed
server errors: ''
