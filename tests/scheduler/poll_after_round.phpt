--TEST--
Scheduler: the reactor polls again only once every coroutine its last poll woke has run (a round of the run queue), so 500 echo-like readers woken together are each reported once per message; polling every 64 runs reported the ones still queued again (nearly twice the reports) and took their sockets out of epoll
--FILE--
<?php
use function Async\{spawn, await, delay, runtime_stats};

$n = 500; // fewer than one epoll_wait returns (1,024)
$rounds = 3;
$pairs = [];
for ($i = 0; $i < $n; $i++) {
    $pairs[] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
}
$read = 0;
$readers = [];
foreach ($pairs as [$a]) {
    $readers[] = spawn(function () use ($a, $rounds, &$read) {
        $got = '';
        for ($r = 0; $r < $rounds; $r++) {
            $got .= fread($a, 1);
            $read++; // and waits again at once, as a server's loop does
        }
        return $got;
    });
}
delay(1);

$before = runtime_stats()['poll_reports'];
for ($r = 0; $r < $rounds; $r++) {
    foreach ($pairs as [, $b]) {
        fwrite($b, (string) $r);
    }
    while ($read < $n * ($r + 1)) { // one message at a time in each socket, however slow the machine
        delay(1);
    }
}
$ok = 0;
foreach ($readers as $reader) {
    $ok += await($reader) === '012';
}
$reports = runtime_stats()['poll_reports'] - $before;
var_dump($ok);
var_dump($reports >= $n * $rounds, $reports <= $n * $rounds * 1.2);
if ($reports > $n * $rounds * 1.2) {
    echo "reports: $reports\n";
}
?>
--EXPECT--
int(500)
bool(true)
bool(true)
