<?php
// An HTTP/1.1 server written as plain blocking code, one coroutine per connection: keep-alive and
// pipelining, request bodies by Content-Length or chunked, limits on the head and the body, and
// timeouts for idle and slow clients. A request it cannot read safely gets 400, 408, 413, 414,
// 417, 431, 501 or 505 and the connection is closed, so a body can never be taken for a request.
// It answers "Hello, world!" (and, to a request with a body, how many bytes it received). An
// optional delay per response simulates work (a database call, say): slow requests do not hold up
// the others.
//
//   php -d extension=async examples/http_server.php [host] [port] [delay-ms] [max-connections]
//       [--idle-timeout=s] [--head-timeout=s] [--body-timeout=s] [--max-head=bytes] [--max-body=bytes]
//
// Port 0 picks a free port; the address is printed.
use function Async\{spawn, delay};

$options = ['idle-timeout' => 5.0, 'head-timeout' => 10.0, 'body-timeout' => 30.0,
    'max-head' => 8192, 'max-body' => 1 << 20];
$positional = [];
foreach (array_slice($argv, 1) as $arg) {
    if (preg_match('/^--([a-z-]+)=(\d+(?:\.\d+)?)$/', $arg, $m) && isset($options[$m[1]])) {
        $options[$m[1]] = $m[2] + 0;
    } else {
        $positional[] = $arg;
    }
}
define('IDLE_TIMEOUT', (float) $options['idle-timeout']);  // waiting for the next request
define('HEAD_TIMEOUT', (float) $options['head-timeout']);  // the whole head, once it began
define('BODY_TIMEOUT', (float) $options['body-timeout']);  // the whole body
define('MAX_HEAD', (int) $options['max-head']);            // request line and headers
define('MAX_HEADERS', 100);
define('MAX_BODY', (int) $options['max-body']);
// The first read of a request asks for little, as nginx's 1 KiB client_header_buffer_size: a
// request head is mostly a few hundred bytes (what the stream buffered beyond it stays there for
// the next read), and fread() allocates a string of the length asked before it reads. 64 KiB
// each time cost a walk of the heap's chunks for 16 free pages in a row (9 % of the time at
// 10,000 connections); up to 2 KiB comes from the allocator's small bins.
const FIRST_READ = 2000;

$host = $positional[0] ?? '127.0.0.1';
$port = (int) ($positional[1] ?? 8080);
$delayMs = (int) ($positional[2] ?? 0);
$limit = isset($positional[3]) ? (int) $positional[3] : PHP_INT_MAX;

// A backlog of 511 as nginx's default (PHP's is 32): thousands of clients connecting at once
// would otherwise see their connections dropped and retried.
$server = stream_socket_server("tcp://$host:$port", $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
    stream_context_create(['socket' => ['backlog' => 511]]));
if ($server === false) {
    fwrite(STDERR, "cannot listen on $host:$port: $errstr\n");
    exit(1);
}
echo 'http server listening on http://', stream_socket_get_name($server, false), "/\n";

/** A request that cannot be read safely: answered with $status, then the connection is closed. */
final class BadRequest extends Exception
{
    public function __construct(public readonly int $status) { parent::__construct((string) $status); }
}

const REASONS = [200 => 'OK', 400 => 'Bad Request', 408 => 'Request Timeout', 413 => 'Content Too Large',
    414 => 'URI Too Long', 417 => 'Expectation Failed', 431 => 'Request Header Fields Too Large',
    501 => 'Not Implemented', 505 => 'HTTP Version Not Supported'];
// A head as RFC 9112 has it: method SP request-target SP HTTP-version, then header lines
// name ":" value, where a name is a token (no space before the colon, no folded line) and no field
// holds a control character. One match checks it all.
const HEAD = '~\A[!#$%&\'*+\-.^_`|\~0-9A-Za-z]++ [^\x00-\x20\x7f]++ HTTP/1\.[01]'
    . '(?:\r\n[!#$%&\'*+\-.^_`|\~0-9A-Za-z]++:[\t\x20-\x7e\x80-\xff]*+)*+\z~';
