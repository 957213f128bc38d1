<?php
// Waking N socket readers at once: part of bench/run.sh.
//   php -d extension=async wakeup.php [n...]          (default: 1000 4000 16000)
// N coroutines each wait in fread() on their own unix socket connection. The other ends are held
// by a child process (a process may have too few descriptors for both ends of 16,000): once every
// reader waits, the child writes one byte to each connection while this process spins without
// running the reactor; then the main script awaits all readers, and the first reactor turn finds
// N sockets ready at once. Prints a line per N:
//   N  wall-ms  cpu-ms  poll-reports
// the milliseconds from then until the last reader is done, the CPU milliseconds this process
// spent meanwhile (user + system: a shared machine disturbs it less than the wall time), and the
// readiness reports the reactor handled meanwhile (Async\runtime_stats()['poll_reports'], "-"
// where the build does not count them). Linear: all three grow as N does.
//   php wakeup.php --writer PATH N                    (the child: connects, then writes on "go")
use function Async\{spawn, await, delay};

if (($argv[1] ?? '') === '--writer') {
    [$path, $n] = [$argv[2], (int) $argv[3]];
    $connections = [];
    for ($i = 0, $tries = 0; $i < $n; ) {
        // A unix socket's connect fails at once (EAGAIN) while the listener's backlog is full.
        $connection = @stream_socket_client("unix://$path", $errno, $errstr, 30);
        if ($connection !== false) {
            $connections[] = $connection;
            $i++;
        } elseif (++$tries < 10000) {
            usleep(1000);
        } else {
            exit("writer: connection $i: $errstr\n");
        }
    }
    fwrite(STDOUT, "connected\n");
    if (trim(fgets(STDIN)) !== 'go') {
        exit(1);
    }
    foreach ($connections as $connection) {
        fwrite($connection, 'x');
    }
    fwrite(STDOUT, "written\n");
    fgets(STDIN); // until the parent is done
    exit(0);
}

function cpu_ms(): float { // this process's user + system time
    $u = getrusage();
    return ($u['ru_utime.tv_sec'] + $u['ru_stime.tv_sec']) * 1e3 + ($u['ru_utime.tv_usec'] + $u['ru_stime.tv_usec']) / 1e3;
}

function poll_reports(): ?int {
    return Async\runtime_stats()['poll_reports'] ?? null;
}

function wake_round(int $n): array {
    $path = sys_get_temp_dir() . '/async-wakeup-' . getmypid() . '.sock';
    @unlink($path);
    $server = stream_socket_server("unix://$path", $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
        stream_context_create(['socket' => ['backlog' => 4096]])) ?: throw new Error($errstr);
    $writer = proc_open([PHP_BINARY, '-n', __FILE__, '--writer', $path, (string) $n],
        [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
    $readers = [];
    for ($i = 0; $i < $n; $i++) {
        $connection = stream_socket_accept($server, 30) ?: throw new Error("accept $i failed: " . fgets($pipes[1]));
        $readers[] = spawn(fn() => fread($connection, 1));
    }
    if (($answer = fgets($pipes[1])) !== "connected\n") {
        throw new Error("the writer did not connect: $answer");
    }
    delay(1); // every reader has run into its fread() (they were queued before this coroutine)

    // The writer writes to every connection while this process runs no reactor turn.
    fwrite($pipes[0], "go\n");
    stream_set_blocking($pipes[1], false);
    $answer = '';
    while (!str_ends_with($answer, "\n")) {
        $answer .= fread($pipes[1], 64);
    }
    if ($answer !== "written\n") {
        throw new Error("the writer said: $answer");
    }

    $reports = poll_reports();
    $cpu = cpu_ms();
    $t = hrtime(true);
    foreach ($readers as $reader) {
        if (await($reader) !== 'x') {
            throw new Error('a reader got something else');
        }
    }
    $ms = (hrtime(true) - $t) / 1e6;
    $cpu = cpu_ms() - $cpu;
    $reports = $reports === null ? '-' : poll_reports() - $reports;

    fclose($pipes[0]);
    fclose($pipes[1]);
    proc_close($writer);
    fclose($server);
    @unlink($path);
    return [$ms, $cpu, $reports];
}

$sizes = array_map('intval', array_slice($argv, 1)) ?: [1000, 4000, 16000];
foreach ($sizes as $n) {
    [$ms, $cpu, $reports] = wake_round($n);
    printf("%d %.2f %.1f %s\n", $n, $ms, $cpu, $reports);
}
