<?php
// The body of dns_records.phpt, run in a network and mount namespace of its own where
// /etc/resolv.conf names the small DNS server dns_server.inc.php starts on 127.0.0.1:53.
use function Async\{spawn, await, delay};

const DELAY_MS = 300;
$server = proc_open([PHP_BINARY, '-n', '-d', 'extension_dir=' . ini_get('extension_dir'), '-d', 'extension=async',
    __DIR__ . '/dns_server.inc.php', '127.0.0.1:53', (string) DELAY_MS], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
if (trim((string) fgets($pipes[1])) !== 'ready') die("the DNS server did not start\n");

function probe(): array {
    $r = [];
    set_error_handler(function ($no, $message) use (&$r) { $r[] = "warning: $message"; return true; });
    $r[] = dns_get_record('fast.test', DNS_A | DNS_MX | DNS_TXT);
    $r[] = dns_get_record('slow.test', DNS_ANY);
    $r[] = [getmxrr('fast.test', $hosts, $weights), $hosts, $weights];
    $r[] = [checkdnsrr('fast.test', 'A'), checkdnsrr('fast.test', 'AAAA'), checkdnsrr('fast.test')];
    $r[] = ['nxdomain', dns_get_record('nx.test', DNS_A), checkdnsrr('nx.test', 'MX'), getmxrr('nx.test', $hosts), $hosts];
    $r[] = ['servfail', dns_get_record('fail.test', DNS_A), checkdnsrr('fail.test', 'A')];
    $r[] = ['no answer', dns_get_record('silent.test', DNS_A), getmxrr('silent.test', $hosts)];
    foreach ([fn () => checkdnsrr(''), fn () => dns_get_record('', DNS_A), fn () => checkdnsrr('fast.test', 'BOGUS'), fn () => dns_get_record('fast.test', 1 << 30),
            fn () => dns_get_record("a\0b"), fn () => getmxrr([], $hosts)] as $bad) {
        try { $r[] = $bad(); } catch (Throwable $e) { $r[] = get_class($e) . ': ' . $e->getMessage(); }
    }
    restore_error_handler();
    return $r;
}
$stock = probe();
$hooked = await(spawn('probe'));
var_dump($stock === $hooked);
foreach ($hooked as $value) echo json_encode($value), "\n";

// Overlap: N coroutines each wait for the slow answer, all at once.
$t = hrtime(true);
$coroutines = [];
for ($i = 0; $i < 10; $i++) {
    $coroutines[] = spawn(fn () => [dns_get_record('slow.test', DNS_A)[0]['ip'], checkdnsrr('slow.test', 'MX')]);
}
$all = Async\await_all_or_fail($coroutines);
$elapsed = (hrtime(true) - $t) / 1e9;
echo json_encode(array_unique(array_map('json_encode', $all))), "\n";
var_dump($elapsed < 10 * 2 * DELAY_MS / 1000 / 2);
// Meanwhile other coroutines run: a ticker counts while one query waits.
$ticks = 0;
$ticker = spawn(function () use (&$ticks) { while (true) { delay(20); $ticks++; } });
getmxrr('slow.test', $hosts);
$ticker->cancel();
var_dump($ticks >= 5, $hosts);

// Cancelled in the middle of a query: the cancellation itself, at once, no warning.
foreach (['dns_get_record' => fn () => dns_get_record('slow.test', DNS_A | DNS_MX),
        'getmxrr' => fn () => getmxrr('silent.test', $hosts), 'checkdnsrr' => fn () => checkdnsrr('slow.test')] as $name => $call) {
    $coroutine = spawn(function () use ($call) {
        set_error_handler(function ($no, $message) { echo "warning: $message\n"; return true; });
        return $call();
    });
    delay(100);
    $t = hrtime(true);
    $coroutine->cancel();
    try {
        await($coroutine);
        echo "$name: not cancelled\n";
    } catch (Async\AsyncCancellation $e) {
        echo "$name: ", get_class($e), ((hrtime(true) - $t) / 1e9 < 0.5 ? ', at once' : ', late'), "\n";
    }
}
fclose($pipes[0]);
proc_close($server);