// The usual request, recognised by one match: a GET in HTTP/1.1 with exactly one Host and none
// of the headers that change how to read it or the connection (it has no body, and keeps alive).
const OTHER_HEADER = '\r\n(?!(?i:host|content-length|transfer-encoding|connection|expect):)'
    . '[!#$%&\'*+\-.^_`|\~0-9A-Za-z]++:[\t\x20-\x7e\x80-\xff]*+';
const PLAIN_GET = '~\AGET [^\x00-\x20\x7f]++ HTTP/1\.1(?:' . OTHER_HEADER . '){0,49}+\r\n(?i:host):[\t\x20-\x7e\x80-\xff]*+(?:'
    . OTHER_HEADER . '){0,49}+\z~';                   // at most MAX_HEADERS headers

function response(int $status, string $body, bool $keepAlive, bool $withBody = true): string
{
    return "HTTP/1.1 $status " . REASONS[$status] . "\r\nContent-Type: text/plain\r\nContent-Length: "
        . strlen($body) . "\r\nConnection: " . ($keepAlive ? 'keep-alive' : 'close') . "\r\n\r\n"
        . ($withBody ? $body : '');
}

/** The connection's reader: a buffer filled by reads that never wait past a deadline, and read
 * from an offset (a client that sends many requests at once costs no copy per request). */
final class Reader
{
    private string $buffer = '';
    private int $offset = 0;
    private float $timeout = -1;

    public function __construct(private $connection) {}

    /** Reads more into the buffer; false at end of stream; BadRequest(408) once $deadline (a hrtime
     * in seconds) passed. */
    private function more(float $deadline): bool
    {
        $left = $deadline - hrtime(true) / 1e9;
        if ($left <= 0) {
            throw new BadRequest(408);
        }
        if ($left !== $this->timeout) {
            stream_set_timeout($this->connection, (int) $left, (int) (fmod($left, 1) * 1e6));
            $this->timeout = $left;
        }
        $data = fread($this->connection, 65536);
        if ($data === false || $data === '') {
            if (stream_get_meta_data($this->connection)['timed_out']) {
                throw new BadRequest(408);
            }
            return false;
        }
        $this->buffer = $this->offset === 0 ? $this->buffer . $data : substr($this->buffer, $this->offset) . $data;
        $this->offset = 0;
        return true;
    }

    /** The next head without its final empty line, waiting IDLE_TIMEOUT for its first byte, then
     * HEAD_TIMEOUT for the rest; null when the client closed or stayed idle before it began. */
    public function head(): ?string
    {
        if ($this->buffer === '') {
            // Wait for the next request, at most IDLE_TIMEOUT (set once: keep-alive requests reuse it).
            if ($this->timeout !== IDLE_TIMEOUT) {
                stream_set_timeout($this->connection, (int) IDLE_TIMEOUT, (int) (fmod(IDLE_TIMEOUT, 1) * 1e6));
                $this->timeout = IDLE_TIMEOUT;
            }
            $this->buffer = (string) fread($this->connection, FIRST_READ);
            if ($this->buffer === '') {
                return null;                          // closed, or idle too long: close quietly
            }
            // The usual case: the read brought one whole request and nothing more.
            $end = strpos($this->buffer, "\r\n\r\n");
            if ($end !== false && $end + 4 === strlen($this->buffer) && $end < MAX_HEAD && $this->buffer[0] !== "\r") {
                $head = substr($this->buffer, 0, $end);
                $this->buffer = '';
                return $head;
            }
        }
        $deadline = null;
        while (true) {
            $this->offset += strspn($this->buffer, "\r\n", $this->offset);  // empty lines before a request are allowed
            $end = strpos($this->buffer, "\r\n\r\n", $this->offset);
            $size = ($end === false ? strlen($this->buffer) : $end + 4) - $this->offset;
            if ($size > MAX_HEAD) {                   // 414 when the request line alone is too long
                $lineEnd = strpos($this->buffer, "\r\n", $this->offset);
                throw new BadRequest($lineEnd === false || $lineEnd - $this->offset > MAX_HEAD ? 414 : 431);
            }
            if ($end !== false) {
                $head = substr($this->buffer, $this->offset, $end - $this->offset);
                $this->consumed($end + 4);
                return $head;
            }
            if ($size === 0) {
                try {                                 // only empty lines so far: still idle
                    if (!$this->more(hrtime(true) / 1e9 + IDLE_TIMEOUT)) {
                        return null;
                    }
                } catch (BadRequest) {
                    return null;
                }
                continue;
            }
            $deadline ??= hrtime(true) / 1e9 + HEAD_TIMEOUT;
            if (!$this->more($deadline)) {
                throw new BadRequest(400);            // closed in the middle of a head
            }
        }
    }

