<?php
/*
 * Every core: N worker processes, each a coroutine server on the same port (SO_REUSEPORT: the
 * kernel spreads the connections over them), and a master that keeps them running.
 *
 *   php examples/prefork_server.php [port] [workers] [grace ms]
 *     port      0 (default): a free port, printed at start
 *     workers   default: the number of CPUs (Async\available_parallelism())
 *     grace ms  how long a stopping worker lets its requests in flight finish (default 5000)
 *
 * Signals to the master:
 *   SIGTERM, SIGINT  graceful stop: each worker stops accepting, finishes its requests in flight
 *                    (at most `grace ms`), cancels the rest, exits 0; then the master exits 0
 *   SIGHUP           graceful reload: new workers start first (new code, new settings), then the
 *                    old ones stop as above, so the port never goes unserved
 * A worker that dies otherwise is replaced.
 *
 * Needs ext/pcntl and ext/posix (Debian's php-cli has both).
 *
 * Forking is only supported before a process starts its first coroutine: the master never starts
 * one, and each worker starts its own after the fork.
 *
 * The HTTP here is deliberately small and strict: GET or HEAD without a body, one request per
 * connection; anything else gets 400 or 405 and the connection closes. examples/http_server.php is
 * the complete HTTP/1.1 server (keep-alive, bodies, limits).
 */
use Async\{Scope, Signal};
use function Async\{spawn, await, delay, signal, timeout, available_parallelism};

$port = (int) ($argv[1] ?? 0);
$workers = (int) ($argv[2] ?? 0) ?: available_parallelism();
$grace_ms = (int) ($argv[3] ?? 5000);

if ($port === 0) {
    // A free port for all workers: bound once and let go (a socket the master kept would take its
    // share of the connections and never accept them).
    $probe = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int) substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
    fclose($probe);
}

function listen(int $port) /* : resource|false */
{
    $context = stream_context_create(['socket' => ['so_reuseport' => true, 'backlog' => 511]]);
    return @stream_socket_server("tcp://127.0.0.1:$port", $errno, $error, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $context);
}

function respond($client, int $status, string $reason, string $body, bool $head = false): void
{
    fwrite($client, "HTTP/1.1 $status $reason\r\nContent-Type: text/plain\r\nContent-Length: " . strlen($body)
        . "\r\nConnection: close\r\n\r\n" . ($head ? '' : $body));
}

/* One connection: a GET or HEAD without a body, within 10 s. */
function serve($client): void
{
    $head = '';
    $deadline = hrtime(true) + 10_000_000_000;
    stream_set_timeout($client, 10);
    while (!str_contains($head, "\r\n\r\n")) {
        $chunk = fread($client, 8192);
        if ($chunk === '' || $chunk === false || strlen($head) > 16384 || hrtime(true) > $deadline) {
            return; // closed, too large, or too slow: nothing to answer
        }
        $head .= $chunk;
    }
    $lines = explode("\r\n", substr($head, 0, strpos($head, "\r\n\r\n")));
    if (!preg_match('#^(GET|HEAD|[A-Z]+) (/\S*) HTTP/1\.[01]$#', $lines[0], $request)) {
        respond($client, 400, 'Bad Request', "bad request\n");
        return;
    }
    foreach (array_slice($lines, 1) as $line) {
        if (preg_match('/^(content-length|transfer-encoding)\s*:\s*(.*)$/i', $line, $h) && trim($h[2]) !== '0') {
            respond($client, 400, 'Bad Request', "no request bodies here\n"); // and no smuggling
            return;
        }
    }
    if ($request[1] !== 'GET' && $request[1] !== 'HEAD') {
        respond($client, 405, 'Method Not Allowed', "GET or HEAD\n");
        return;
    }
    if (preg_match('#^/sleep/(\d+)$#', $request[2], $m)) {
        delay(min((int) $m[1], 60_000)); // a slow request, to see a graceful stop wait for it
    }
    respond($client, 200, 'OK', "hello from worker " . getmypid() . "\n", $request[1] === 'HEAD');
}

