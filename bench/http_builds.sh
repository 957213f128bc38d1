#!/usr/bin/env bash
# HTTP hello world with several builds of async.so (and, optionally, versions of the example) side
# by side, beside nginx with one worker, in one run: the sides take turns, REPEAT times, each for
# SECONDS under `wrk -t1 -cCONNECTIONS`, after a 1 s warm-up each (every server then holds its
# first contexts and heap, as in bench/run.sh, where the 10,000 point follows the smaller ones).
# Prints per run and side: requests/s, the server's CPU time per request (user + system, from
# /proc: a shared machine disturbs it less than the throughput) and wrk's socket errors.
#   bench/http_builds.sh CONNECTIONS SECONDS REPEAT path/to/async.so[:path/to/http_server.php]...
# (without :example, examples/http_server.php of this tree; each .so is loaded with -d extension=PATH.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/out/bench"
[ $# -ge 4 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
conns=$1 seconds=$2 repeat=$3
shift 3
ulimit -n "$(ulimit -Hn)"
mkdir -p "$out/nginx-builds"
. "$root/bench/lib.sh"
pids=() ports=() names=()
port="$(free_port)"
nginx_user=""; [ "$(id -u)" = 0 ] && nginx_user="user root;"
cat >"$out/nginx-builds/nginx.conf" <<CONF
daemon off;
master_process off;
$nginx_user
worker_processes 1;
pid $out/nginx-builds/nginx.pid;
error_log $out/nginx-builds/error.log;
worker_rlimit_nofile $(ulimit -n);
events { worker_connections $(($(ulimit -n) - 64)); }
http {
	access_log off;
	client_body_temp_path $out/nginx-builds/client_body;
	proxy_temp_path $out/nginx-builds/proxy;
	fastcgi_temp_path $out/nginx-builds/fastcgi;
	uwsgi_temp_path $out/nginx-builds/uwsgi;
	scgi_temp_path $out/nginx-builds/scgi;
	server {
		listen 127.0.0.1:$port;
		location / { default_type text/plain; return 200 "Hello, world!\n"; }
	}
}
CONF
nginx -p "$out/nginx-builds" -c "$out/nginx-builds/nginx.conf" -e "$out/nginx-builds/error.log" & pids+=($!) ports+=("$port") names+=("nginx")
for side in "$@"; do
	so="${side%%:*}" example="$root/examples/http_server.php"
	[ "$side" != "$so" ] && example="${side#*:}"
	port="$(free_port)"
	php -n -d memory_limit=-1 -d extension_dir="$root/out/ext" -d extension="$so" "$example" 127.0.0.1 "$port" >/dev/null 2>&1 &
	pids+=($!) ports+=("$port") names+=("$side")
done
for pid in "${pids[@]}"; do bench_track "$pid"; done
for i in "${!ports[@]}"; do # until each listens, then the warm-up
	wait_port "${ports[$i]}" "${pids[$i]}" || true
	wrk -t1 -c"$conns" -d1s --timeout 10s "http://127.0.0.1:${ports[$i]}/" >/dev/null 2>&1 || true
done
hz="$clock_ticks"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $conns connections, $seconds s per run"
for run in $(seq "$repeat"); do
	for i in "${!ports[@]}"; do
		before="$(cpu_ticks "${pids[$i]}")"
		result="$(wrk -t1 -c"$conns" -d"${seconds}s" --timeout 10s "http://127.0.0.1:${ports[$i]}/" 2>&1 || true)"
		used=$(($(cpu_ticks "${pids[$i]}") - before))
		n="$(awk '/ requests in /{ print $1 }' <<<"$result")"
		rps="$(awk '/Requests\/sec:/{ print $2 }' <<<"$result")"
		errors="$(grep -E 'Socket errors|Non-2xx' <<<"$result" | tr -s ' ' | tr '\n' ' ' || true)"
		awk -v run="$run" -v name="${names[$i]}" -v rps="${rps:-0}" -v t="$used" -v hz="$hz" -v n="${n:-0}" -v e="${errors:-none}" \
			'BEGIN { printf "run %d  %-50s %9.0f req/s  %7.2f us CPU/req  errors: %s\n", run, name, rps, (n > 0 ? t / hz * 1e6 / n : 0), e }'
	done
done
