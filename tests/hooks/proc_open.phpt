--TEST--
Hooks: proc_open() pipes and proc_close() suspend only the calling coroutine; results as stock PHP
--FILE--
<?php
use function Async\{spawn, await, delay};
// valgrind does not know pidfd_open(2): the process events poll with waitpid() instead there.
if (getenv('USE_ZEND_ALLOC') === '0') putenv('ASYNC_UV_NO_PIDFD=1');

function probe(): array {
    $r = [];
    set_error_handler(function ($no, $message) use (&$r) { $r[] = "warning $no: $message"; return true; });
    $proc = proc_open("cat; echo err >&2; exit 5", [["pipe", "r"], ["pipe", "w"], ["pipe", "w"]], $pipes);
    $r[] = get_resource_type($proc);
    $r[] = stream_get_meta_data($pipes[0]);
    $r[] = stream_get_meta_data($pipes[1]);
    $r[] = fwrite($pipes[0], str_repeat("y", 30000) . "\nlast line");
    fclose($pipes[0]);
    $r[] = strlen(fgets($pipes[1]));
    $r[] = feof($pipes[1]);
    $r[] = stream_get_contents($pipes[1]);
    $r[] = feof($pipes[1]);
    $r[] = fread($pipes[1], 10);
    $r[] = stream_get_contents($pipes[2]);
    $r[] = proc_close($proc);
    // proc_close() with the pipes still open closes them first: cat sees the end of its input.
    $proc = proc_open("cat > /dev/null; exit 4", [["pipe", "r"]], $pipes);
    $r[] = proc_close($proc);
    $r[] = is_resource($pipes[0]) ? "open" : get_resource_type($pipes[0]);
    // A child already reaped by proc_get_status(): stock PHP 8.2 returns -1; 8.3 keeps the status
    // proc_get_status() saw and returns that.
    $proc = proc_open("exit 6", [], $pipes);
    do { $status = proc_get_status($proc); usleep(10000); } while ($status['running']);
    $r[] = $status['exitcode'];
    $closed = proc_close($proc);
    $r[] = $closed === (PHP_VERSION_ID >= 80300 ? 6 : -1) ? "the status stock PHP gives" : $closed;
    $proc = proc_open('kill -9 $$', [], $pipes);
    $r[] = proc_close($proc);
    // Non-blocking mode: nothing there yet is "" at once, not a wait.
    $proc = proc_open("sleep 0.3; echo late", [1 => ["pipe", "w"]], $pipes);
    $r[] = stream_set_blocking($pipes[1], false);
    $r[] = fread($pipes[1], 100);
    $r[] = feof($pipes[1]);
    $read = [$pipes[1]]; $write = $except = null;
    $r[] = stream_select($read, $write, $except, 5);
    $r[] = fread($pipes[1], 100);
    $r[] = proc_close($proc);
    // Timeouts (stock PHP pipes have none): a silent pipe gives false after it (as a socket), with timed_out set.
    $proc = proc_open("sleep 5", [1 => ["pipe", "w"]], $pipes);
    $r[] = stream_set_timeout($pipes[1], 0, 200000);
    $t = hrtime(true);
    $r[] = fread($pipes[1], 10);
    $ms = (hrtime(true) - $t) / 1e6;
    $r[] = stream_get_meta_data($pipes[1])['timed_out'];
    $r[] = $ms >= 150 && $ms < 3000;
    proc_terminate($proc);
    $r[] = proc_close($proc);
    // Bad input, as stock.
    try { proc_close(fopen("php://memory", "r")); } catch (Throwable $e) { $r[] = get_class($e) . ": " . $e->getMessage(); }
    try { proc_open("", [], $pipes); } catch (Throwable $e) { $r[] = get_class($e) . ": " . $e->getMessage(); }
    $r[] = proc_open("true", [["nonsense"]], $pipes);
    restore_error_handler();
    return $r;
}

$stock = probe();
$hooked = await(spawn('probe'));
var_dump($stock === $hooked);
foreach ($hooked as $value) echo json_encode($value), "\n";

// Reading a pipe suspends only the reader.
$order = [];
$a = spawn(function () use (&$order) {
    $proc = proc_open("sleep 0.2; echo hi", [1 => ["pipe", "w"]], $pipes);
    $order[] = "a reads";
    $order[] = "a got " . trim(fgets($pipes[1]));
    $order[] = "a closed: " . proc_close($proc);
});
$b = spawn(function () use (&$order) { $order[] = "b runs"; });
await($a); await($b);
echo implode(", ", $order), "\n";

// A writer blocked on a full pipe lets the reader drain it: 1 MB through cat, in two coroutines
// of one process (a blocking write would deadlock here).
$proc = proc_open("cat", [["pipe", "r"], ["pipe", "w"]], $pipes);
$writer = spawn(function () use ($pipes) { $n = fwrite($pipes[0], str_repeat("z", 1 << 20)); fclose($pipes[0]); return $n; });
$reader = spawn(fn() => strlen(stream_get_contents($pipes[1])));
var_dump(await($writer), await($reader), proc_close($proc));

