--TEST--
Hooks: stream_select() and socket_select() in a coroutine never fail with EINTR ("Unable to select [4]: Interrupted system call") while other coroutines run commands of the exec family (the reactor's SIGCHLD handler), as stock PHP never does
--EXTENSIONS--
sockets
--FILE--
<?php
use function Async\{spawn, await_all, suspend};

$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$done = false;
$selects = 0;
$selector = spawn(function () use (&$done, &$selects) {
    [$a, $b] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, 0);
    socket_create_pair(AF_UNIX, SOCK_STREAM, 0, $pair);
    $failures = [];
    while (!$done) {
        for ($i = 0; $i < 200; $i++) {
            $r = [$a]; $w = $e = null;
            // Mostly zero timeouts (PHP's own select, tightly), sometimes a short wait (the hook's
            // polls around a reactor wait).
            $n = $i % 50 ? @stream_select($r, $w, $e, 0, 0) : @stream_select($r, $w, $e, 0, 200);
            $r = [$pair[0]]; $w = $e = null;
            $m = @socket_select($r, $w, $e, 0, 0);
            $selects += 2;
            foreach ([$n, $m] as $result) {
                if ($result !== 0) {
                    $failures[] = var_export($result, true) . ': ' . (error_get_last()['message'] ?? '');
                    error_clear_last();
                }
            }
        }
        suspend();
    }
    // Still PHP's select: ready streams are reported.
    fwrite($b, 'x');
    $r = [$a]; $w = $e = null;
    return [$selects, array_slice($failures, 0, 3), stream_select($r, $w, $e, 1)];
});
$runners = [];
for ($k = 0; $k < ($valgrind ? 2 : 16); $k++) {
    // Commands run at least until the selector has made 1000 selects (a zero-timeout select that
    // finds nothing yields, so under valgrind it makes fewer in the same time).
    $runners[] = spawn(function () use ($valgrind, &$selects) {
        for ($i = 0; $i < ($valgrind ? 5 : 40) || $selects <= 1000; $i++) {
            shell_exec('true');
            exec('true');
        }
    });
}
await_all($runners);
$done = true;
[[$selects, $failures, $ready]] = await_all([$selector])[0];
var_dump($selects > 1000, $failures, $ready);
?>
--EXPECT--
bool(true)
array(0) {
}
int(1)
