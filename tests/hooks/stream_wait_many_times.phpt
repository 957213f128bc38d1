--TEST--
Stream hooks: a socket stream read and written in turns, each read waiting; the fd number of a closed stream reused by the next one; a socket nobody waits on any more neither keeps the script alive nor spins when data comes for it
--INI--
default_socket_timeout=10
--FILE--
<?php
use function Async\spawn;
use function Async\await;
use function Async\delay;

$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);

// an echo peer answering after a delay, so that every read of the client has to wait
$peer = function () use ($server, $address) {
    $connection = stream_socket_accept($server);
    while (($line = fgets($connection)) !== false) {
        delay(2);
        fwrite($connection, strtoupper($line));
    }
    fclose($connection);
};

for ($round = 1; $round <= 2; $round++) {
    $echo = spawn($peer);
    $result = await(spawn(function () use ($address, $round) {
        $client = stream_socket_client("tcp://$address");
        $answers = [];
        for ($i = 0; $i < 50; $i++) {
            fwrite($client, "line $round.$i\n");
            $answers[] = rtrim(fgets($client));
        }
        fclose($client);
        return $answers;
    }));
    await($echo);
    echo "round $round: ", count($result), " answers, first ", $result[0], ", last ", $result[49], "\n";
}

// the fds of closed streams are reused by the next sockets (the lowest free numbers): waits on
// the new ones see their data
$fds = [];
$results = await(spawn(function () use ($server, $address, &$fds) {
    $out = [];
    for ($i = 0; $i < 3; $i++) {
        $client = stream_socket_client("tcp://$address");
        $accepted = stream_socket_accept($server);
        $fds[] = implode(',', scandir('/proc/self/fd'));
        $writer = spawn(function () use ($accepted, $i) {
            delay(5);
            fwrite($accepted, "data $i\n");
        });
        $out[] = rtrim(fgets($client)); // waits
        await($writer);
        fclose($client);
        fclose($accepted);
    }
    return $out;
}));
echo implode(', ', $results), "\n";
echo "the same fd numbers each time: ", count(array_unique($fds)) === 1 ? 'yes' : 'no', "\n";

// a socket whose reader waited once, then nobody waits on it while data comes: no spinning
$idle = await(spawn(function () use ($server, $address) {
    $client = stream_socket_client("tcp://$address");
    $accepted = stream_socket_accept($server);
    $writer = spawn(function () use ($accepted) {
        delay(5);
        fwrite($accepted, "first\n");
    });
    $first = rtrim(fgets($client)); // waits: the reactor watches the socket
    await($writer);
    fwrite($accepted, "second\n"); // comes while nobody waits
    $before = getrusage();
    $start = hrtime(true);
    delay(300);
    $wall = (hrtime(true) - $start) / 1e9;
    $after = getrusage();
    $cpu = ($after['ru_utime.tv_sec'] - $before['ru_utime.tv_sec']) + ($after['ru_utime.tv_usec'] - $before['ru_utime.tv_usec']) / 1e6
        + ($after['ru_stime.tv_sec'] - $before['ru_stime.tv_sec']) + ($after['ru_stime.tv_usec'] - $before['ru_stime.tv_usec']) / 1e6;
    $second = rtrim(fgets($client));
    return [$first, $second, $cpu < 0.5 * $wall ? 'idle while waiting' : "busy: $cpu s of CPU in $wall s", $client, $accepted];
}));
echo "$idle[0], $idle[1], $idle[2]\n";
// $idle keeps both sockets open: the script must still end
echo "end\n";
?>
--EXPECT--
round 1: 50 answers, first LINE 1.0, last LINE 1.49
round 2: 50 answers, first LINE 2.0, last LINE 2.49
data 0, data 1, data 2
the same fd numbers each time: yes
first, second, idle while waiting
end
