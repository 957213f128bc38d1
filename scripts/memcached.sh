#!/usr/bin/env bash
# A throw-away memcached for the memcached tests, under out/memcached (as scripts/mariadb.sh).
#   scripts/memcached.sh start   starts memcached on 127.0.0.1 (a free port), prints the settings as
#                                `export` lines and writes them to out/memcached/env
#   scripts/memcached.sh stop    stops it and removes out/memcached
# The tests read ASYNC_TEST_MEMCACHED_HOST and _PORT, and skip without them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/out/memcached"
pidfile="$dir/memcached.pid"

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
	command -v memcached >/dev/null || { echo "memcached not found: apt-get install memcached" >&2; exit 1; }
	stop
	mkdir -p "$dir"
	local port; port="$(free_port)"
	# memcached refuses to run as root without a user to switch to.
	local user=()
	[ "$(id -u)" != 0 ] || user=(-u nobody)
	# No UDP; enough connections for the tests' coroutines.
	memcached "${user[@]}" -l 127.0.0.1 -p "$port" -U 0 -m 16 -c 1024 >"$dir/memcached.log" 2>&1 &
	echo $! >"$pidfile"
	for _ in $(seq 1 50); do
		php -n -r "exit(@fsockopen('127.0.0.1', $port) ? 0 : 1);" && break
		sleep 0.1
	done
	php -n -r "exit(@fsockopen('127.0.0.1', $port) ? 0 : 1);" || { cat "$dir/memcached.log" >&2; stop; exit 1; }
	cat >"$dir/env" <<ENV
export ASYNC_TEST_MEMCACHED_HOST=127.0.0.1
export ASYNC_TEST_MEMCACHED_PORT=$port
ENV
	cat "$dir/env"
}

case "${1:-}" in
	start) start ;;
	stop) stop ;;
	*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
