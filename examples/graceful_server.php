<?php
/*
 * A coroutine server that shuts down gracefully on SIGTERM (docs/signals.md):
 *   1. stops accepting (the listening socket is closed),
 *   2. lets the requests in flight finish, for at most GRACE_MS,
 *   3. cancels those still running (their finally blocks run), and exits 0.
 * A second SIGTERM during step 2 ends the wait at once.
 *
 *   php examples/graceful_server.php [port] [grace ms]
 * A request is one line, "work <ms>"; the answer, after that long, is "done <ms>".
 */
use Async\{Scope, Signal};
use function Async\{spawn, await, delay, signal, timeout};

$port = (int) ($argv[1] ?? 0);
$grace_ms = (int) ($argv[2] ?? 5000);

$server = stream_socket_server("tcp://127.0.0.1:$port", $errno, $error);
if ($server === false) {
    fwrite(STDERR, "cannot listen: $error\n");
    exit(1);
}
$requests = new Scope();           // every request's coroutine, to wait for or cancel together
$requests->setExceptionHandler(function (Scope $scope, Async\Coroutine $co, Throwable $e) {
    echo "request failed: ", $e->getMessage(), "\n";   // one request failing ends no other
});

$acceptor = spawn(function () use ($server, $requests) {
    while (($client = @stream_socket_accept($server, -1)) !== false) {
        $requests->spawn(function () use ($client) {
            try {
                $ms = (int) substr((string) fgets($client), strlen('work '));
                delay($ms);
                fwrite($client, "done $ms\n");
            } finally {
                fclose($client);
                echo "request closed\n";        // runs when cancelled too
            }
        });
    }
});

echo "listening on ", stream_socket_get_name($server, false), "\n";
await(signal(Signal::SIGTERM));

// 1. No new connections.
$acceptor->cancel();
fclose($server);
echo "SIGTERM: not accepting any more\n";

// 2. The requests in flight finish, until the deadline or a second SIGTERM.
$enough = signal(Signal::SIGTERM, timeout($grace_ms));
try {
    $requests->awaitCompletion($enough);
    echo "all requests finished\n";
} catch (Async\OperationCanceledException $e) {
    echo $e->getPrevious() instanceof Async\TimeoutException ? "deadline reached" : "second SIGTERM", ": cancelling the rest\n";
    // 3. The rest are cancelled; their finally blocks run before the script goes on.
    $requests->cancel();
    $requests->awaitAfterCancellation();
}
$enough->ignore();
echo "bye\n";