    /** The next CRLF-ended line (without it), at most $max bytes. */
    public function line(int $max, float $deadline, int $tooLong): string
    {
        while (($end = strpos($this->buffer, "\r\n", $this->offset)) === false) {
            if (strlen($this->buffer) - $this->offset > $max) {
                throw new BadRequest($tooLong);
            }
            if (!$this->more($deadline)) {
                throw new BadRequest(400);
            }
        }
        if ($end - $this->offset > $max) {
            throw new BadRequest($tooLong);
        }
        $line = substr($this->buffer, $this->offset, $end - $this->offset);
        $this->consumed($end + 2);
        return $line;
    }

    /** Exactly $length bytes. */
    public function bytes(int $length, float $deadline): string
    {
        while (strlen($this->buffer) - $this->offset < $length) {
            if (!$this->more($deadline)) {
                throw new BadRequest(400);
            }
        }
        $bytes = substr($this->buffer, $this->offset, $length);
        $this->consumed($this->offset + $length);
        return $bytes;
    }

    /** What the buffer holds up to $offset has been read. */
    private function consumed(int $offset): void
    {
        if ($offset === strlen($this->buffer)) {
            $this->buffer = '';
            $this->offset = 0;
        } else {
            $this->offset = $offset;
        }
    }
}

/**
 * Checks the head of a request other than a plain GET and reads its body: [method, whether the
 * connection stays open after it, the body]. Headers are parsed (parse_headers()) only when the
 * request has a body.
 */
function read_request(Reader $in, $connection, string $head): array
{
    if (!preg_match(HEAD, $head)) {
        throw new BadRequest(preg_match('~\A\S+ \S+ HTTP/(?!1\.[01]\r)\d\.\d(\r|\z)~', $head) ? 505 : 400);
    }
    $lineEnd = strpos($head, "\r\n");
    $http11 = $head[($lineEnd === false ? strlen($head) : $lineEnd) - 1] === '1';
    $keepAlive = $http11;
    if ($lineEnd !== false) {                         // headers: only those that change how to read
        if (substr_count($head, "\r\n") > MAX_HEADERS) {
            throw new BadRequest(431);
        }
        $host = stripos($head, "\r\nhost:");
        if ($http11 && ($host === false || stripos($head, "\r\nhost:", $host + 7) !== false)) {
            throw new BadRequest(400);                // HTTP/1.1 needs exactly one Host
        }
        if (stripos($head, "\r\nconnection:") !== false) {
            preg_match_all('~\r\nconnection:([^\r]*)~i', $head, $values);
            $tokens = array_map('trim', explode(',', strtolower(implode(',', $values[1]))));
            $keepAlive = $http11 ? !in_array('close', $tokens, true) : in_array('keep-alive', $tokens, true);
        }
        if (stripos($head, "\r\ncontent-length:") !== false || stripos($head, "\r\ntransfer-encoding:") !== false) {
            $body = read_body($in, $connection, $http11 ? 1 : 0, parse_headers($head));
        }
    } elseif ($http11) {
        throw new BadRequest(400);                    // no Host
    }
    return [substr($head, 0, strpos($head, ' ')), $keepAlive, $body ?? ''];
}

/** The headers of a head: lower-case names, the values of a repeated header joined by ", ". */
function parse_headers(string $head): array
{
    $headers = [];
    foreach (array_slice(explode("\r\n", $head), 1) as $line) {
        [$name, $value] = explode(':', $line, 2);
        $name = strtolower($name);
        $value = trim($value, " \t");
        $headers[$name] = isset($headers[$name]) ? "$headers[$name], $value" : $value;
    }
    return $headers;
}