/* A worker process: serves until SIGTERM, then stops gracefully and exits 0. */
function worker(int $port, int $grace_ms): never
{
    $server = listen($port);
    if ($server === false) {
        fwrite(STDERR, "worker " . getmypid() . ": cannot listen on port $port\n");
        exit(1);
    }
    $requests = new Scope();
    $requests->setExceptionHandler(function (Scope $scope, Async\Coroutine $co, Throwable $e) {
        fwrite(STDERR, "worker " . getmypid() . ": request failed: " . $e->getMessage() . "\n");
    });
    $acceptor = spawn(function () use ($server, $requests) {
        while (($client = @stream_socket_accept($server, -1)) !== false) {
            $requests->spawn(function () use ($client) {
                try {
                    serve($client);
                } finally {
                    fclose($client);
                }
            });
        }
    });
    await(signal(Signal::SIGTERM));
    $acceptor->cancel();
    fclose($server); // the other workers take the new connections
    $enough = signal(Signal::SIGTERM, timeout($grace_ms));
    try {
        $requests->awaitCompletion($enough);
    } catch (Async\OperationCanceledException) {
        $requests->cancel();
        $requests->awaitAfterCancellation();
    }
    $enough->ignore();
    exit(0);
}

/* ---- the master: plain PHP, no coroutine, so that it may fork at any time ---- */

function start_worker(int $port, int $grace_ms): int
{
    $pid = pcntl_fork();
    if ($pid === 0) {
        pcntl_signal(SIGTERM, SIG_DFL);
        pcntl_signal(SIGHUP, SIG_DFL);
        pcntl_signal(SIGINT, SIG_IGN); // Ctrl-C reaches the whole group: the master stops the workers
        worker($port, $grace_ms);
    }
    if ($pid < 0) {
        fwrite(STDERR, "cannot fork a worker\n");
        exit(1);
    }
    return $pid;
}

$pids = [];
for ($i = 0; $i < $workers; $i++) {
    $pids[start_worker($port, $grace_ms)] = true;
}
echo "listening on 127.0.0.1:$port with $workers workers: ", implode(', ', array_keys($pids)), "\n";

$stopping = false;
$reload = false;
pcntl_async_signals(true);
pcntl_signal(SIGTERM, function () use (&$stopping) { $stopping = true; }, false); // false: interrupt pcntl_wait()
pcntl_signal(SIGINT, function () use (&$stopping) { $stopping = true; }, false);
pcntl_signal(SIGHUP, function () use (&$reload) { $reload = true; }, false);

$retiring = []; // old workers finishing their requests after a reload
while (true) {
    if ($stopping) {
        foreach (array_keys($pids + $retiring) as $pid) {
            posix_kill($pid, SIGTERM);
        }
        while (pcntl_wait($status) > 0);
        echo "stopped\n";
        exit(0);
    }
    if ($reload) {
        $reload = false;
        $old = $pids;
        $pids = [];
        for ($i = 0; $i < $workers; $i++) {
            $pids[start_worker($port, $grace_ms)] = true; // they listen before the old ones stop
        }
        usleep(100_000);
        foreach (array_keys($old) as $pid) {
            posix_kill($pid, SIGTERM);
            $retiring[$pid] = true;
        }
        echo "reloaded: workers ", implode(', ', array_keys($pids)), "\n";
    }
    $pid = pcntl_wait($status); // a signal interrupts it (-1): the loop looks at the flags
    if ($pid > 0) {
        if (isset($retiring[$pid])) {
            unset($retiring[$pid]);
            echo "retired: worker $pid\n";
        } elseif (isset($pids[$pid]) && !$stopping) {
            unset($pids[$pid]);
            $pids[start_worker($port, $grace_ms)] = true;
            echo "worker $pid died (status ", pcntl_wexitstatus($status), "): replaced\n";
        }
    }
}