// Overlap: 5 children of 1 s each, read to the end and closed, take far less than 5 s.
$t = hrtime(true);
$cs = [];
for ($i = 0; $i < 5; $i++) {
    $cs[] = spawn(function ($i) {
        $proc = proc_open("sleep 1; echo $i", [1 => ["pipe", "w"]], $pipes);
        $out = stream_get_contents($pipes[1]);
        return [(int) $out, proc_close($proc)];
    }, $i);
}
$results = array_map(fn($c) => await($c), $cs);
$elapsed = (hrtime(true) - $t) / 1e9;
echo json_encode($results), " ", json_encode($elapsed >= 0.9 && $elapsed < 3.5), "\n";

// proc_close() alone (no pipes) overlaps too.
$t = hrtime(true);
$cs = [];
for ($i = 0; $i < 5; $i++) $cs[] = spawn(fn() => proc_close(proc_open("sleep 1; exit 2", [], $pipes)));
$codes = array_map(fn($c) => await($c), $cs);
$elapsed = (hrtime(true) - $t) / 1e9;
echo json_encode($codes), " ", json_encode($elapsed >= 0.9 && $elapsed < 3.5), "\n";

// A reader cancelled while it waits gets the cancellation.
$proc = proc_open("sleep 5", [1 => ["pipe", "w"]], $pipes);
$c = spawn(fn() => fread($pipes[1], 10));
delay(50);
$c->cancel();
try { await($c); } catch (Async\AsyncCancellation $e) { echo "cancelled\n"; }
proc_terminate($proc);
var_dump(proc_close($proc));

// A pipe a coroutine has read from, handed to another child as its stdin, is blocking again there.
echo await(spawn(function () {
    $first = proc_open("echo first; sleep 0.3; echo second", [1 => ["pipe", "w"]], $pipes1);
    $line = fgets($pipes1[1]);
    $second = proc_open("cat", [0 => $pipes1[1], 1 => ["pipe", "w"], 2 => ["pipe", "w"]], $pipes2);
    fclose($pipes1[1]);
    $out = stream_get_contents($pipes2[1]) . stream_get_contents($pipes2[2]);
    return trim($line) . " / " . trim($out) . " / " . proc_close($second) . " " . proc_close($first);
})), "\n";

// A watchdog closes the process while a coroutine waits on its pipe: the reader fails as a read of
// a closed descriptor does (tests/hooks/stream_close_rule.phpt) instead of waiting forever.
$proc = proc_open("sleep 5", [1 => ["pipe", "w"]], $pipes);
$reader = spawn(function () use ($pipes) {
    $got = @fread($pipes[1], 10);
    return [$got, preg_replace('/\d+ bytes/', 'N bytes', error_get_last()['message'] ?? '')];
});
delay(50);
proc_terminate($proc);
var_dump(proc_close($proc), await($reader));

// A proc_close() cancelled while it waits: the pipes are closed, the process resource stays.
$proc = proc_open("sleep 5", [["pipe", "r"]], $pipes);
$c = spawn(fn() => proc_close($proc));
delay(50);
$c->cancel();
try { await($c); } catch (Async\AsyncCancellation $e) { echo "cancelled\n"; }
var_dump(get_resource_type($pipes[0]), get_resource_type($proc), proc_get_status($proc)['running']);
proc_terminate($proc);
var_dump(await(spawn(fn() => proc_close($proc))));
?>
--EXPECT--
bool(true)
"process"
{"timed_out":false,"blocked":true,"eof":false,"stream_type":"STDIO","mode":"w","unread_bytes":0,"seekable":false}
{"timed_out":false,"blocked":true,"eof":false,"stream_type":"STDIO","mode":"r","unread_bytes":0,"seekable":false}
30010
30001
false
"last line"
true
""
"err\n"
5
4
"Unknown"
6
"the status stock PHP gives"
9
true
""
false
1
"late\n"
0
true
false
true
true
15
"TypeError: proc_close(): supplied resource is not a valid process resource"
"warning 2: proc_open(): nonsense is not a valid descriptor spec\/mode"
false
a reads, b runs, a got hi, a closed: 0
int(1048576)
int(1048576)
int(0)
[[0,0],[1,0],[2,0],[3,0],[4,0]] true
[2,2,2,2,2] true
cancelled
int(15)
first / second / 0 0
int(15)
array(2) {
  [0]=>
  bool(false)
  [1]=>
  string(64) "fread(): Read of N bytes failed with errno=9 Bad file descriptor"
}
cancelled
string(7) "Unknown"
string(7) "process"
bool(true)
int(15)
