#!/usr/bin/env bash
# A throw-away memcached for the memcached tests, under out/memcached (as scripts/mariadb.sh).
#   scripts/memcached.sh start   starts memcached on 127.0.0.1 (a free port), prints the settings as
#                                `export` lines and writes them to out/memcached/env
#   scripts/memcached.sh stop    stops it and removes out/memcached
# The tests read ASYNC_TEST_MEMCACHED_HOST and _PORT, and skip without them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/test_server_lib.sh"
dir="$root/out/memcached"
pidfile="$dir/memcached.pid"

stop() {
	stop_pidfile "$pidfile"
	rm -rf "$dir"
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
	wait_for_port "$port" "$dir/memcached.log" || { stop; exit 1; }
	write_env "$dir/env" ASYNC_TEST_MEMCACHED_HOST=127.0.0.1 "ASYNC_TEST_MEMCACHED_PORT=$port"
}

test_server_main "$@"
