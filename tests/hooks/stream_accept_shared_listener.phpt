--TEST--
Hooks: two processes accepting in coroutines on one listening socket (forked after listen): a connection the other process took first makes the accept wait again, never fail ("Accept failed: Resource temporarily unavailable") nor block the process
--EXTENSIONS--
pcntl
--FILE--
<?php
use function Async\{spawn, await, delay};

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$address = stream_socket_get_name($server, false);
$report = tempnam(sys_get_temp_dir(), 'accept_shared');

$pid = pcntl_fork();

/** Accepts until no connection came for a second; answers each with "y". */
function acceptLoop($server): array
{
    $accepted = 0;
    $failures = [];
    $longestGap = 0.0;
    $ticker = spawn(function () use (&$longestGap, &$done) {
        $last = hrtime(true);
        while (!$done) {
            delay(5);
            $now = hrtime(true);
            $longestGap = max($longestGap, ($now - $last) / 1e9);
            $last = $now;
        }
    });
    $done = false;
    while (true) {
        $client = @stream_socket_accept($server, 1);
        if ($client === false) {
            $message = error_get_last()['message'] ?? '';
            if (str_contains($message, 'timed out')) {
                break;
            }
            $failures[] = $message;
            continue;
        }
        $accepted++;
        fwrite($client, 'y');
        fclose($client);
    }
    $done = true;
    await($ticker);
    return [$accepted, $failures, $longestGap];
}

if ($pid === 0) {
    [$accepted, $failures, $gap] = await(spawn(fn() => acceptLoop($server)));
    file_put_contents($report, json_encode([$accepted, $failures, $gap]));
    exit(0);
}

$answered = 0;
$clients = spawn(function () use ($address, &$answered) {
    delay(100);
    for ($i = 0; $i < 300; $i++) {
        $c = stream_socket_client("tcp://$address", $errno, $errstr, 5);
        if ($c !== false && fread($c, 1) === 'y') {
            $answered++;
        }
        if ($i % 10 === 0) {
            delay(1);
        }
    }
});
[$accepted, $failures, $gap] = await(spawn(fn() => acceptLoop($server)));
await($clients);
pcntl_waitpid($pid, $status);
[$childAccepted, $childFailures, $childGap] = json_decode(file_get_contents($report), true);
unlink($report);

echo "answered: $answered\n";
echo "accepted by both: ", $accepted + $childAccepted, "\n";
echo "failed accepts: ", count($failures) + count($childFailures), "\n";
foreach (array_unique(array_merge($failures, $childFailures)) as $message) echo "  $message\n";
echo "a process blocked for more than 0.5 s: ", ($gap > 0.5 || $childGap > 0.5) ? "yes" : "no", "\n";
?>
--EXPECT--
answered: 300
accepted by both: 300
failed accepts: 0
a process blocked for more than 0.5 s: no