/** The body the headers announce: chunked, Content-Length, or none. */
function read_body(Reader $in, $connection, int $minor, array $headers): string
{
    $chunked = isset($headers['transfer-encoding']);
    $length = $headers['content-length'] ?? null;
    if ($chunked && ($length !== null || $minor === 0)) {
        throw new BadRequest(400);                    // both framings, or chunked in HTTP/1.0: ambiguous
    }
    if ($chunked && strtolower($headers['transfer-encoding']) !== 'chunked') {
        throw new BadRequest(501);                    // only chunked, and only once
    }
    if ($length !== null && !preg_match('/^\d{1,18}$/D', $length)) {   // repeated ones are joined by ", "
        throw new BadRequest(400);
    }
    if (!$chunked && !$length) {
        return '';
    }
    if ($length !== null && (int) $length > MAX_BODY) {
        throw new BadRequest(413);                    // said before a byte of it is read
    }
    if (isset($headers['expect'])) {
        if (strtolower($headers['expect']) !== '100-continue') {
            throw new BadRequest(417);
        }
        if ($minor === 1) {
            fwrite($connection, "HTTP/1.1 100 Continue\r\n\r\n");
        }
    }
    $deadline = hrtime(true) / 1e9 + BODY_TIMEOUT;
    if (!$chunked) {
        return $in->bytes((int) $length, $deadline);
    }
    $body = '';
    while (true) {
        $line = $in->line(1024, $deadline, 400);
        if (!preg_match('/^([0-9A-Fa-f]{1,8})(?:[ \t]*;.*)?$/D', $line, $m)) {
            throw new BadRequest(400);
        }
        $size = hexdec($m[1]);
        if ($size === 0) {
            break;
        }
        if (strlen($body) + $size > MAX_BODY) {
            throw new BadRequest(413);
        }
        $body .= $in->bytes($size, $deadline);
        if ($in->bytes(2, $deadline) !== "\r\n") {
            throw new BadRequest(400);
        }
    }
    $trailers = 0;                                    // trailer fields are read and ignored
    while (($line = $in->line(MAX_HEAD, $deadline, 431)) !== '') {
        if (($trailers += strlen($line) + 2) > MAX_HEAD) {
            throw new BadRequest(431);
        }
    }
    return $body;
}

/** Answers $status and closes, reading (and dropping) what the client still sends for a moment, so
 * that the answer is not lost to a reset. */
function reject($connection, int $status): void
{
    @fwrite($connection, response($status, REASONS[$status] . "\n", false));
    stream_socket_shutdown($connection, STREAM_SHUT_WR);
    stream_set_timeout($connection, 1);
    for ($drained = 0; $drained < 1 << 20 && ($data = @fread($connection, 65536)) !== false && $data !== '';) {
        $drained += strlen($data);
    }
}

function serve($connection, int $delayMs): void
{
    $hello = [false => response(200, "Hello, world!\n", false), true => response(200, "Hello, world!\n", true)];
    $in = new Reader($connection);
    try {
        while (($head = $in->head()) !== null) {
            if (preg_match(PLAIN_GET, $head)) {
                [$method, $keepAlive, $body] = ['GET', true, ''];     // the usual request, in one match
            } else {
                [$method, $keepAlive, $body] = read_request($in, $connection, $head);
            }
            if ($delayMs > 0) {
                delay($delayMs);
            }
            if ($body === '' && $method !== 'HEAD') {
                $answer = $hello[$keepAlive];             // built once per connection
            } else {
                $text = $body === '' ? "Hello, world!\n" : 'received ' . strlen($body) . " bytes\n";
                $answer = response(200, $text, $keepAlive, $method !== 'HEAD');
            }
            if (fwrite($connection, $answer) === false || !$keepAlive) {
                break;
            }
        }
    } catch (BadRequest $e) {
        reject($connection, $e->status);
    }
    fclose($connection);
}

spawn(function () use ($server, $delayMs, $limit) {
    for ($served = 0; $served < $limit; $served++) {
        $connection = stream_socket_accept($server, -1);
        if ($connection !== false) {
            spawn(serve(...), $connection, $delayMs);
        }
    }
    fclose($server);
});
