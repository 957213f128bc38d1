#!/usr/bin/env bash
# A throw-away redis-server for the phpredis tests, under out/redis (as scripts/mariadb.sh).
#   scripts/redis.sh start       starts redis-server on 127.0.0.1 (a free port), prints the settings as
#                                `export` lines and writes them to out/redis/env
#   scripts/redis.sh stop        stops it and removes out/redis
# The tests read ASYNC_TEST_REDIS_HOST and _PORT, and skip without them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/test_server_lib.sh"
dir="$root/out/redis"
pidfile="$dir/redis.pid"

stop() {
	stop_pidfile "$pidfile"
	rm -rf "$dir"
}

start() {
	command -v redis-server >/dev/null || { echo "redis-server not found: apt-get install redis-server" >&2; exit 1; }
	stop
	mkdir -p "$dir"
	local port; port="$(free_port)"
	# In memory only: no snapshots, no append-only file.
	redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$dir" --daemonize no \
		>"$dir/redis.log" 2>&1 &
	echo $! >"$pidfile"
	wait_for_port "$port" "$dir/redis.log" || { stop; exit 1; }
	write_env "$dir/env" ASYNC_TEST_REDIS_HOST=127.0.0.1 "ASYNC_TEST_REDIS_PORT=$port"
}

test_server_main "$@"
