<?php
// Serves the Symfony app of Kernel.inc.php with this extension: a coroutine per connection
// (HTTP/1.1, keep-alive, bodies by Content-Length), each request handled inside its connection's
// coroutine by a kernel of its own. Kernels are pooled: a request takes an idle one (or boots a new
// one) and gives it back when its response is out, so a kernel's services, its RequestStack and
// whatever request-scoped state they hold serve one request at a time, and Symfony resets them
// between requests (services_resetter) as under PHP-FPM or a worker runtime. The server fills no
// superglobals: they are shared by every coroutine of the process (docs/guide.md, "Serving an app").
//
//   php -d extension=async server.inc.php [--port=P] [--workers=N] [--shared-kernel]
//
// Prints the port (0 or none: a free one), then serves until its standard input closes.
// --workers=N: N processes (forked before any coroutine) on one port (SO_REUSEPORT).
// --shared-kernel: one kernel for all requests at once, the mistake the tests show to leak state.
use App\Kernel;
use Symfony\Component\HttpFoundation\{Request, Response};
use function Async\{spawn, delay};

require __DIR__ . '/../vendor/autoload.php';
require __DIR__ . '/Kernel.inc.php';

$options = getopt('', ['port:', 'workers:', 'shared-kernel']);
$port = (int) ($options['port'] ?? 0);
$workers = max(1, (int) ($options['workers'] ?? 1));
$sharedKernel = isset($options['shared-kernel']);

final class KernelPool
{
    /** @var Kernel[] */
    private array $idle = [];
    private ?Kernel $shared = null;

    public function __construct(private bool $shareOne) {}

    public function handle(Request $request): Response
    {
        $kernel = $this->shareOne ? ($this->shared ??= new Kernel('prod', false)) : (array_pop($this->idle) ?? new Kernel('prod', false));
        try {
            $response = $kernel->handle($request);
            $kernel->terminate($request, $response);
            return $response;
        } finally {
            if (!$this->shareOne) {
                $this->idle[] = $kernel;
            }
        }
    }
}

function respond($connection, Response $response, bool $keepAlive): bool
{
    $content = (string) $response->getContent();
    $response->headers->set('Content-Length', (string) strlen($content));
    $response->headers->set('Connection', $keepAlive ? 'keep-alive' : 'close');
    $status = $response->getStatusCode();
    return fwrite($connection, "HTTP/1.1 $status " . (Response::$statusTexts[$status] ?? '') . "\r\n"
        . $response->headers . "\r\n" . $content) !== false;
}

function serve($connection, KernelPool $pool, string $address): void
{
    while (($line = fgets($connection)) !== false) {
        if (!preg_match('~^([A-Z]+) (\S+) HTTP/1\.([01])\r\n$~', $line, $m)) {
            break;
        }
        [, $method, $target, $minor] = $m;
        $server = ['SERVER_PROTOCOL' => "HTTP/1.$minor", 'REMOTE_ADDR' => '127.0.0.1', 'SERVER_ADDR' => $address];
        $cookies = [];
        $length = 0;
        while (($h = fgets($connection)) !== false && $h !== "\r\n") {
            [$name, $value] = array_map('trim', explode(':', $h, 2)) + [1 => ''];
            $server['HTTP_' . strtoupper(str_replace('-', '_', $name))] = $value;
            if (strcasecmp($name, 'Content-Length') === 0) {
                $length = (int) $value;
            } elseif (strcasecmp($name, 'Cookie') === 0) {
                foreach (explode(';', $value) as $pair) {
                    [$k, $v] = array_map('trim', explode('=', $pair, 2)) + [1 => ''];
                    $cookies[$k] = urldecode($v);
                }
            }
        }
        $body = $length > 0 ? (string) stream_get_contents($connection, $length) : '';
        $keepAlive = strtolower($server['HTTP_CONNECTION'] ?? ($minor === '1' ? 'keep-alive' : 'close')) !== 'close';
        $request = Request::create('http://' . ($server['HTTP_HOST'] ?? $address) . $target, $method, [], $cookies, [], $server, $body);
        if (!respond($connection, $pool->handle($request), $keepAlive) || !$keepAlive) {
            break;
        }
    }
    fclose($connection);
}

/** One worker: accepts on $listener, a coroutine per connection, until stdin closes (or SIGTERM). */
function worker($listener, bool $sharedKernel, bool $watchStdin): void
{
    $pool = new KernelPool($sharedKernel);
    $pool->handle(Request::create('/state?id=warm-up'));       // boots (and compiles, the first time) one kernel
    $address = stream_socket_get_name($listener, false);
    spawn(function () use ($listener, $pool, $address) {
        while (true) {
            $connection = stream_socket_accept($listener, -1);
            if ($connection !== false) {
                spawn(serve(...), $connection, $pool, $address);
            }
        }
    });
    if ($watchStdin) {
        spawn(function () {                                      // STDIN is not hooked: stream_select() is
            do {
                $r = [STDIN];
                $w = $e = null;
            } while (stream_select($r, $w, $e, null) !== false && fgets(STDIN) !== false);
            exit(0);
        });
    }
}

$context = stream_context_create(['socket' => ['so_reuseport' => true, 'backlog' => 1024]]);
$listener = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $context);
if ($listener === false) {
    fwrite(STDERR, "cannot listen: $errstr\n");
    exit(1);
}
$port = (int) substr(strrchr(stream_socket_get_name($listener, false), ':'), 1);
if ($workers === 1) {
    worker($listener, $sharedKernel, true);
    echo $port, "\n";
    return;
}
// N processes: each listens on the same port; the parent only starts and stops them.
$ready = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$children = [];
for ($i = 0; $i < $workers; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        fclose($listener);
        $own = stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, $context);
        pcntl_signal(SIGTERM, SIG_DFL);
        worker($own, $sharedKernel, false);
        fwrite($ready[1], '.');
        return;                                                   // the worker's coroutines run on
    }
    $children[] = $pid;
}
for ($seen = ''; strlen($seen) < $workers && ($byte = fread($ready[0], 1)) !== false && $byte !== '';) {
    $seen .= $byte;                                               // until every worker listens
}
fclose($listener);                                                // then the parent's socket goes
$stop = function () use ($children) {
    foreach ($children as $pid) {
        posix_kill($pid, SIGTERM);
        pcntl_waitpid($pid, $status);
    }
    exit(0);
};
pcntl_async_signals(true);
pcntl_signal(SIGTERM, $stop, false);                              // false: the read below is interrupted
echo $port, "\n";
while (fgets(STDIN) !== false);
$stop();
