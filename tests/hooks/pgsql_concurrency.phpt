--TEST--
Library hooks: ext/pgsql in coroutines (each connecting on its own): pg_query, pg_query_params, pg_prepare/pg_execute and pg_send_query/pg_get_result of N coroutines overlap (N x SELECT pg_sleep(0.3) in about 0.3 s); results equal the same calls outside coroutines
--EXTENSIONS--
pgsql
--SKIPIF--
<?php require __DIR__ . '/pgsql_skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/pgsql_config.inc';
use function Async\{spawn, await};

$sleep = PGSQL_SLEEP;
$calls = [
    'pg_query' => fn ($c, $i) => pg_fetch_row(pg_query($c, "SELECT pg_sleep($sleep), $i"))[1],
    'pg_query_params' => fn ($c, $i) => pg_fetch_row(pg_query_params($c, 'SELECT pg_sleep($1), $2::int', [$sleep, $i]))[1],
    'pg_prepare/pg_execute' => function ($c, $i) use ($sleep) {
        pg_prepare($c, "s$i", 'SELECT pg_sleep($1), $2::int');
        return pg_fetch_row(pg_execute($c, "s$i", [$sleep, $i]))[1];
    },
    'pg_send_query/pg_get_result' => function ($c, $i) use ($sleep) {
        pg_send_query($c, "SELECT pg_sleep($sleep), $i");
        $row = pg_fetch_row(pg_get_result($c))[1];
        if (pg_get_result($c) !== false) echo "more results\n";
        return $row;
    },
];
$n = pgsql_coroutines();
foreach ($calls as $name => $call) {
    $outside = $call(pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW), 7);
    $inside = await(spawn(fn () => $call(pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW), 7)));
    $overlapped = pgsql_overlapped($n, function ($i) use ($call) {
        $c = pg_connect(pgsql_conninfo(), PGSQL_CONNECT_FORCE_NEW);
        $r = $call($c, $i);
        pg_close($c);
        return $r;
    }, $results);
    printf("%s: %s, same inside: %s, results: %s, %s\n", $name, $outside, $outside === $inside ? 'yes' : 'no',
        $results === array_map('strval', range(0, $n - 1)) ? 'right' : 'wrong', $overlapped ? 'overlapped' : 'serial');
}

?>
--EXPECT--
pg_query: 7, same inside: yes, results: right, overlapped
pg_query_params: 7, same inside: yes, results: right, overlapped
pg_prepare/pg_execute: 7, same inside: yes, results: right, overlapped
pg_send_query/pg_get_result: 7, same inside: yes, results: right, overlapped
