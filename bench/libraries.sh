#!/usr/bin/env bash
# curl and PostgreSQL through this extension's library hooks beside stock PHP (bench/libraries.php):
# 200 HTTP requests to a local server answering in 50 ms (serial curl_exec, one curl_multi loop,
# 50 coroutines), and 100 SELECT pg_sleep(0.1) (serial, 100 coroutines). BENCH_REPEAT runs each
# (default 3) and keeps the fastest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/out/ext/async.so" ] || "$root/scripts/build.sh" >/dev/null
repeat="${BENCH_REPEAT:-3}"
ext=(-n -d extension_dir="$root/out/ext")
stock=("${ext[@]}" -d extension=curl -d extension=pgsql)
ours=("${ext[@]}" -d extension=async -d extension=curl -d extension=pgsql)

# The HTTP server: a coroutine server in its own process; it ends when its stdin closes.
coproc server { php "${ext[@]}" -d extension=async "$root/tests/hooks/curl_server.inc.php"; }
read -r port <&"${server[0]}"
url="http://127.0.0.1:$port"
"$root/scripts/postgres.sh" start >/dev/null
trap '"$root/scripts/postgres.sh" stop; kill $server_PID 2>/dev/null || true' EXIT
. "$root/out/postgres/env"
conninfo="host=$ASYNC_TEST_PGSQL_HOST port=$ASYNC_TEST_PGSQL_PORT user=$ASYNC_TEST_PGSQL_USER dbname=$ASYNC_TEST_PGSQL_DB"

best() { # mode target php-args...: the fastest of $repeat runs, in ms
	local mode="$1" target="$2"; shift 2
	local fastest=""
	for _ in $(seq 1 "$repeat"); do
		local ms; ms="$(php "$@" "$root/bench/libraries.php" "$mode" "$target" | awk '{ print $3 }')"
		if [ -z "$fastest" ] || [ "$ms" -lt "$fastest" ]; then fastest="$ms"; fi
	done
	echo "$fastest"
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), PHP $(php -r 'echo PHP_VERSION;'), libcurl $(php -n -d extension=curl -r 'echo curl_version()["version"];'), PostgreSQL $(psql --version | awk '{ print $3 }')"
echo "command: BENCH_REPEAT=$repeat bench/libraries.sh (fastest run of each)"
echo
printf "%-66s %8s %8s\n" "workload" "ms" "req/s"
row() { printf "%-66s %8s %8.0f\n" "$1" "$2" "$(echo "$3 * 1000 / $2" | bc -l)"; }
row "200 x curl_exec, serial (stock PHP, keep-alive)" "$(best curl-serial "$url" "${stock[@]}")" 200
row "200 requests, one curl_multi loop, 50 connections (stock PHP)" "$(best curl-multi "$url" "${stock[@]}")" 200
row "200 x curl_exec in 50 coroutines (4 each)" "$(best curl-coroutines "$url" "${ours[@]}")" 200
row "100 x pg_sleep(0.1), serial, one connection (stock PHP)" "$(best pg-serial "$conninfo" "${stock[@]}")" 100
row "100 x pg_sleep(0.1) in 100 coroutines, each connecting" "$(best pg-coroutines "$conninfo" "${ours[@]}")" 100
row "100 x pg_sleep(0.1) in 100 coroutines, connected beforehand" "$(best pg-coroutines-connected "$conninfo" "${ours[@]}")" 100
