--TEST--
Hooks: popen() streams and pclose() suspend only the calling coroutine; results, warnings and errors as stock PHP
--FILE--
<?php
use function Async\{spawn, await, delay};
// valgrind does not know pidfd_open(2): the process events poll with waitpid() instead there.
if (getenv('USE_ZEND_ALLOC') === '0') putenv('ASYNC_UV_NO_PIDFD=1');

function probe(): array {
    $r = [];
    set_error_handler(function ($no, $message) use (&$r) { $r[] = "warning $no: $message"; return true; });
    $p = popen("printf 'hello\\nworld'; exit 3", "r");
    $r[] = stream_get_meta_data($p);
    $r[] = fgets($p);
    $r[] = feof($p);
    $r[] = stream_get_contents($p);
    $r[] = feof($p);
    $r[] = pclose($p);
    $p = popen("cat > /dev/null; exit 1", "wb");
    $r[] = stream_get_meta_data($p);
    $r[] = fwrite($p, str_repeat("x", 200000));
    $r[] = pclose($p);
    $p = popen('kill -9 $$', "r");
    $r[] = stream_get_contents($p);
    $r[] = pclose($p);
    $p = popen("echo via fclose", "r");
    $r[] = fgets($p);
    $r[] = fclose($p);
    $p = popen("no-such-command-xyz 2>/dev/null", "r");
    $r[] = stream_get_contents($p);
    $r[] = pclose($p);
    foreach (["x", "rw", "rbb", "", "br", "r\0"] as $mode) {
        try {
            $p = popen("true", $mode);
            $r[] = is_resource($p) ? pclose($p) : $p;
        } catch (Throwable $e) {
            $r[] = get_class($e) . ": " . $e->getMessage();
        }
    }
    try { popen("echo a\0b", "r"); } catch (Throwable $e) { $r[] = get_class($e) . ": " . $e->getMessage(); }
    try { pclose(fopen("php://memory", "r")); } catch (Throwable $e) { $r[] = get_class($e) . ": " . $e->getMessage(); }
    restore_error_handler();
    return $r;
}

// Opened before any coroutine exists: PHP's own popen(), its stream given the proxy ops. The
// command prints what comes through a FIFO, written later by a coroutine.
$fifo = sys_get_temp_dir() . "/async_hooks_popen_" . getmypid();
exec("mkfifo " . escapeshellarg($fifo));
$early = popen("cat " . escapeshellarg($fifo), "r");
$stock = probe();
$hooked = await(spawn('probe'));
var_dump($stock === $hooked);
foreach ($hooked as $value) echo json_encode($value), "\n";

// Reading suspends only the reader.
$order = [];
$a = spawn(function () use (&$order) {
    $p = popen("sleep 0.2; echo hi", "r");
    $order[] = "a reads";
    $order[] = "a got " . trim(fgets($p));
    $order[] = "a closed: " . pclose($p);
});
$b = spawn(function () use (&$order) { $order[] = "b runs"; });
await($a); await($b);
echo implode(", ", $order), "\n";

// pclose() waits for the command without blocking the others: the command outlives its output.
$order = [];
$a = spawn(function () use (&$order) {
    $p = popen("exec >&-; sleep 0.3; exit 2", "r");
    $order[] = "a read " . json_encode(stream_get_contents($p));
    $order[] = "a closed: " . pclose($p);
});
$b = spawn(function () use (&$order) { delay(100); $order[] = "b runs"; });
await($a); await($b);
echo implode(", ", $order), "\n";

// Overlap: 5 commands of 1 s each take far less than 5 s.
foreach (["r", "w"] as $mode) {
    $t = hrtime(true);
    $cs = [];
    for ($i = 0; $i < 5; $i++) {
        $cs[] = spawn(function ($i) use ($mode) {
            $p = popen($mode === "r" ? "sleep 1; echo $i" : "sleep 1; cat > /dev/null", $mode);
            $out = $mode === "r" ? (int) stream_get_contents($p) : fwrite($p, "data");
            return [$out, pclose($p)];
        }, $i);
    }
    $results = array_map(fn($c) => await($c), $cs);
    $elapsed = (hrtime(true) - $t) / 1e9;
    echo $mode, ": ", json_encode($results), " ", json_encode($elapsed >= 0.9 && $elapsed < 3.5), "\n";
}

// That early stream is read by a coroutine without blocking the others.
$p = $early;
$order = [];
$a = spawn(function () use ($p, &$order) { $order[] = "a reads"; $order[] = "a got " . trim(fgets($p)); });
$b = spawn(function () use ($fifo, &$order) { $order[] = "b runs"; $w = fopen($fifo, "w"); fwrite($w, "main\n"); fclose($w); });
await($a); await($b);
echo implode(", ", $order), "\n";
var_dump(pclose($p));
unlink($fifo);

// fclose() by another coroutine while one reads: the reader fails as a read of a closed descriptor does.
$p = popen("sleep 0.5", "r");
$reader = spawn(function () use ($p) {
    $got = @fread($p, 10);
    return [$got, preg_replace('/\d+ bytes/', 'N bytes', error_get_last()['message'] ?? '')];
});
delay(50);
var_dump(fclose($p), await($reader));

// A pclose() cancelled while it waits: the stream is closed, the command left to run.
$p = popen("sleep 0.5", "r");
$c = spawn(fn() => pclose($p));
delay(50);
$c->cancel();
try { await($c); } catch (Async\AsyncCancellation $e) { echo "cancelled\n"; }
var_dump(get_resource_type($p));
?>
--EXPECT--
bool(true)
{"timed_out":false,"blocked":true,"eof":false,"stream_type":"STDIO","mode":"r","unread_bytes":0,"seekable":false}
"hello\n"
false
"world"
true
3
{"timed_out":false,"blocked":true,"eof":false,"stream_type":"STDIO","mode":"wb","unread_bytes":0,"seekable":false}
200000
1
""
9
"via fclose\n"
true
""
127
"ValueError: popen(): Argument #2 ($mode) must be one of \"r\", \"rb\", \"w\", or \"wb\""
"ValueError: popen(): Argument #2 ($mode) must be one of \"r\", \"rb\", \"w\", or \"wb\""
"warning 2: popen(true,rb): Invalid argument"
false
"warning 2: popen(true,): Invalid argument"
false
0
"ValueError: popen(): Argument #2 ($mode) must be one of \"r\", \"rb\", \"w\", or \"wb\""
"ValueError: popen(): Argument #1 ($command) must not contain any null bytes"
a reads, b runs, a got hi, a closed: 0
a read "", b runs, a closed: 2
r: [[0,0],[1,0],[2,0],[3,0],[4,0]] true
w: [[4,0],[4,0],[4,0],[4,0],[4,0]] true
a reads, b runs, a got main
int(0)
bool(true)
array(2) {
  [0]=>
  bool(false)
  [1]=>
  string(64) "fread(): Read of N bytes failed with errno=9 Bad file descriptor"
}
cancelled
string(7) "Unknown"
