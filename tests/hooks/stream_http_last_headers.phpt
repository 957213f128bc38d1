--TEST--
Stream hooks: http_get_last_response_headers() with http:// requests overlapping in coroutines: each coroutine that reads it right after its request gets that request's headers, the last request to end leaves its own, clearing works, and overlapping requests leak nothing (PHP 8.4's opener overwrote the headers of one that ended while another ran)
--SKIPIF--
<?php
if (!function_exists('http_get_last_response_headers')) die('skip http_get_last_response_headers() came in PHP 8.4');
?>
--INI--
default_socket_timeout=10
allow_url_fopen=1
--FILE--
<?php
use function Async\{spawn, await, await_all, delay};

$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
// Answers /NAME/MS after MS milliseconds, with the header X-Name: NAME.
$serverCoroutine = spawn(function () use ($server) {
    while ($connection = @stream_socket_accept($server)) {
        spawn(function () use ($connection) {
            [, $path] = explode(' ', fgets($connection));
            while (($line = fgets($connection)) !== false && rtrim($line) !== '');
            [, $name, $ms] = explode('/', $path);
            delay((int) $ms);
            fwrite($connection, "HTTP/1.0 200 OK\r\nX-Name: $name\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            fclose($connection);
        });
    }
});

function fetch(string $address, string $name, int $ms): string {
    file_get_contents("http://$address/$name/$ms");
    $headers = http_get_last_response_headers();
    return $headers === null ? "$name: null" : "$name: " . implode(', ', preg_grep('/^X-Name/', $headers));
}

// slow starts first and ends last; fast ends while slow still runs.
$slow = spawn(fn() => fetch($address, 'slow', 300));
$fast = spawn(fn() => fetch($address, 'fast', 50));
echo await($fast), "\n", await($slow), "\n";
echo "after both: ", implode(', ', preg_grep('/^X-Name/', http_get_last_response_headers())), "\n";

// fast ends last this time.
$slow = spawn(fn() => fetch($address, 'slow', 50));
$fast = spawn(function () use ($address) { delay(20); return fetch($address, 'late', 100); });
echo await($slow), "\n", await($fast), "\n";
echo "after both: ", implode(', ', preg_grep('/^X-Name/', http_get_last_response_headers())), "\n";

// Clearing while another request runs.
$running = spawn(fn() => fetch($address, 'running', 100));
$cleared = spawn(function () use ($address) {
    fetch($address, 'first', 10);
    http_clear_last_response_headers();
    return var_export(http_get_last_response_headers(), true);
});
echo "cleared: ", await($cleared), "\n", await($running), "\n";

// Memory: rounds of three overlapping requests do not grow the heap (before, each round leaked the
// headers of the requests that ended while another ran).
$round = function () use ($address) {
    await_all([spawn(fn() => fetch($address, 'a', 30)), spawn(fn() => fetch($address, 'b', 1)), spawn(fn() => fetch($address, 'c', 10))]);
};
for ($i = 0; $i < 5; $i++) $round();
$before = memory_get_usage();
for ($i = 0; $i < 40; $i++) $round();
$growth = memory_get_usage() - $before;
echo "heap growth over 40 rounds under 4 KB: ", $growth < 4096 ? "yes" : "no ($growth bytes)", "\n";

fclose($server);
await($serverCoroutine);
http_clear_last_response_headers();
var_dump(http_get_last_response_headers());
?>
--EXPECT--
fast: X-Name: fast
slow: X-Name: slow
after both: X-Name: slow
slow: X-Name: slow
late: X-Name: late
after both: X-Name: late
cleared: NULL
running: X-Name: running
heap growth over 40 rounds under 4 KB: yes
NULL
