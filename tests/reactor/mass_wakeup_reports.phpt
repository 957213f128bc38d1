--TEST--
Reactor: waking 1,500 socket readers at once costs each at most two readiness reports (a woken coroutine's poll stops at once; a socket whose coroutine has not run yet is reported once more, then taken out of epoll); before, every poll until it ran reported it again, about 49,000 reports here
--FILE--
<?php
use function Async\{spawn, await, delay, runtime_stats};

$n = 1500; // more than the 1,024 events libuv takes from one epoll_wait: it polls again at once
$pairs = [];
for ($i = 0; $i < $n; $i++) {
    $pairs[] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
}
$readers = [];
foreach ($pairs as [$a]) {
    $readers[] = spawn(fn() => fread($a, 1));
}
delay(1); // every reader waits in its fread()

$before = runtime_stats()['poll_reports'];
foreach ($pairs as [, $b]) {
    fwrite($b, 'x'); // room in every socket: no wait, so all are ready at the next poll
}
$got = 0;
foreach ($readers as $reader) {
    $got += await($reader) === 'x';
}
$reports = runtime_stats()['poll_reports'] - $before;
var_dump($got);
var_dump($reports >= $n, $reports <= 2 * $n + 10);
if ($reports > 2 * $n + 10) {
    echo "reports: $reports\n";
}
?>
--EXPECT--
int(1500)
bool(true)
bool(true)
