#!/usr/bin/env bash
# A throw-away redis-server for the phpredis tests, under out/redis (as scripts/mariadb.sh).
#   scripts/redis.sh start       starts redis-server on 127.0.0.1 (a free port), prints the settings as
#                                `export` lines and writes them to out/redis/env
#   scripts/redis.sh stop        stops it and removes out/redis
# The tests read ASYNC_TEST_REDIS_HOST and _PORT, and skip without them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/out/redis"
pidfile="$dir/redis.pid"

stop() {
	if [ -f "$pidfile" ]; then
		local pid; pid="$(cat "$pidfile")"
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	fi
	rm -rf "$dir"
}

free_port() { # asks the kernel for a free loopback port
	php -n -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo substr(strrchr(stream_socket_get_name($s, false), ":"), 1);'
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
	for _ in $(seq 1 50); do
		php -n -r "exit(@fsockopen('127.0.0.1', $port) ? 0 : 1);" && break
		sleep 0.1
	done
	php -n -r "exit(@fsockopen('127.0.0.1', $port) ? 0 : 1);" || { cat "$dir/redis.log" >&2; stop; exit 1; }
	cat >"$dir/env" <<ENV
export ASYNC_TEST_REDIS_HOST=127.0.0.1
export ASYNC_TEST_REDIS_PORT=$port
ENV
	cat "$dir/env"
}

case "${1:-}" in
	start) start ;;
	stop) stop ;;
	*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
