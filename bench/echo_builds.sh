#!/usr/bin/env bash
# TCP echo with several builds of async.so side by side (before/after a change), beside the raw
# epoll C server, in one run: the sides take turns, REPEAT times, each for SECONDS under
# echo_load at CONNECTIONS. Prints per run and side: round trips/s and the server's CPU time per
# round trip (user + system, from /proc: a shared machine disturbs it less than the throughput).
#   bench/echo_builds.sh CONNECTIONS SECONDS REPEAT path/to/async.so...
# (bench/build.sh first; each .so is loaded with -d extension=PATH.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/out/bench"
[ $# -ge 4 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
conns=$1 seconds=$2 repeat=$3
shift 3
ulimit -n "$(ulimit -Hn)"
. "$root/bench/lib.sh"
pids=() ports=() names=()
port="$(free_port)"
"$out/epoll_echo_server" 127.0.0.1 "$port" & pids+=($!) ports+=("$port") names+=("raw-epoll")
for so in "$@"; do
	port="$(free_port)"
	php -n -d memory_limit=-1 -d extension_dir="$root/out/ext" -d extension="$so" "$root/examples/echo_server.php" \
		127.0.0.1 "$port" >/dev/null 2>&1 &
	pids+=($!) ports+=("$port") names+=("$so")
done
for pid in "${pids[@]}"; do bench_track "$pid"; done
for i in "${!ports[@]}"; do # until each listens
	wait_port "${ports[$i]}" "${pids[$i]}" || true
done
hz="$clock_ticks"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $conns connections, $seconds s per run"
for run in $(seq "$repeat"); do
	for i in "${!ports[@]}"; do
		before="$(cpu_ticks "${pids[$i]}")"
		result="$("$out/echo_load" 127.0.0.1 "${ports[$i]}" "$conns" "$seconds" 2>/dev/null || true)"
		used=$(($(cpu_ticks "${pids[$i]}") - before))
		rt="$(sed -n 's/.*rt_per_s=\([0-9.]*\).*/\1/p' <<<"$result")"
		n="$(sed -n 's/.*round_trips=\([0-9]*\).*/\1/p' <<<"$result")"
		errors="$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<<"$result")"
		awk -v run="$run" -v name="${names[$i]}" -v rt="${rt:-0}" -v t="$used" -v hz="$hz" -v n="${n:-0}" -v e="${errors:--}" \
			'BEGIN { printf "run %d  %-40s %10.0f rt/s  %6.2f us CPU/rt  errors %s\n", run, name, rt, (n > 0 ? t / hz * 1e6 / n : 0), e }'
	done
done
