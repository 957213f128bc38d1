<?php
// curl and PostgreSQL inside coroutines beside stock PHP's best: one mode per process, run by
// bench/libraries.sh, which starts the HTTP server (tests/hooks/curl_server.inc.php, answering
// /sleep/50 after 50 ms) and a throw-away PostgreSQL (scripts/postgres.sh).
//   php [-d extension=async] -d extension=curl -d extension=pgsql bench/libraries.php <mode> <url or conninfo>
// Prints "<mode> <requests> <ms>".
//   curl-serial        200 curl_exec() one after another (one handle: keep-alive), stock PHP
//   curl-multi         the same 200 requests in one curl_multi loop, 50 connections at most, stock PHP
//   curl-coroutines    the same 200 requests: 50 coroutines, 4 curl_exec() each (one handle each)
//   pg-serial          100 SELECT pg_sleep(0.1) on one connection, stock PHP
//   pg-coroutines      the same 100 queries in 100 coroutines, each connecting first (connects counted)
//   pg-coroutines-connected  the same, the 100 connections opened beforehand (queries only)
use function Async\{spawn, await_all_or_fail};

[, $mode, $target] = $argv;
const REQUESTS = 200, COROUTINES = 50, QUERIES = 100;

function get($h): void {
    if (curl_exec($h) !== 'slept 50') throw new RuntimeException('bad answer: ' . curl_error($h));
}
function handle(string $url) {
    $h = curl_init("$url/sleep/50");
    curl_setopt($h, CURLOPT_RETURNTRANSFER, true);
    return $h;
}

$t = hrtime(true);
switch ($mode) {
    case 'curl-serial':
        $h = handle($target);
        for ($i = 0; $i < REQUESTS; $i++) get($h);
        $n = REQUESTS;
        break;
    case 'curl-multi':
        $multi = curl_multi_init();
        curl_multi_setopt($multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, COROUTINES); // 50 at a time, as the coroutines
        $handles = [];
        for ($i = 0; $i < REQUESTS; $i++) {
            curl_multi_add_handle($multi, $handles[] = handle($target));
        }
        do {
            curl_multi_exec($multi, $active);
            if ($active) curl_multi_select($multi, 1.0);
        } while ($active);
        foreach ($handles as $h) {
            if (curl_multi_getcontent($h) !== 'slept 50') throw new RuntimeException('bad answer');
        }
        $n = REQUESTS;
        break;
    case 'curl-coroutines':
        $coroutines = [];
        for ($c = 0; $c < COROUTINES; $c++) {
            $coroutines[] = spawn(function () use ($target) {
                $h = handle($target);
                for ($i = 0; $i < REQUESTS / COROUTINES; $i++) get($h);
            });
        }
        await_all_or_fail($coroutines);
        $n = REQUESTS;
        break;
    case 'pg-serial':
        $c = pg_connect($target, PGSQL_CONNECT_FORCE_NEW);
        for ($i = 0; $i < QUERIES; $i++) pg_query($c, 'SELECT pg_sleep(0.1)');
        $n = QUERIES;
        break;
    case 'pg-coroutines':
        $coroutines = [];
        for ($i = 0; $i < QUERIES; $i++) {
            $coroutines[] = spawn(function () use ($target) {
                $c = pg_connect($target, PGSQL_CONNECT_FORCE_NEW);
                if (pg_query($c, 'SELECT pg_sleep(0.1)') === false) throw new RuntimeException(pg_last_error($c));
            });
        }
        await_all_or_fail($coroutines);
        $n = QUERIES;
        break;
    case 'pg-coroutines-connected':
        $connections = await_all_or_fail(array_map(fn () => spawn(pg_connect(...), $target, PGSQL_CONNECT_FORCE_NEW), range(1, QUERIES)));
        $t = hrtime(true); // the queries only
        $coroutines = [];
        foreach ($connections as $c) {
            $coroutines[] = spawn(function () use ($c) {
                if (pg_query($c, 'SELECT pg_sleep(0.1)') === false) throw new RuntimeException(pg_last_error($c));
            });
        }
        await_all_or_fail($coroutines);
        $n = QUERIES;
        break;
    default:
        fwrite(STDERR, "unknown mode $mode\n");
        exit(2);
}
printf("%s %d %.0f\n", $mode, $n, (hrtime(true) - $t) / 1e6);
